"""Every write of the workshops app.

Each function takes keyword arguments only, runs in one transaction, validates with
`full_clean()` and checks the actor's permission (raising PermissionDenied, answered as 403).
"""

import logging
import secrets
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lippe_ikz import events
from lippe_ikz.links import absolute_url
from lippe_ikz.uploads import inspect_upload
from members.models import Municipality, User
from members.text import german_slugify
from workshops import permissions
from workshops.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Attendance,
    CalendarFeed,
    EventStatus,
    Meeting,
    Workshop,
    WorkshopSession,
)

logger = logging.getLogger(__name__)

WORKSHOP_FIELDS = {"title", "goal", "organiser", "partner", "funding", "preparation_notes"}
SESSION_FIELDS = {"title", "start", "end", "location", "online_url", "agenda"}
MEETING_FIELDS = {
    "kind", "title", "host", "start", "end", "location", "online_url", "description",
    "seat_limit",
}  # fmt: skip
ACTION_ITEM_FIELDS = {"title", "description", "responsible_municipality",
                      "responsible_person", "due_date", "project"}  # fmt: skip


# Paths under /workshops/ that a workshop's slug must not shadow.
RESERVED_SLUGS = {"neu", "massnahmen", "anhaenge"}


def _apply(instance, data: dict, allowed: set[str]) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise ValueError(f"{key} is not editable here")
        setattr(instance, key, value)


def _calendar_changed(instance, before: dict) -> bool:
    return any(getattr(instance, name) != before.get(name) for name in instance.CALENDAR_FIELDS)


def _snapshot(instance) -> dict:
    return {name: getattr(instance, name) for name in instance.CALENDAR_FIELDS}


def _unique_slug(title: str) -> str:
    base = german_slugify(title)[:180] or "workshop"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Workshop.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Workshops ------------------------------------------------------------------------------


@transaction.atomic
def workshop_create(*, actor: User, data: dict) -> Workshop:
    workshop = Workshop(created_by=actor)
    _apply(workshop, data, WORKSHOP_FIELDS)
    if not permissions.can_edit_workshop(actor, workshop):
        raise PermissionDenied
    workshop.slug = _unique_slug(workshop.title)
    workshop.full_clean()
    workshop.save()
    events.publish("workshops.workshop.created", workshop, actor=actor)
    return workshop


@transaction.atomic
def workshop_update(*, actor: User, workshop: Workshop, data: dict) -> Workshop:
    if not permissions.can_edit_workshop(actor, workshop):
        raise PermissionDenied
    results_before = workshop.results
    _apply(workshop, data, WORKSHOP_FIELDS | {"results"})
    if workshop.results != results_before:
        workshop.results_updated_at = timezone.now()
    # The new organiser must be one the actor may write for, too.
    if not permissions.can_edit_workshop(actor, workshop):
        raise PermissionDenied
    workshop.full_clean()
    workshop.save()
    events.publish(
        "workshops.workshop.changed",
        workshop,
        actor=actor,
        results_changed=workshop.results != results_before,
    )
    return workshop


@transaction.atomic
def workshop_results_update(*, actor: User, workshop: Workshop, results: str) -> Workshop:
    """Write the Ergebnisdokumentation; django-simple-history keeps every version."""
    return workshop_update(actor=actor, workshop=workshop, data={"results": results})


@transaction.atomic
def session_create(
    *,
    actor: User,
    workshop: Workshop,
    data: dict,
    municipalities: list[Municipality] | None = None,
) -> WorkshopSession:
    if not permissions.can_edit_workshop(actor, workshop):
        raise PermissionDenied
    session = WorkshopSession(workshop=workshop)
    _apply(session, data, SESSION_FIELDS)
    session.full_clean()
    session.save()
    if municipalities is not None:
        session.attending_municipalities.set(municipalities)
    events.publish("workshops.session.created", session, actor=actor, workshop=workshop)
    return session


