from django import forms
from django.contrib import admin
from django.db import models
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from lippe_ikz.admin_setup import LabelledStackedInline, LabelledTabularInline
from projects.models import (
    Award,
    CostItem,
    CostShare,
    Document,
    Milestone,
    Participation,
    Partner,
    Project,
    ProjectLink,
    StatusUpdate,
    Topic,
    Wish,
    WishVote,
)
from projects.resources import (
    CostItemResource,
    ParticipationResource,
    ProjectResource,
    StatusUpdateResource,
    WishResource,
)

FORMATS = [CSV, XLSX]


class ParticipationInline(LabelledTabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["municipality"]


class LinkInline(LabelledTabularInline):
    model = ProjectLink
    extra = 0


class MilestoneInline(LabelledTabularInline):
    model = Milestone
    extra = 0


class AwardInline(LabelledTabularInline):
    model = Award
    extra = 0


class StatusUpdateInline(LabelledStackedInline):
    model = StatusUpdate
    extra = 0
    fields = ["created_at", "author", "new_status", "progress", "text"]
    autocomplete_fields = ["author"]


class DocumentInline(LabelledTabularInline):
    model = Document
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through the portal's checked form


class CostShareInline(LabelledTabularInline):
    model = CostShare
    extra = 0
    autocomplete_fields = ["municipality"]


class WishVoteInline(LabelledTabularInline):
    model = WishVote
    extra = 0
    autocomplete_fields = ["municipality", "user"]


@admin.register(Topic)
class TopicAdmin(ExportMixin, SimpleHistoryAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    list_filter = ["projects__status"]  # topics with projects in a given status
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    formats = FORMATS


@admin.register(Partner)
class PartnerAdmin(ExportMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    formats = FORMATS


@admin.register(Project)
class ProjectAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [ProjectResource]
    formats = FORMATS
    list_display = ["title", "status", "progress", "topic", "start_date", "planned_end_date"]
    list_filter = ["status", "topic", "participations__municipality", "partners"]
    search_fields = ["title", "summary", "description", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    # Plain select and checkbox lists: select2 and the two-box widget leave search fields
    # unlabelled (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["status", "progress", "created_by", "created_at", "updated_at"]
    list_select_related = ["topic"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, StatusUpdateInline, LinkInline, MilestoneInline, AwardInline,
               DocumentInline]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("participations__municipality")

    def get_inlines(self, request, obj):
        """Documents are read-only here: without any, their empty table is left out (on a
        phone it was an unfocusable scroll region, axe: scrollable-region-focusable)."""
        inlines = super().get_inlines(request, obj)
        if obj is None or not obj.documents.exists():
            inlines = [i for i in inlines if i is not DocumentInline]
        return inlines


@admin.register(Participation)
class ParticipationAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ParticipationResource]
    formats = FORMATS
    list_display = ["project", "municipality", "role", "joined_at"]
    list_filter = ["role", "municipality"]
    search_fields = ["project__title", "municipality__name"]
    autocomplete_fields = ["project", "municipality"]
    list_select_related = ["project", "municipality"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [StatusUpdateResource]
    formats = FORMATS
    list_display = ["project", "created_at", "author", "new_status", "progress"]
    list_filter = ["new_status", "project"]
    search_fields = ["project__title", "text", "author__full_name"]
    autocomplete_fields = ["project", "author"]
    list_select_related = ["project", "author"]
    date_hierarchy = "created_at"


@admin.register(CostItem)
class CostItemAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [CostItemResource]
    formats = FORMATS
    list_display = ["title", "project", "kind", "amount", "recurrence", "allocation_key"]
    list_filter = ["kind", "recurrence", "allocation_key"]
    search_fields = ["title", "project__title", "note"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
    inlines = [CostShareInline]


@admin.register(Wish)
class WishAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [WishResource]
    formats = FORMATS
    list_display = ["title", "project", "provider", "municipality", "status", "created_at"]
    list_filter = ["status", "provider", "municipality"]
    search_fields = ["title", "description", "provider_answer", "project__title"]
    autocomplete_fields = ["project", "provider", "municipality", "raised_by"]
    list_select_related = ["project", "provider", "municipality"]
    inlines = [WishVoteInline]


@admin.register(Document)
class DocumentAdmin(ExportMixin, SimpleHistoryAdmin):
    formats = FORMATS
    list_display = ["title", "project", "original_name", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["title", "original_name", "project__title"]
    readonly_fields = ["file", "original_name", "extension", "content_type", "size", "token",
                       "uploaded_by", "uploaded_at"]  # fmt: skip
    list_select_related = ["project"]

    def has_add_permission(self, request):
        return False


@admin.register(ProjectLink, Milestone, Award)
class ProjectDetailAdmin(ExportMixin, SimpleHistoryAdmin):
    formats = FORMATS
    search_fields = ["title", "project__title"]
    list_display = ["title", "project"]
    list_filter = ["project__topic"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]


@admin.register(CostShare)
class CostShareAdmin(ExportMixin, SimpleHistoryAdmin):
    formats = FORMATS
    list_display = ["cost_item", "municipality", "percent"]
    list_filter = ["municipality"]
    search_fields = ["cost_item__title", "municipality__name"]
    autocomplete_fields = ["cost_item", "municipality"]
    list_select_related = ["cost_item", "municipality"]


@admin.register(WishVote)
class WishVoteAdmin(ExportMixin, SimpleHistoryAdmin):
    formats = FORMATS
    list_display = ["wish", "municipality", "user", "created_at"]
    list_filter = ["municipality"]
    search_fields = ["wish__title", "municipality__name"]
    autocomplete_fields = ["wish", "municipality", "user"]
    list_select_related = ["wish", "municipality", "user"]
