"""Dates and times in the active language's formats (never a hard-coded German pattern).

German: "Montag, 2. März 2026, 14:00"; English: "Monday, March 2, 2026, 14:00".
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format


def weekday_date(value, *, short: bool = False, with_time: bool = False) -> str:
    """The weekday and the date (and the time) of `value` in the active locale."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{date_format(value, 'D' if short else 'l')}, {date_format(value, 'DATE_FORMAT')}"
    if with_time and isinstance(value, datetime.datetime):
        text += f", {time_format(value, 'TIME_FORMAT')}"
    return text
