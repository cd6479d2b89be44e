"""iCalendar attachments for meetings (RFC 5545), built with `icalendar`."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def meeting_uid(meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"meeting-{meeting.pk}@{host}"


def meeting_ics(meeting, *, url: str = "", cancelled: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//IKZ-Portal Lippe//digests//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    starts_at = meeting.starts_at
    event.add("dtstart", starts_at)
    ends_at = getattr(meeting, "ends_at", None) or starts_at + dt.timedelta(hours=2)
    event.add("dtend", ends_at)
    event.add("summary", str(meeting))
    location = getattr(meeting, "location", "")
    if location:
        event.add("location", str(location))
    if url:
        event.add("url", url)
    if cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
