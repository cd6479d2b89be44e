from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from digests import services, tasks
from digests.models import Delivery, DigestPreference, MeetingNotice


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "enabled", "weekday", "hour", "scope", "reminders", "watermark"]
    list_filter = ["enabled", "weekday", "scope", "reminders"]
    search_fields = ["person__email", "person__full_name"]
    raw_id_fields = ["person"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["person", "period", "status", "attempts", "item_count", "sent_at", "error"]
    list_filter = ["status", "period"]
    search_fields = ["person__email", "person__full_name", "error"]
    list_select_related = ["person"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected digests again"))
    def resend(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for delivery in queryset:
            services.delivery_requeue(delivery=delivery)
        transaction.on_commit(lambda: [tasks.send_digest.delay(pk) for pk in ids])
        self.message_user(
            request,
            ngettext(
                "%(n)d digest is being sent again.", "%(n)d digests are being sent again.", len(ids)
            )
            % {"n": len(ids)},  # fmt: skip
            messages.SUCCESS,
        )


@admin.register(MeetingNotice)
class MeetingNoticeAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting_ref", "kind", "starts_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["person__email", "meeting_ref"]
