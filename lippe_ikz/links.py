"""Links: absolute ones for emails and feeds, and links to many objects of one kind with the
URL resolver asked once.

`reverse()` costs tens of microseconds; a table of a few thousand rows with a link or two per
row spent most of its time there (docs/benchmarks.md). `link_maker(viewname)` reverses once
with a placeholder and returns a function that puts each value in its place. Only for path
converters whose values are put into the path as they are (slugs and integers).
"""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

# Matches both the slug and the int converter, and occurs in no other part of a portal URL.
_PLACEHOLDER = "9876543210"


def link_maker(viewname: str, kwarg: str = "slug") -> Callable[[object], str]:
    """A function value -> reverse(viewname, kwargs={kwarg: value})."""
    prefix, suffix = reverse(viewname, kwargs={kwarg: _PLACEHOLDER}).split(_PLACEHOLDER)
    return lambda value: f"{prefix}{value}{suffix}"


def absolute_url(url: str) -> str:
    """A portal path as an absolute URL on SITE_URL (for emails, calendars, feeds); an
    absolute URL or an empty one stays as it is."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url
