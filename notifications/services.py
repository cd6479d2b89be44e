"""Every write of the notifications app: follows, notifications, read marks, email wishes,
visits, the activity log, the emails of mentions and answers, unsubscribing, retention."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lippe_ikz.links import absolute_url
from notifications import followable, selectors
from notifications.models import Activity, Follow, Notification, NotificationPreference, Visit

logger = logging.getLogger(__name__)

EMAIL_THROTTLE = dt.timedelta(hours=1)
VISIT_GRANULARITY = dt.timedelta(minutes=30)
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def _title(obj) -> str:
    return str(obj)[:300]


def _url(obj) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    try:
        return getter()[:500] if getter else ""
    except Exception:  # noqa: BLE001 - a link is a convenience, never a reason to fail a write
        return ""


def _name(user) -> str:
    if user is None:
        return ""
    return (getattr(user, "full_name", "") or getattr(user, "email", "") or str(user))[:150]


# --- Following -------------------------------------------------------------------------------


def follow(*, user, obj) -> Follow:
    """``user`` follows ``obj`` (idempotent). Anyone in the network may follow what they can
    read, i.e. every followable item."""
    if not followable.is_followable(obj):
        raise PermissionDenied
    content_type = ContentType.objects.get_for_model(obj)
    try:
        with transaction.atomic():
            follow_row, _created = Follow.objects.get_or_create(
                user=user, content_type=content_type, object_id=obj.pk
            )
    except IntegrityError:  # a second click at the same moment
        follow_row = Follow.objects.get(user=user, content_type=content_type, object_id=obj.pk)
    return follow_row


def unfollow(*, user, obj) -> bool:
    """``user`` stops following ``obj``; only their own follow is touched."""
    content_type = ContentType.objects.get_for_model(obj)
    deleted, _ = Follow.objects.filter(
        user=user, content_type=content_type, object_id=obj.pk
    ).delete()
    return bool(deleted)


def follow_delete(*, user, follow_id: int) -> bool:
    """Remove one of ``user``'s follows by id (the "Ich folge" page); False if not theirs."""
    deleted, _ = Follow.objects.filter(user=user, pk=follow_id).delete()
    return bool(deleted)


def auto_follow(*, user, obj) -> None:
    """Follow what one creates or takes part in (called from the event handlers)."""
    if user is None or not getattr(user, "pk", None) or not followable.is_followable(obj):
        return
    follow(user=user, obj=obj)


# --- Notifications ---------------------------------------------------------------------------


def notify(
    *,
    recipients: dict[int, str],
    actor,
    target,
    url: str = "",
    detail: str = "",
    thread_key: str = "",
) -> list[Notification]:
    """One notification per recipient id (→ kind); the actor never notifies themself.

    Mentions and answers are emailed after the commit (throttled, see ``notification_email``).
    """
    actor_id = getattr(actor, "pk", None)
    recipients = {pk: kind for pk, kind in recipients.items() if pk and pk != actor_id}
    if not recipients:
        return []
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    # Only active people get notifications.
    active = set(
        get_user_model()
        .objects.filter(pk__in=list(recipients), is_active=True)
        .values_list("pk", flat=True)
    )
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            actor_id=actor_id,
            actor_name=_name(actor),
            content_type=content_type,
            object_id=getattr(target, "pk", None),
            target_title=_title(target) if target is not None else "",
            detail=detail[:300],
            url=(url or _url(target))[:500],
            thread_key=thread_key[:100],
        )
        for pk, kind in recipients.items()
        if pk in active
    ]
    created = Notification.objects.bulk_create(rows)
    email_ids = [n.pk for n in created if n.kind in Notification.EMAIL_KINDS and n.pk]
    if email_ids:
        from notifications import tasks

        def enqueue():
            for pk in email_ids:
                tasks.send_notification_email.delay(pk)

        transaction.on_commit(enqueue)
    return created


