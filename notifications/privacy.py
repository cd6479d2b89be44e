"""The notifications app's part in the privacy duties (see lippe_ikz/privacy.py)."""

from lippe_ikz.privacy import PersonalData, plain, rows
from notifications.models import Follow, Notification, NotificationPreference, Visit


def personal_data(person) -> list[PersonalData]:
    notifications = rows(
        Notification.objects.filter(recipient=person).order_by("created_at", "pk"),
        "kind", "actor_name", "target_title", "detail", "url", "created_at", "read_at",
        "emailed_at",
    )  # fmt: skip
    follows = [
        {
            "kind": follow.content_type.model,
            "item": str(follow.target) if follow.target is not None else "",
            "object_id": follow.object_id,
            "created_at": plain(follow.created_at),
        }
        for follow in Follow.objects.filter(user=person)
        .select_related("content_type")
        .prefetch_related("target")
    ]
    settings_rows = rows(
        NotificationPreference.objects.filter(person=person),
        "email_mention", "email_answer", "updated_at",
    )  # fmt: skip
    visits = rows(Visit.objects.filter(person=person), "last_seen_at", "previous_visit_at")
    return [
        PersonalData("notifications", notifications),
        PersonalData("follows", follows),
        PersonalData("notification_settings", settings_rows),
        PersonalData("visits", visits),
    ]
