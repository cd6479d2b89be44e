"""Every non-trivial read of the notifications app."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from notifications.models import Activity, Follow, Notification, NotificationPreference, Visit

NEW_SINCE_FALLBACK = dt.timedelta(days=7)
PANEL_LIMIT = 10


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user):
    """The person's notifications, newest first (a queryset for a paginator: one query per
    page, everything to show is on the row)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def preference_for(person) -> NotificationPreference:
    """The stored settings, or the defaults (unsaved) for a person without a row."""
    preference = NotificationPreference.objects.filter(person=person).first()
    return preference or NotificationPreference(person=person)


def is_following(*, user, obj) -> bool:
    content_type = ContentType.objects.get_for_model(obj)
    return Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).exists()


def follows_of(user) -> list[Follow]:
    """What the person follows, with the items (one query per kind of item)."""
    from notifications.followable import FOLLOWABLE

    follows = list(
        Follow.objects.filter(user=user)
        .select_related("content_type")
        .prefetch_related("target")
        .order_by("content_type__model", "-created_at")
    )
    for follow in follows:
        label = f"{follow.content_type.app_label}.{follow.content_type.model}"
        follow.kind_label = FOLLOWABLE.get(label, follow.content_type.name)
    return follows


def follower_ids(obj) -> list[int]:
    content_type = ContentType.objects.get_for_model(obj)
    return list(
        Follow.objects.filter(
            content_type=content_type, object_id=obj.pk, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def visit_of(person) -> Visit | None:
    return Visit.objects.filter(person=person).first()


def new_since(*, user, since: dt.datetime, municipality_ids: list[int]) -> dict:
    """ "Neu seit Ihrem letzten Besuch": the person's notifications since then and what
    happened on followed items and in their Kommunen (by others). Two queries."""
    notifications = list(
        Notification.objects.filter(recipient=user, created_at__gt=since).order_by(
            "-created_at", "-pk"
        )[:PANEL_LIMIT]
    )
    followed = Follow.objects.filter(
        user=user, content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    activities = list(
        Activity.objects.filter(created_at__gt=since)
        .filter(Q(Exists(followed)) | Q(municipality_id__in=municipality_ids))
        .exclude(actor=user)
        .order_by("-created_at", "-pk")[:PANEL_LIMIT]
    )
    return {"notifications": notifications, "activities": activities}


def digest_notifications_for(*, person, since: dt.datetime, until: dt.datetime):
    """The digest's "Diskussionen": the person's notifications of the window that were
    neither read in the portal nor emailed already."""
    return list(
        Notification.objects.filter(
            recipient=person,
            created_at__gt=since,
            created_at__lte=until,
            read_at__isnull=True,
            emailed_at__isnull=True,
        ).order_by("created_at", "pk")[:50]
    )


def digest_notifications_by_person(*, person_ids: list[int], since: dt.datetime) -> dict:
    """The same for many people at once (a bulk run), from ``since`` on; the section keeps
    each person's own window."""
    result: dict[int, list[Notification]] = {pk: [] for pk in person_ids}
    rows = Notification.objects.filter(
        recipient_id__in=person_ids,
        created_at__gt=since,
        read_at__isnull=True,
        emailed_at__isnull=True,
    ).order_by("created_at", "pk")
    for row in rows:
        result[row.recipient_id].append(row)
    return result