def notification_open(*, user, pk: int) -> Notification:
    """Mark one of the person's own notifications read; another person's raises DoesNotExist."""
    notification = Notification.objects.get(pk=pk, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_update(*, person, data: dict) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(person=person)
    for name in ("email_mention", "email_answer"):
        if name in data:
            setattr(preference, name, bool(data[name]))
    preference.full_clean()
    preference.save()
    return preference


# --- Visits and activity ---------------------------------------------------------------------


def visit_record(*, person, now: dt.datetime | None = None) -> Visit:
    """Note that the person is here. A gap of 30 minutes or more since they were last seen
    starts a new visit, whose "previous visit" is that last time; within a visit nothing
    changes. Always three short statements (the same count on every dashboard view): create
    the row if missing, move it on if the gap is long enough, read it."""
    now = now or timezone.now()
    Visit.objects.bulk_create([Visit(person=person, last_seen_at=now)], ignore_conflicts=True)
    Visit.objects.filter(person=person, last_seen_at__lte=now - VISIT_GRANULARITY).update(
        previous_visit_at=F("last_seen_at"), last_seen_at=now
    )
    return Visit.objects.get(person=person)


def activity_record(*, verb: str, target, actor=None, municipality=None, detail: str = "",
                    url: str = "") -> Activity | None:  # fmt: skip
    if target is None or getattr(target, "pk", None) is None:
        return None
    return Activity.objects.create(
        verb=verb,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        target_title=_title(target),
        detail=detail[:300],
        url=(url or _url(target))[:500],
        municipality=municipality if getattr(municipality, "pk", None) else None,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
    )


# --- Email of mentions and answers -----------------------------------------------------------


def unsubscribe_token(*, person, kind: str) -> str:
    """A signed token for the one-click unsubscribe of one kind (no timestamp: a link in an
    old email keeps working, RFC 8058). The same format as the digest's tokens."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"p": person.pk, "k": kind}, compress=True
    )


def unsubscribe_url(*, person, kind: str) -> str:
    token = unsubscribe_token(person=person, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def person_from_token(token: str):
    """(person, kind) of a valid token, else (None, "")."""
    try:
        payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None, ""
    kind = payload.get("k", "")
    if kind not in Notification.EMAIL_KINDS:
        return None, ""
    person = get_user_model().objects.filter(pk=payload.get("p"), is_active=True).first()
    return (person, kind) if person is not None else (None, "")


@transaction.atomic
def unsubscribe(*, token: str) -> NotificationPreference | None:
    person, kind = person_from_token(token)
    if person is None:
        return None
    return preference_update(person=person, data={f"email_{kind}": False})


def _email_message(notification: Notification) -> EmailMultiAlternatives:
    person = notification.recipient
    language = getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "notification": notification,
            "url": absolute_url(notification.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url(person=person, kind=notification.kind),
            "settings_url": absolute_url(reverse("notifications:settings")),
        }
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        text = render_to_string("notifications/email/body.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[person.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def notification_email(*, notification_id: int, now: dt.datetime | None = None) -> str:
    """Email one mention or answer at once: only if the person wants it, at most one email per
    thread and hour, exactly once (``emailed_at`` is claimed before sending). Returns what
    happened: "sent", "unwanted", "throttled", "done" (already sent) or "missing"."""
    now = now or timezone.now()
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not notification.recipient.is_active:
        return "missing"
    if notification.emailed_at is not None:
        return "done"
    if notification.kind not in Notification.EMAIL_KINDS:
        return "unwanted"
    if not selectors.preference_for(notification.recipient).wants_email(notification.kind):
        return "unwanted"
    with transaction.atomic():
        # One claim per person at a time, so that two workers cannot both pass the throttle.
        get_user_model().objects.select_for_update().filter(pk=notification.recipient_id).first()
        recent = Notification.objects.filter(
            recipient_id=notification.recipient_id,
            thread_key=notification.thread_key,
            emailed_at__gte=now - EMAIL_THROTTLE,
        ).exclude(pk=notification.pk)
        if notification.thread_key and recent.exists():
            return "throttled"
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
    if not claimed:
        return "done"
    try:
        _email_message(notification).send()
    except Exception:
        # Not sent: release the claim so that a retry may send it.
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise
    return "sent"


# --- Privacy ---------------------------------------------------------------------------------


def retention_apply(*, now: dt.datetime) -> dict[str, int]:
    days = getattr(settings, "RETENTION_NOTIFICATIONS_DAYS", 180)
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        notifications, _ = Notification.objects.filter(
            read_at__isnull=False, created_at__lt=cutoff
        ).delete()
        activities, _ = Activity.objects.filter(created_at__lt=cutoff).delete()
    return {"notifications": notifications, "activities": activities}


@transaction.atomic
def anonymise(*, person) -> None:
    """The person's own notifications, follows, settings and visit go; where they acted, the
    rows stay (others' records) without their name."""
    Notification.objects.filter(recipient=person).delete()
    Follow.objects.filter(user=person).delete()
    NotificationPreference.objects.filter(person=person).delete()
    Visit.objects.filter(person=person).delete()
    Notification.objects.filter(actor=person).update(actor=None, actor_name="")
    Activity.objects.filter(actor=person).update(actor=None, actor_name="")


def people_of(municipalities: Iterable) -> list[int]:
    """Ids of the active people of these Kommunen."""
    from members.models import Membership

    ids = [getattr(m, "pk", m) for m in municipalities if m is not None]
    if not ids:
        return []
    return list(
        Membership.objects.filter(municipality_id__in=ids, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
