"""The digest's sections, one small class per kind of content.

A section belongs to an app (``app_label``) and reads it only through that app's selectors,
imported lazily. A section whose app is not installed, or whose app does not (yet) offer the
selector the section needs, is skipped: the digest never breaks because an app is missing.

Every selector returns model instances (or anything) with ``__str__`` and, where it links,
``get_absolute_url()``; the section turns them into ``Item``s with absolute URLs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.apps import apps

from lippe_ikz.links import absolute_url

logger = logging.getLogger(__name__)


@dataclass
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass
class Item:
    title: str
    url: str = ""
    meta: str = ""
    when: dt.datetime | dt.date | None = None
    flag: str = ""  # a short status word shown as text, e.g. "überfällig"
    attachment: Attachment | None = None


@dataclass
class DigestContext:
    """Everything a section may need to choose its items, computed once per digest."""

    person: object
    since: dt.datetime
    until: dt.datetime
    now: dt.datetime
    # None for the whole network; the Kommunen of the person for "only mine".
    municipality_ids: list[int] | None
    own_municipality_ids: list[int] = field(default_factory=list)
    # The network-wide reads of this window, shared with everyone who has the same window
    # (a bulk run); None composes everything from the database (preview, test digest).
    shared: WindowData | None = None
    # Per section key, what ``Section.prefetch`` read for many people at once, by person id.
    prefetched: dict[str, dict] | None = None


def url_of(obj) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    try:
        return absolute_url(getter()) if getter else ""
    except Exception:  # noqa: BLE001 - a missing URL must not break a digest
        return ""


class WindowData:
    """The network-wide reads of one content window (since, until]: the same for everyone
    with that window, so a bulk run makes them once (per worker process) instead of once per
    person. Holds model instances and other language-independent values only; the items,
    with their translated words, are still made per person.

    ``get(key, compute)`` returns the value stored under ``key`` or computes and stores it;
    ``url(obj)`` is ``url_of(obj)`` computed once per object.
    """

    def __init__(self, since: dt.datetime, until: dt.datetime):
        self.since = since
        self.until = until
        self.created = time.monotonic()
        self._values: dict[Hashable, object] = {}
        self._urls: dict[tuple, str] = {}

    def get(self, key: Hashable, compute: Callable[[], object]):
        try:
            return self._values[key]
        except KeyError:
            pass
        # Two threads may compute the same value once each; the first stored one wins.
        return self._values.setdefault(key, compute())

    def url(self, obj) -> str:
        key = (type(obj), obj.pk)
        try:
            return self._urls[key]
        except KeyError:
            return self._urls.setdefault(key, url_of(obj))


# A window's data is reused for at most this long: a digest shows the network as it was at
# most this many seconds before it was sent (and never anything outside its window).
WINDOW_DATA_TTL = 300.0
_WINDOW_DATA_MAX = 32
_windows: dict[tuple[dt.datetime, dt.datetime], WindowData] = {}
_windows_lock = threading.Lock()


def window_data(since: dt.datetime, until: dt.datetime) -> WindowData:
    """The shared data of the window (since, until] in this process, made fresh after
    WINDOW_DATA_TTL seconds. Keyed by the window itself, so another window (another week,
    another watermark) never sees it."""
    key = (since, until)
    now = time.monotonic()
    with _windows_lock:
        for old_key in [k for k, w in _windows.items() if now - w.created > WINDOW_DATA_TTL]:
            del _windows[old_key]
        data = _windows.get(key)
        if data is None:
            if len(_windows) >= _WINDOW_DATA_MAX:
                del _windows[min(_windows, key=lambda k: _windows[k].created)]
            data = _windows[key] = WindowData(since, until)
        return data


def clear_window_data() -> None:
    with _windows_lock:
        _windows.clear()


class Section:
    key: str = ""
    app_label: str = ""
    order: int = 100
    # Selector functions (names in ``<app_label>.selectors``) the section needs.
    needs: tuple[str, ...] = ()

    @property
    def title(self) -> str:  # translated at render time
        raise NotImplementedError

    def selector(self, name: str):
        module = importlib.import_module(f"{self.app_label}.selectors")
        return getattr(module, name)

    def available(self) -> bool:
        if not apps.is_installed(self.app_label):
            return False
        try:
            module = importlib.import_module(f"{self.app_label}.selectors")
        except ImportError:
            logger.warning("digest section %s: %s has no selectors", self.key, self.app_label)
            return False
        missing = [name for name in self.needs if not hasattr(module, name)]
        if missing:
            logger.warning("digest section %s: %s.selectors lacks %s", self.key, self.app_label,
                           ", ".join(missing))  # fmt: skip
            return False
        return True

    def items(self, ctx: DigestContext) -> list[Item]:
        raise NotImplementedError

    def prefetch(self, *, municipality_ids_by_person: dict[int, list[int]]) -> dict | None:
        """The person-specific reads of many people at once (a chunk of a bulk run), by
        person id; None if the section has none."""
        return None

    def prefetched(self, ctx: DigestContext):
        """What ``prefetch`` read for this digest's person, or None."""
        data = (ctx.prefetched or {}).get(self.key)
        if data is None:
            return None
        return data.get(ctx.person.pk)

    def shared(self, ctx: DigestContext, key: Hashable, compute: Callable[[], object]):
        """``compute()``, or its value shared by everyone with this window in a bulk run."""
        if ctx.shared is None:
            return compute()
        return ctx.shared.get((self.key, key), compute)

    @staticmethod
    def link(ctx: DigestContext, obj) -> str:
        return ctx.shared.url(obj) if ctx.shared is not None else url_of(obj)


def all_sections() -> list[Section]:
    """Every section the code knows, whether or not its app is installed."""
    from digests.sections.knowledge import OverdueArticlesSection
    from digests.sections.landscape import LandscapeNoticeSection
    from digests.sections.meetings import MeetingsSection
    from digests.sections.members import NewMembersSection
    from digests.sections.notifications import DiscussionsSection
    from digests.sections.ozg import OzgStatusSection
    from digests.sections.projects import ProjectUpdatesSection
    from digests.sections.workshops import MyActionItemsSection, WorkshopResultsSection

    sections = [
        MeetingsSection(),
        MyActionItemsSection(),
        ProjectUpdatesSection(),
        WorkshopResultsSection(),
        OzgStatusSection(),
        LandscapeNoticeSection(),
        NewMembersSection(),
        OverdueArticlesSection(),
        DiscussionsSection(),
    ]
    return sorted(sections, key=lambda s: s.order)


def available_sections() -> list[Section]:
    return [section for section in all_sections() if section.available()]
