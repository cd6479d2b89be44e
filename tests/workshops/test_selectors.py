"""The selectors the weekly digest reads."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.members.factories import UserFactory
from tests.workshops.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    SessionFactory,
    in_days,
)
from workshops import selectors, services

pytestmark = pytest.mark.django_db


def test_upcoming_events_in_window(detmold, workshop):
    inside = MeetingFactory(host=detmold, start=in_days(2), end=in_days(2, 12))
    session = SessionFactory(workshop=workshop, start=in_days(3), end=in_days(3, 12))
    MeetingFactory(host=detmold, start=in_days(20), end=in_days(20, 12))
    result = selectors.upcoming_events(start=timezone.now(), end=timezone.now() + dt.timedelta(7))
    assert result == [inside, session]


def test_meetings_accepted_by(detmold, member):
    accepted, declined = MeetingFactory(host=detmold), MeetingFactory(host=detmold)
    services.attendance_set(actor=member, user=member, meeting=accepted, response="accepted")
    services.attendance_set(actor=member, user=member, meeting=declined, response="declined")
    assert selectors.meetings_accepted_by(user=member) == [accepted]


def test_minutes_results_and_items_since(detmold_cdo, meeting, workshop, detmold):
    since = timezone.now()
    services.meeting_minutes_update(actor=detmold_cdo, meeting=meeting, minutes="Neu")
    services.workshop_results_update(actor=detmold_cdo, workshop=workshop, results="Ergebnis")
    item = ActionItemFactory(meeting=meeting, responsible_municipality=detmold)
    changed = selectors.minutes_and_results_since(since=since)
    assert changed == {"meetings": [meeting], "workshops": [workshop]}
    assert selectors.action_items_since(since=since) == [item]
    later = timezone.now()
    assert selectors.minutes_and_results_since(since=later) == {"meetings": [], "workshops": []}


def test_open_and_overdue_items_of_a_person(detmold_cdo, detmold, lemgo, meeting):
    mine = ActionItemFactory(meeting=meeting, responsible_municipality=lemgo,
                             responsible_person=detmold_cdo)  # fmt: skip
    kommune = ActionItemFactory(
        meeting=meeting, responsible_municipality=detmold,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold, status="done")
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                      responsible_person=UserFactory())  # fmt: skip
    assert set(selectors.open_action_items_for(user=detmold_cdo)) == {mine, kommune}
    assert selectors.overdue_action_items_for(user=detmold_cdo) == [kommune]


def test_open_items_of_many_people_in_one_query(
    detmold_cdo, lemgo_cdo, detmold, lemgo, meeting, django_assert_num_queries
):
    ActionItemFactory(meeting=meeting, responsible_municipality=lemgo,
                      responsible_person=detmold_cdo)  # fmt: skip
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                      due_date=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    ActionItemFactory(meeting=meeting, responsible_municipality=lemgo)
    ActionItemFactory(meeting=meeting, responsible_municipality=lemgo, status="done")
    nobody = UserFactory()
    people = [detmold_cdo, lemgo_cdo, nobody]
    own = {detmold_cdo.pk: [detmold.pk], lemgo_cdo.pk: [lemgo.pk], nobody.pk: []}
    with django_assert_num_queries(1):
        by_user = selectors.open_action_items_by_user(municipality_ids_by_user=own)
    for person in people:
        assert by_user[person.pk] == selectors.open_action_items_for(user=person)
    assert by_user[nobody.pk] == []


def test_event_ics_bytes(meeting):
    cal = Calendar.from_ical(selectors.event_ics(meeting))
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == meeting.title


def test_session_change_raises_sequence(detmold_cdo, workshop):
    session = SessionFactory(workshop=workshop)
    services.session_update(actor=detmold_cdo, session=session, data={"agenda": "neu"})
    assert session.sequence == 0
    services.session_update(actor=detmold_cdo, session=session,
                            data={"end": session.end + dt.timedelta(hours=1)})  # fmt: skip
    services.session_cancel(actor=detmold_cdo, session=session)
    session.refresh_from_db()
    assert (session.sequence, session.status) == (2, "cancelled")


def test_municipality_panel_lists_hosted_meetings_and_open_items(detmold_client, detmold, lemgo):
    MeetingFactory(host=detmold, title="Treffen in Detmold")
    MeetingFactory(host=lemgo, title="Treffen in Lemgo")
    ActionItemFactory(meeting=MeetingFactory(host=lemgo), responsible_municipality=detmold,
                      title="Detmolder Maßnahme")  # fmt: skip
    page = detmold_client.get("/kommunen/detmold/").content.decode()
    assert "Treffen in Detmold" in page and "Treffen in Lemgo" not in page
    assert "Detmolder Maßnahme" in page


def test_accepted_attendees_by_meeting(detmold, member):
    meeting, other = MeetingFactory(host=detmold), MeetingFactory(host=detmold)
    services.attendance_set(actor=member, user=member, meeting=meeting, response="accepted")
    inactive = UserFactory(is_active=False)
    AttendanceFactory(meeting=meeting, user=inactive)
    assert selectors.accepted_attendees(meeting_ids=[meeting.pk, other.pk]) == {
        meeting.pk: [member],
        other.pk: [],
    }


def test_cancelled_meetings_since(detmold, detmold_cdo):
    before = timezone.now()
    cancelled = MeetingFactory(host=detmold)
    services.meeting_cancel(actor=detmold_cdo, meeting=cancelled)
    MeetingFactory(host=detmold)
    past = MeetingFactory(host=detmold, start=in_days(-3), end=in_days(-3, 12))
    services.meeting_cancel(actor=detmold_cdo, meeting=past)
    assert selectors.cancelled_meetings_since(since=before, starting_after=before) == [cancelled]
    assert selectors.cancelled_meetings_since(since=timezone.now(), starting_after=before) == []


def test_municipality_events_include_its_workshop_sessions(detmold, lemgo, workshop):
    """Meetings it hosts, sessions of workshops it organises and sessions it attends."""
    hosted = MeetingFactory(host=detmold, start=in_days(9), end=in_days(9, 12))
    organised = SessionFactory(workshop=workshop, start=in_days(3), end=in_days(3, 12))
    other = SessionFactory(workshop__organiser=lemgo, start=in_days(5), end=in_days(5, 12))
    attended = SessionFactory(workshop__organiser=lemgo, start=in_days(6), end=in_days(6, 12))
    attended.attending_municipalities.set([detmold, lemgo])
    SessionFactory(workshop=workshop, start=in_days(-3), end=in_days(-3, 12))  # past
    MeetingFactory(host=lemgo, start=in_days(4), end=in_days(4, 12))  # someone else's

    assert selectors.municipality_events(municipality=detmold) == [organised, attended, hosted]
    assert other in selectors.municipality_events(municipality=lemgo)


@pytest.mark.parametrize("n", [1, 8])
def test_municipality_events_query_count(detmold, lemgo, workshop, n,
                                         django_assert_num_queries):  # fmt: skip
    for i in range(n):
        MeetingFactory(host=detmold, start=in_days(i + 1), end=in_days(i + 1, 12))
        SessionFactory(workshop=workshop, start=in_days(i + 2), end=in_days(i + 2, 12))
        s = SessionFactory(workshop__organiser=lemgo, start=in_days(i + 3), end=in_days(i + 3, 12))
        s.attending_municipalities.add(detmold)
    with django_assert_num_queries(2):
        events = selectors.municipality_events(municipality=detmold, limit=30)
        assert len(events) == 3 * n
        assert [e.host_name for e in events]


def test_next_meetings_are_the_next_ones_whatever_the_order_they_were_created(detmold, member):
    """The dashboard's "Next meetings": the three that start first, not three planned ones
    (an aggregate query drops Meta.ordering, so the order must be explicit)."""
    later = [MeetingFactory(host=detmold, start=in_days(d), end=in_days(d, 12)) for d in (30, 20)]
    soon = [MeetingFactory(host=detmold, start=in_days(d), end=in_days(d, 12)) for d in (9, 3, 6)]
    for meeting in later + soon:
        AttendanceFactory(meeting=meeting)
    assert selectors.next_meetings(limit=3) == sorted(soon, key=lambda m: m.start)


def test_meetings_awaiting_reply_shows_the_next_unanswered_and_their_number(detmold, member):
    meetings = [MeetingFactory(host=detmold, start=in_days(d), end=in_days(d, 12))
                for d in (12, 2, 8, 4, 10, 6, 14)]  # fmt: skip
    AttendanceFactory(meeting=meetings[1], user=member)  # answered: the one in 2 days
    result = selectors.meetings_awaiting_reply(user=member, limit=5)
    assert result["total"] == 6
    assert [m.start for m in result["items"]] == [in_days(d) for d in (4, 6, 8, 10, 12)]
    assert result["items"][0].host.name == "Detmold"
