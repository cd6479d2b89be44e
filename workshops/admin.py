from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lippe_ikz.admin_setup import LabelledStackedInline, LabelledTabularInline
from workshops.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Attendance,
    CalendarFeed,
    Meeting,
    Workshop,
    WorkshopSession,
)


class SessionInline(LabelledStackedInline):
    model = WorkshopSession
    extra = 0
    fields = ["title", "start", "end", "location", "online_url", "status", "agenda",
              "attending_municipalities"]  # fmt: skip
    filter_horizontal = ["attending_municipalities"]


class ActionItemInline(LabelledTabularInline):
    model = ActionItem
    extra = 0
    fields = ["title", "responsible_municipality", "responsible_person", "due_date", "status"]
    autocomplete_fields = ["responsible_municipality", "responsible_person"]


class AttachmentInline(LabelledTabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None):
        # Uploads go through the portal's form, which checks type and size.
        return False


class AgendaItemInline(LabelledTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "presenter", "duration_minutes"]


class AttendanceInline(LabelledTabularInline):
    model = Attendance
    extra = 0
    fields = ["user", "response", "requested_at"]
    autocomplete_fields = ["user"]


@admin.register(Workshop)
class WorkshopAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organiser", "partner", "funding", "created_at"]
    list_filter = ["organiser"]
    search_fields = ["title", "goal", "partner", "funding", "results"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organiser"]
    readonly_fields = ["results_updated_at", "created_by"]
    inlines = [SessionInline, ActionItemInline, AttachmentInline]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "start", "host", "status", "seat_limit", "sequence"]
    list_filter = ["kind", "status", "host", ("start", admin.DateFieldListFilter)]
    search_fields = ["title", "location", "minutes", "decisions"]
    date_hierarchy = "start"
    autocomplete_fields = ["host"]
    readonly_fields = ["uid", "sequence", "minutes_updated_at", "created_by"]
    inlines = [AgendaItemInline, AttendanceInline, ActionItemInline, AttachmentInline]

    def save_model(self, request, obj, form, change):
        # Admin edits of time, place, title or status must reach subscribed calendars too.
        if change and any(name in form.changed_data for name in obj.CALENDAR_FIELDS):
            obj.sequence += 1
        super().save_model(request, obj, form, change)


@admin.register(WorkshopSession)
class WorkshopSessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "workshop", "start", "status", "sequence"]
    list_filter = ["status", ("start", admin.DateFieldListFilter)]
    search_fields = ["title", "workshop__title", "location"]
    autocomplete_fields = ["workshop"]
    filter_horizontal = ["attending_municipalities"]
    readonly_fields = ["uid", "sequence"]

    def save_model(self, request, obj, form, change):
        if change and any(name in form.changed_data for name in obj.CALENDAR_FIELDS):
            obj.sequence += 1
        super().save_model(request, obj, form, change)


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "responsible_municipality", "responsible_person", "due_date",
                    "status", "origin_display"]  # fmt: skip
    list_filter = ["status", "responsible_municipality", ("due_date", admin.DateFieldListFilter)]
    search_fields = ["title", "description", "responsible_person__full_name"]
    autocomplete_fields = ["responsible_municipality", "responsible_person", "workshop", "meeting",
                           "project"]  # fmt: skip
    list_select_related = ["responsible_municipality", "responsible_person", "workshop", "meeting",
                           "project"]  # fmt: skip

    @admin.display(description=_("from"))
    def origin_display(self, obj):
        return obj.origin


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "user", "response", "requested_at"]
    list_filter = ["response"]
    search_fields = ["meeting__title", "user__full_name", "user__email"]
    autocomplete_fields = ["meeting", "user"]
    list_select_related = ["meeting", "user"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size", "workshop", "meeting", "uploaded_at"]
    search_fields = ["original_name"]
    list_filter = ["content_type"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by"]

    def has_add_permission(self, request):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["user__full_name", "user__email"]
    exclude = ["token"]
    readonly_fields = ["user", "created_at", "last_used_at"]
