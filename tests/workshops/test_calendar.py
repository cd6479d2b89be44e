import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.workshops.factories import MeetingFactory, SessionFactory
from workshops import services
from workshops.calendar import build_calendar
from workshops.selectors import event_ics

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def parse(data: bytes):
    cal = Calendar.from_ical(data)
    return cal, list(cal.walk("VEVENT"))


def test_meeting_ics_round_trip_with_stable_uid_and_rising_sequence(detmold_cdo, meeting):
    _, [first] = parse(event_ics(meeting))
    services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"title": "Neuer Titel"})
    meeting.refresh_from_db()
    cal, [second] = parse(event_ics(meeting))
    assert str(first["UID"]) == str(second["UID"])
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1 == 1
    assert str(second["SUMMARY"]) == "Neuer Titel"
    assert str(second["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert second["DTSTART"].params["TZID"] == "Europe/Berlin"
    services.meeting_cancel(actor=detmold_cdo, meeting=meeting)
    meeting.refresh_from_db()
    _, [third] = parse(event_ics(meeting))
    assert str(third["STATUS"]) == "CANCELLED" and int(third["SEQUENCE"]) == 2
    assert str(third["UID"]) == str(first["UID"])


@pytest.mark.parametrize(
    ("day", "expected_utc_hour"),
    [
        (dt.date(2026, 3, 28), 9),  # Saturday before the switch: CET, UTC+1
        (dt.date(2026, 3, 29), 8),  # last Sunday of March: CEST from 2:00, UTC+2
        (dt.date(2026, 10, 24), 8),  # Saturday before: still CEST
        (dt.date(2026, 10, 25), 9),  # last Sunday of October: CET again
    ],
)
def test_local_time_is_kept_across_dst_switches(detmold, day, expected_utc_hour):
    start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=BERLIN)
    meeting = MeetingFactory(host=detmold, start=start, end=start + dt.timedelta(hours=1))
    cal, [event] = parse(event_ics(meeting))
    parsed = event["DTSTART"].dt
    assert (parsed.hour, parsed.date()) == (10, day)
    assert parsed.astimezone(dt.UTC).hour == expected_utc_hour
    # The VTIMEZONE holds both offsets, so programs without a tz database get it right too.
    offsets = {sub["TZOFFSETTO"].td for sub in cal.walk() if sub.name in ("STANDARD", "DAYLIGHT")}
    assert {dt.timedelta(hours=1), dt.timedelta(hours=2)} <= offsets


def test_session_ics_has_its_own_uid_and_workshop_title(workshop):
    session = SessionFactory(workshop=workshop, title="Teil 1: Analyse")
    meeting = MeetingFactory(host=workshop.organiser)
    _, events = parse(build_calendar([session, meeting]))
    assert len({str(e["UID"]) for e in events}) == 2
    assert str(events[0]["SUMMARY"]) == "Strategie-Workshop: Teil 1: Analyse"
    assert timezone.localtime(session.start).hour == events[0]["DTSTART"].dt.hour
