from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from knowledge.models import (
    Adoption,
    AdoptionItem,
    Article,
    ArticleFile,
    ChecklistItem,
    Expertise,
    Revision,
    StoryEntry,
    Talk,
    TalkRequest,
    TemplateUsage,
)
from lippe_ikz.admin_setup import LabelledTabularInline


class ChecklistItemInline(LabelledTabularInline):
    model = ChecklistItem
    extra = 0


class ArticleFileInline(LabelledTabularInline):
    model = ArticleFile
    extra = 0
    fields = ["version", "title", "original_name", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "municipality",
        "owner",
        "last_reviewed_at",
        "revision_number",
        "is_demo",
    ]
    list_filter = ["kind", "status", "municipality", "is_demo"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "contacts", "projects", "workshops", "meetings", "services"]
    readonly_fields = ["revision_number", "created_by", "created_at", "updated_at"]
    inlines = [ChecklistItemInline, ArticleFileInline]


@admin.register(Revision)
class RevisionAdmin(SimpleHistoryAdmin):
    list_display = ["article", "number", "author", "created_at", "note"]
    search_fields = ["article__title", "note"]
    readonly_fields = ["article", "number", "author", "created_at"]


@admin.register(ArticleFile)
class ArticleFileAdmin(SimpleHistoryAdmin):
    list_display = ["title", "article", "version", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "article__title"]
    readonly_fields = ["token", "extension", "content_type", "size", "uploaded_at"]


@admin.register(TemplateUsage)
class TemplateUsageAdmin(SimpleHistoryAdmin):
    list_display = ["article", "municipality", "file", "recorded_at"]
    list_filter = ["municipality"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "article", "order"]
    search_fields = ["text"]


class AdoptionItemInline(LabelledTabularInline):
    model = AdoptionItem
    extra = 0
    raw_id_fields = ["action_item"]


@admin.register(Adoption)
class AdoptionAdmin(SimpleHistoryAdmin):
    list_display = ["article", "municipality", "adopted_by", "adopted_at"]
    list_filter = ["municipality"]
    inlines = [AdoptionItemInline]


@admin.register(AdoptionItem)
class AdoptionItemAdmin(SimpleHistoryAdmin):
    list_display = ["item", "adoption", "done_at", "done_by", "action_item"]
    raw_id_fields = ["action_item"]


@admin.register(StoryEntry)
class StoryEntryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "section", "when", "order", "is_public", "is_demo"]
    list_filter = ["section", "is_public"]
    list_editable = ["order", "is_public"]


@admin.register(Talk)
class TalkAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "event", "place", "is_public", "is_demo"]
    list_filter = ["is_public"]
    readonly_fields = ["slides_token"]


@admin.register(TalkRequest)
class TalkRequestAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "kind", "name", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation", "name", "email", "message"]


@admin.register(Expertise)
class ExpertiseAdmin(SimpleHistoryAdmin):
    list_display = ["label", "user", "topic", "year"]
    search_fields = ["label", "user__full_name"]
    list_filter = ["topic"]
