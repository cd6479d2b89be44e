"""iCalendar output (RFC 5545) with the icalendar library.

Every event is written in Europe/Berlin with a VTIMEZONE, a stable UID (the event's `uid`)
and its SEQUENCE, so that calendar programs update a changed event instead of adding a
second one; a cancelled event is sent with STATUS:CANCELLED.
"""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from lippe_ikz.links import absolute_url
from workshops.models import EventStatus, Meeting, WorkshopSession

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//IKZ-Portal Lippe//Termine//DE"


def _uid(event) -> str:
    kind = "meeting" if isinstance(event, Meeting) else "session"
    return f"{kind}-{event.uid}@ikz-portal-lippe"


def _event(item) -> Event:
    event = Event()
    event.add("uid", _uid(item))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", item.start.astimezone(BERLIN))
    event.add("dtend", item.end.astimezone(BERLIN))
    event.add("summary", item.calendar_title)
    event.add("sequence", item.sequence)
    event.add("last-modified", item.updated_at)
    place = ", ".join(p for p in (item.location, item.online_url) if p)
    if place:
        event.add("location", place)
    url = absolute_url(item.get_absolute_url())
    event.add("url", url)
    description = [url]
    if item.online_url:
        description.insert(0, item.online_url)
    event.add("description", "\n".join(description))
    cancelled = item.status == EventStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def build_calendar(events: Iterable, *, name: str | None = None, method: str = "PUBLISH") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Berlin")
    items = list(events)
    for item in items:
        cal.add_component(_event(item))
    if items:
        # Only the DST transitions the events need, not 1970-2038.
        first = min(i.start for i in items).astimezone(BERLIN).date()
        last = max(i.end for i in items).astimezone(BERLIN).date()
        cal.add_missing_timezones(
            first_date=first.replace(month=1, day=1),
            last_date=last.replace(year=last.year + 1, month=1, day=1),
        )
    return cal.to_ical()


def event_ics(item: Meeting | WorkshopSession) -> bytes:
    """One meeting's or session's .ics file (also used by the weekly digest)."""
    return build_calendar([item])
