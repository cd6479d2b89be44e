from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from public_site.models import ApiToken, PublicationException, PublicationSetting


@admin.register(PublicationSetting)
class PublicationSettingAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "statuses_public", "updated_at", "is_demo"]
    list_filter = ["statuses_public"]
    search_fields = ["municipality__name"]


@admin.register(PublicationException)
class PublicationExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "service", "public", "updated_at"]
    list_filter = ["public", "municipality"]
    search_fields = ["service__ozg_id", "service__name"]
    raw_id_fields = ["service"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False  # tokens are made by their owners on the profile page


def _bump(obj) -> None:
    from public_site import cache

    cache.bump(obj.municipality)


# Admin writes bypass the services (and so the events): invalidate the public caches here.
for _admin in (PublicationSettingAdmin, PublicationExceptionAdmin):
    _admin.save_model = lambda self, request, obj, form, change: (
        obj.save(),
        _bump(obj),
    )[0]
    _admin.delete_model = lambda self, request, obj: (_bump(obj), obj.delete())[1]
