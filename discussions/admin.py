"""Posts and reports in the Django admin: read, hide or restore; reports marked resolved."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from discussions.models import Post, Report


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ("reporter", "reason", "created_at", "emailed_at", "resolved_at")
    readonly_fields = ("reporter", "reason", "created_at", "emailed_at")


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "content_type", "object_id", "is_question", "created_at",
                    "deleted_at", "hidden_at")  # fmt: skip
    list_filter = ("is_question", "content_type", ("hidden_at", admin.EmptyFieldListFilter),
                   ("deleted_at", admin.EmptyFieldListFilter))  # fmt: skip
    search_fields = ("body", "author__full_name", "author__email")
    list_select_related = ("author", "content_type")
    raw_id_fields = ("author", "parent", "answer", "deleted_by", "hidden_by")
    filter_horizontal = ("mentioned_users", "mentioned_municipalities")
    readonly_fields = ("content_type", "object_id", "created_at", "edited_at")
    inlines = [ReportInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("post", "reporter", "created_at", "emailed_at", "resolved_at")
    list_filter = (("resolved_at", admin.EmptyFieldListFilter),)
    list_select_related = ("post", "post__author", "reporter")
    raw_id_fields = ("post", "reporter")
    readonly_fields = ("created_at", "emailed_at")
    actions = ["mark_resolved"]

    @admin.action(description=_("Mark selected reports as resolved"))
    def mark_resolved(self, request, queryset):
        from django.utils import timezone

        queryset.filter(resolved_at=None).update(resolved_at=timezone.now())
