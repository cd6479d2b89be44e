from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from privacy.models import DataExport, Offboarding


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    """Read-only: who asked for their data when, and whether it was ready (never the file)."""

    list_display = ["person", "status", "requested_at", "ready_at", "expires_at", "size"]
    list_filter = ["status"]
    search_fields = ["person__full_name", "person__email"]
    readonly_fields = ["person", "status", "size", "error", "requested_at", "ready_at",
                       "expires_at"]  # fmt: skip
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Offboarding)
class OffboardingAdmin(admin.ModelAdmin):
    """The log of offboardings; "add" opens the portal's offboarding page."""

    list_display = ["created_at", "person", "successor", "actor"]
    readonly_fields = ["person", "successor", "actor", "handed_over", "created_at"]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect(reverse("privacy:offboarding"))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