@transaction.atomic
def session_update(
    *,
    actor: User,
    session: WorkshopSession,
    data: dict,
    municipalities: list[Municipality] | None = None,
) -> WorkshopSession:
    if not permissions.can_edit_workshop(actor, session.workshop):
        raise PermissionDenied
    before = _snapshot(session)
    _apply(session, data, SESSION_FIELDS)
    moved = _calendar_changed(session, before)
    if moved:
        session.sequence += 1
    session.full_clean()
    session.save()
    if municipalities is not None:
        session.attending_municipalities.set(municipalities)
    events.publish(
        "workshops.session.changed", session, actor=actor, workshop=session.workshop, moved=moved
    )
    return session


def _event_cancel(event):
    """Mark a meeting or workshop session cancelled once; calendars see a new SEQUENCE."""
    if not event.is_cancelled:
        event.status = EventStatus.CANCELLED
        event.sequence += 1
        event.full_clean()
        event.save()
    return event


@transaction.atomic
def session_cancel(*, actor: User, session: WorkshopSession) -> WorkshopSession:
    if not permissions.can_edit_workshop(actor, session.workshop):
        raise PermissionDenied
    was_cancelled = session.is_cancelled
    _event_cancel(session)
    if not was_cancelled:
        events.publish(
            "workshops.session.cancelled", session, actor=actor, workshop=session.workshop
        )
    return session


# --- Meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, actor: User, data: dict, agenda: list[dict] | None = None) -> Meeting:
    meeting = Meeting(created_by=actor)
    _apply(meeting, data, MEETING_FIELDS)
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    meeting.full_clean()
    meeting.save()
    if agenda:
        _agenda_replace(meeting, agenda)
    events.publish("workshops.meeting.created", meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, data: dict, agenda: list[dict] | None = None
) -> Meeting:
    """Change a meeting; a change of time, place or title raises the calendar SEQUENCE."""
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = _snapshot(meeting)
    _apply(meeting, data, MEETING_FIELDS)
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    moved = _calendar_changed(meeting, before)
    if moved:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    if agenda is not None:
        _agenda_replace(meeting, agenda)
    _promote_waiting(meeting)
    events.publish(
        "workshops.meeting.changed",
        meeting,
        actor=actor,
        moved=moved,
        previous_start=before.get("start"),
    )
    return meeting


