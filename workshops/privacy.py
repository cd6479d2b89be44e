"""The workshops app's part in the privacy duties (see lippe_ikz/privacy.py): answers to
meetings, Maßnahmen, attachments, workshops and meetings created, the calendar feed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from lippe_ikz import events
from lippe_ikz.privacy import PersonalData, PersonalFile, rows
from workshops import services
from workshops.models import (
    ActionItem,
    Attachment,
    Attendance,
    CalendarFeed,
    EventStatus,
    Meeting,
    Workshop,
)


def personal_data(person) -> list[PersonalData]:
    attendances = rows(
        Attendance.objects.filter(user=person),
        "meeting__title", "meeting__start", "response", "requested_at", "promoted_at",
    )  # fmt: skip
    action_items = rows(
        ActionItem.objects.filter(responsible_person=person),
        "title", "description", "workshop__title", "meeting__title",
        "responsible_municipality__name", "due_date", "status", "completed_at", "created_at",
    )  # fmt: skip
    attachment_rows, files = [], []
    for attachment in Attachment.objects.filter(uploaded_by=person).select_related(
        "workshop", "meeting"
    ):
        name = f"attachments/{attachment.pk}-{attachment.original_name}"
        attachment_rows.append(
            {
                "workshop_or_meeting": str(attachment.origin),
                "file_name": attachment.original_name,
                "file_in_export": f"workshops/files/{name}",
                "size": attachment.size,
                "uploaded_at": attachment.uploaded_at.isoformat(),
            }
        )
        files.append(PersonalFile(name=name, storage_name=attachment.file.name))
    workshops = rows(Workshop.objects.filter(created_by=person), "title", "slug", "created_at")
    meetings = rows(Meeting.objects.filter(created_by=person), "title", "start", "created_at")
    # Whether a feed exists and when it was used, never its secret token.
    feed = rows(CalendarFeed.objects.filter(user=person), "is_active", "created_at", "last_used_at")
    return [
        PersonalData("meeting_answers", attendances),
        PersonalData("action_items", action_items),
        PersonalData("attachments", attachment_rows, files),
        PersonalData("workshops_created", workshops),
        PersonalData("meetings_created", meetings),
        PersonalData("calendar_subscription", feed),
    ]


@transaction.atomic
def hand_over(*, person, successor, actor) -> list[str]:
    """Open Maßnahmen (not done) go to the successor; done ones keep their history."""
    items = list(
        ActionItem.objects.filter(responsible_person=person).exclude(status=ActionItem.Status.DONE)
    )
    for item in items:
        item.responsible_person = successor
        item.full_clean()
        item.save()
        events.publish("workshops.action_item.changed", item, actor=actor)
    n = len(items)
    return [ngettext("%(n)d open Maßnahme", "%(n)d open Maßnahmen", n) % {"n": n}] if n else []


@transaction.atomic
def anonymise(*, person, actor) -> None:
    """The person declines the meetings still to come (so the waiting list moves up), and
    their calendar feed goes."""
    upcoming = Attendance.objects.filter(
        user=person,
        meeting__start__gt=timezone.now(),
        meeting__status=EventStatus.PLANNED,
        response__in=[
            Attendance.Response.ACCEPTED,
            Attendance.Response.WAITING,
            Attendance.Response.MAYBE,
        ],
    ).select_related("meeting")
    for attendance in upcoming:
        services.attendance_set(
            actor=person, user=person, meeting=attendance.meeting,
            response=Attendance.Response.DECLINED,
        )  # fmt: skip
    CalendarFeed.objects.filter(user=person).delete()
