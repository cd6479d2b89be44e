from django.contrib import admin

from search.models import SearchEntry


@admin.register(SearchEntry)
class SearchEntryAdmin(admin.ModelAdmin):
    """Read-only: the index is written by search.indexing (rebuild with
    `manage.py rebuild_search_index`)."""

    list_display = ["title", "type_key", "municipality", "date", "indexed_at"]
    list_filter = ["type_key"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