def _agenda_replace(meeting: Meeting, agenda: list[dict]) -> None:
    meeting.agenda_items.all().delete()
    for position, row in enumerate(agenda, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=row["title"],
            presenter=row.get("presenter") or "",
            duration_minutes=row.get("duration_minutes"),
        )
        item.full_clean()
        item.save()


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting) -> Meeting:
    """Cancel; feeds and downloads then send the event with STATUS:CANCELLED."""
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    was_cancelled = meeting.is_cancelled
    _event_cancel(meeting)
    if not was_cancelled:
        events.publish("workshops.meeting.cancelled", meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_copy(*, actor: User, meeting: Meeting, weeks: int) -> Meeting:
    """ "Nächstes Treffen anlegen": the same meeting `weeks` weeks later, with its agenda."""
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    if not 1 <= weeks <= 52:
        raise ValidationError({"weeks": _("Choose between 1 and 52 weeks.")})
    # Keep the wall-clock time across a DST switch: shift in local time.
    start, end = meeting.times_in_weeks(weeks)
    if start <= timezone.now():
        raise ValidationError(
            {"weeks": _("The new meeting would lie in the past; choose more weeks.")}
        )
    copy = Meeting(
        kind=meeting.kind,
        title=meeting.title,
        host=meeting.host,
        start=start,
        end=end,
        location=meeting.location,
        online_url=meeting.online_url,
        description=meeting.description,
        seat_limit=meeting.seat_limit,
        created_by=actor,
    )
    copy.full_clean()
    copy.save()
    _agenda_replace(
        copy,
        [
            {"title": a.title, "presenter": a.presenter, "duration_minutes": a.duration_minutes}
            for a in meeting.agenda_items.all()
        ],
    )
    events.publish("workshops.meeting.created", copy, actor=actor, copied_from=meeting)
    return copy


@transaction.atomic
def meeting_minutes_update(
    *, actor: User, meeting: Meeting, minutes: str, decisions: str = ""
) -> Meeting:
    """Write the Protokoll and decisions; django-simple-history keeps every version."""
    if not permissions.can_edit_meeting(actor, meeting):
        raise PermissionDenied
    meeting.minutes = minutes
    meeting.decisions = decisions
    meeting.minutes_updated_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    events.publish("workshops.meeting.minutes_changed", meeting, actor=actor)
    return meeting


# --- Attendance -----------------------------------------------------------------------------


def _promote_waiting(meeting: Meeting) -> list[Attendance]:
    """Move people up from the waiting list while seats are free (first come, first served).

    Each person moved up is emailed once the transaction has committed (a Celery task).
    """
    waiting = meeting.attendances.filter(response=Attendance.Response.WAITING).order_by(
        "requested_at", "pk"
    )
    if meeting.seat_limit is None:
        free = None
    else:
        taken = meeting.attendances.filter(response=Attendance.Response.ACCEPTED).count()
        free = max(meeting.seat_limit - taken, 0)
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for attendance in promoted:
        attendance.response = Attendance.Response.ACCEPTED
        attendance.promoted_at = now
        attendance.save(update_fields=["response", "promoted_at", "updated_at"])
        transaction.on_commit(partial(_enqueue_promotion_notice, attendance.pk), robust=True)
    return promoted


def _enqueue_promotion_notice(attendance_id: int) -> None:
    from workshops.tasks import notify_promotion

    notify_promotion.delay(attendance_id)


def _promotion_message(attendance: Attendance) -> EmailMessage:
    from workshops.calendar import event_ics

    person, meeting = attendance.user, attendance.meeting
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "person": person,
            "meeting": meeting,
            "url": absolute_url(meeting.get_absolute_url()),
            "portal_name": settings.PORTAL_NAME,
        }
        subject = render_to_string("workshops/email/promotion_subject.txt", context).strip()
        body = render_to_string("workshops/email/promotion.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach(f"termin-{meeting.pk}.ics", event_ics(meeting), "text/calendar")
    return message


@transaction.atomic
def attendance_promotion_notify(*, attendance_id: int) -> bool:
    """Email a person who moved up from the waiting list: exactly once per promotion.

    Safe to run twice: the attendance row is locked and `promotion_notified_at` records the
    email, so a second run (or a retry after success) sends nothing. Nothing is sent when the
    person has answered otherwise since, or the meeting was cancelled or has begun. Called by
    the task `workshops.notify_promotion`; no actor, so no permission check.
    """
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("user", "meeting", "meeting__host")
        .filter(pk=attendance_id)
        .first()
    )
    if attendance is None or attendance.promoted_at is None:
        return False
    notified = attendance.promotion_notified_at
    if notified is not None and notified >= attendance.promoted_at:
        return False
    meeting = attendance.meeting
    if (
        attendance.response != Attendance.Response.ACCEPTED
        or meeting.is_cancelled
        or meeting.start <= timezone.now()
        or not attendance.user.is_active
        or not attendance.user.email
    ):
        return False
    # Record first: if sending fails, the transaction rolls back and a retry sends again.
    attendance.promotion_notified_at = timezone.now()
    attendance.save(update_fields=["promotion_notified_at"])
    _promotion_message(attendance).send()
    logger.info("waiting list: told attendance %s about moving up", attendance.pk)
    return True


