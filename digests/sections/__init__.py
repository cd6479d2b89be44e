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
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings

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


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def url_of(obj) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    try:
        return absolute(getter()) if getter else ""
    except Exception:  # noqa: BLE001 - a missing URL must not break a digest
        return ""


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


def all_sections() -> list[Section]:
    """Every section the code knows, whether or not its app is installed."""
    from digests.sections.meetings import MeetingsSection
    from digests.sections.members import NewMembersSection
    from digests.sections.ozg import OzgStatusSection
    from digests.sections.projects import ProjectUpdatesSection
    from digests.sections.workshops import MyActionItemsSection, WorkshopResultsSection

    sections = [
        MeetingsSection(),
        MyActionItemsSection(),
        ProjectUpdatesSection(),
        WorkshopResultsSection(),
        OzgStatusSection(),
        NewMembersSection(),
    ]
    return sorted(sections, key=lambda s: s.order)


def available_sections() -> list[Section]:
    return [section for section in all_sections() if section.available()]
