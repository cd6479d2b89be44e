"""Moving up from the waiting list: one email per promotion, in the person's language."""

import pytest
from icalendar import Calendar

from tests.members.factories import UserFactory
from tests.workshops.factories import MeetingFactory
from workshops import services, tasks
from workshops.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_meeting(detmold):
    """One seat: Anna holds it, Ben waits."""
    meeting = MeetingFactory(host=detmold, title="Netzwerktreffen Juni", seat_limit=1)
    anna = UserFactory(full_name="Anna Altmann", preferred_language="de")
    ben = UserFactory(full_name="Ben Berger", preferred_language="en")
    for person in (anna, ben):
        services.attendance_set(actor=person, user=person, meeting=meeting, response="accepted")
    return meeting, anna, ben


def test_decline_moves_up_and_emails_in_the_persons_language(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, anna, ben = full_meeting
    assert Attendance.objects.get(user=ben).response == Attendance.Response.WAITING
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="declined")
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [ben.email]
    assert "A seat became free" in mail.subject and "Netzwerktreffen Juni" in mail.subject
    assert f"/termine/{meeting.pk}/" in mail.body
    assert "moved up from the waiting list" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert name == f"termin-{meeting.pk}.ics" and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(meeting.uid) in str(event["UID"])
    ben_attendance = Attendance.objects.get(user=ben)
    assert ben_attendance.promotion_notified_at >= ben_attendance.promoted_at


def test_german_by_default(full_meeting, mailoutbox, django_capture_on_commit_callbacks):
    meeting, anna, ben = full_meeting
    ben.preferred_language = "de"
    ben.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="declined")
    assert "Platz frei" in mailoutbox[0].subject


def test_exactly_once_per_promotion(full_meeting, mailoutbox, django_capture_on_commit_callbacks):
    meeting, anna, ben = full_meeting
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="declined")
    attendance = Attendance.objects.get(user=ben)
    # A redelivered or duplicated task sends nothing more.
    assert tasks.notify_promotion(attendance.pk) is False
    tasks.notify_promotion.delay(attendance.pk)
    assert len(mailoutbox) == 1
    # Ben gives the seat back and asks again; Anna takes it; Ben waits, then moves up again:
    # that is a second promotion and a second email.
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_set(actor=ben, user=ben, meeting=meeting, response="declined")
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="accepted")
        services.attendance_set(actor=ben, user=ben, meeting=meeting, response="accepted")
    assert Attendance.objects.get(user=ben).response == Attendance.Response.WAITING
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="maybe")
    assert [m.to for m in mailoutbox] == [[ben.email], [ben.email]]


def test_raising_the_seat_limit_emails_everyone_who_moves_up(
    detmold_cdo, detmold, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(host=detmold, seat_limit=1)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.attendance_set(actor=person, user=person, meeting=meeting, response="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"seat_limit": 3})
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people[1:])


def test_no_email_when_rolled_back_or_no_longer_accepted(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, anna, ben = full_meeting
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.attendance_set(actor=anna, user=anna, meeting=meeting, response="declined")
    # Before the task runs, Ben declines after all: nobody is told about a seat he gave up.
    services.attendance_set(actor=ben, user=ben, meeting=meeting, response="declined")
    for callback in callbacks:
        callback()
    assert mailoutbox == []


def test_nothing_for_an_unknown_attendance(mailoutbox):
    assert services.attendance_promotion_notify(attendance_id=999999) is False
    assert mailoutbox == []