@transaction.atomic
def attendance_set(*, actor: User, user: User, meeting: Meeting, response: str) -> Attendance:
    """A person answers zusagen / absagen / vielleicht for themselves.

    With a seat limit, an acceptance beyond the free seats goes to the waiting list; when an
    accepted person declines (or says maybe), the first on the waiting list moves up.
    """
    if actor.pk != user.pk or not actor.is_active:
        raise PermissionDenied(_("Nobody answers for someone else."))
    valid = {Attendance.Response.ACCEPTED, Attendance.Response.MAYBE, Attendance.Response.DECLINED}
    if response not in valid:
        raise ValidationError({"response": _("Choose accept, maybe or decline.")})
    # Lock the meeting row so that two last-seat acceptances cannot both win.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.start <= timezone.now():
        raise ValidationError(_("This meeting has already taken place; answers are closed."))
    attendance = Attendance.objects.filter(meeting=meeting, user=user).first()
    previous = attendance.response if attendance else None
    if attendance is None:
        attendance = Attendance(meeting=meeting, user=user)
    if response == Attendance.Response.ACCEPTED:
        if previous in (Attendance.Response.ACCEPTED, Attendance.Response.WAITING):
            return attendance
        attendance.requested_at = timezone.now()
        taken = meeting.attendances.filter(response=Attendance.Response.ACCEPTED).count()
        full = meeting.seat_limit is not None and taken >= meeting.seat_limit
        attendance.response = Attendance.Response.WAITING if full else response
    else:
        attendance.response = response
    attendance.full_clean()
    attendance.save()
    if previous == Attendance.Response.ACCEPTED and response != previous:
        _promote_waiting(meeting)
    events.publish(
        "workshops.attendance.changed",
        attendance,
        actor=actor,
        meeting=meeting,
        previous_response=previous,
    )
    return attendance


# --- Action items ---------------------------------------------------------------------------


@transaction.atomic
def action_item_create(
    *,
    actor: User,
    data: dict,
    workshop: Workshop | None = None,
    meeting: Meeting | None = None,
) -> ActionItem:
    item = ActionItem(workshop=workshop, meeting=meeting)
    if (workshop is None) == (meeting is None):
        raise ValueError("An action item belongs to exactly one workshop or meeting.")
    if not permissions.can_edit_origin(actor, item):
        raise PermissionDenied
    _apply(item, data, ACTION_ITEM_FIELDS)
    item.full_clean()
    item.save()
    events.publish("workshops.action_item.created", item, actor=actor)
    return item


@transaction.atomic
def action_item_set_status(*, actor: User, item: ActionItem, status: str) -> ActionItem:
    """The responsible person or Kommune (or the editors of its origin) update the status."""
    if not permissions.can_update_action_item(actor, item):
        raise PermissionDenied
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if item.status != status:
        previous_status = item.status
        item.status = status
        item.completed_at = timezone.now() if status == ActionItem.Status.DONE else None
        item.full_clean()
        item.save()
        events.publish(
            "workshops.action_item.status_changed",
            item,
            actor=actor,
            previous_status=previous_status,
        )
    return item


# --- Attachments ----------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    uploaded,
    workshop: Workshop | None = None,
    meeting: Meeting | None = None,
) -> Attachment:
    attachment = Attachment(workshop=workshop, meeting=meeting, uploaded_by=actor)
    if (workshop is None) == (meeting is None):
        raise ValueError("An attachment belongs to exactly one workshop or meeting.")
    if not permissions.can_edit_origin(actor, attachment):
        raise PermissionDenied
    _extension, attachment.content_type = inspect_upload(uploaded)
    attachment.original_name = uploaded.name[:255]
    attachment.size = uploaded.size
    attachment.file = uploaded
    attachment.full_clean()
    attachment.save()
    events.publish("workshops.attachment.created", attachment, actor=actor)
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    """Remove the record now and the file once the transaction has committed."""
    if not permissions.can_delete_attachment(actor, attachment):
        raise PermissionDenied
    storage, name = attachment.file.storage, attachment.file.name
    events.publish("workshops.attachment.deleted", attachment, actor=actor)
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Calendar feed --------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": _new_token()})
    return feed


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new secret address; the old one answers 404 from now on."""
    feed = calendar_feed_get_or_create(user=user)
    feed.token = _new_token()
    feed.is_active = True
    feed.created_at = timezone.now()
    feed.full_clean()
    feed.save()
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> CalendarFeed:
    feed = calendar_feed_get_or_create(user=user)
    feed.is_active = False
    # Also replace the token, so the old address can never come back to life.
    feed.token = _new_token()
    feed.save()
    return feed
