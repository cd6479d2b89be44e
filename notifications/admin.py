from django.contrib import admin

from notifications.models import Activity, Follow, Notification, NotificationPreference, Visit


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "target_title", "actor_name", "created_at", "read_at",
                    "emailed_at"]  # fmt: skip
    list_filter = ["kind", "created_at"]
    search_fields = ["recipient__email", "recipient__full_name", "target_title", "actor_name"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "actor"]
    date_hierarchy = "created_at"


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "content_type"]
    raw_id_fields = ["user"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "email_mention", "email_answer", "updated_at"]
    list_filter = ["email_mention", "email_answer"]
    search_fields = ["person__email", "person__full_name"]
    raw_id_fields = ["person"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["verb", "target_title", "municipality", "actor_name", "created_at"]
    list_filter = ["verb", "content_type"]
    search_fields = ["target_title", "actor_name"]
    list_select_related = ["municipality"]
    raw_id_fields = ["actor"]


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["person", "last_seen_at", "previous_visit_at"]
    search_fields = ["person__email", "person__full_name"]
    raw_id_fields = ["person"]
