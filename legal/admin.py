from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from legal.models import AccessibilityFeedback, LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        return request.user.is_superuser and LegalPage.objects.count() < len(LegalPage.Kind)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "email", "page_url", "handled"]
    list_filter = ["handled", "created_at"]
    search_fields = ["name", "email", "message", "page_url"]
    readonly_fields = ["name", "email", "page_url", "message", "created_at"]
    list_editable = ["handled"]
