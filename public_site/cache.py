"""Cache versions of the public part: pages and API answers are cached under keys that
contain a version, and the domain events bump the version (see PublicConfig.handle_event).

- ``catalogue``: bumped when the OZG catalogue is imported or a Kommune is renamed (everything
  is stale then);
- ``kommune:<slug>``: bumped when one of that Kommune's statuses or its release changes;
- ``all``: bumped by every change (service pages, the Kreis' progress, the Kreis-wide files);
- ``netzwerk``: bumped when a story entry or a talk changes (the API's /netzwerk/, /termine/).

A version is the time of the bump (seconds since the epoch), so it doubles as the
Last-Modified of whatever depends on it. The cache is Django's default cache: Redis when
REDIS_URL is set, local memory otherwise. A bump happens at once and again after the commit,
so that no request between the two can keep a stale answer under the new version.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

PREFIX = "public:v:"
TIMEOUT = 60 * 60 * 24 * 30  # versions live long; entries under them expire sooner
ENTRY_TIMEOUT = 60 * 60


def _key(name: str) -> str:
    return PREFIX + name


def _bump_now(names: list[str]) -> None:
    now = time.time()
    cache.set_many({_key(n): now for n in names}, TIMEOUT)


def _bump(names: list[str]) -> None:
    _bump_now(names)
    transaction.on_commit(lambda: _bump_now(names))


def bump(municipality) -> None:
    _bump([f"kommune:{municipality.slug}", "all"])


def bump_all() -> None:
    _bump(["catalogue", "all"])


def bump_network() -> None:
    _bump(["netzwerk"])


def versions(*names: str) -> tuple[float, ...]:
    """The current versions (initialised to now where the cache has none), one round trip."""
    keys = [_key(n) for n in names]
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        now = time.time()
        for key in missing:
            cache.add(key, now, TIMEOUT)
        found.update(cache.get_many(missing))
    return tuple(float(found.get(k, 0.0)) for k in keys)


def scope_names(*, kommune: str | None = None) -> tuple[str, ...]:
    if kommune is not None:
        return ("catalogue", f"kommune:{kommune}")
    return ("catalogue", "all")


def entry_key(kind: str, versions_: tuple[float, ...], *parts: str) -> str:
    digest = hashlib.sha256("|".join([kind, *map(repr, versions_), *parts]).encode()).hexdigest()
    return f"public:e:{digest[:40]}"


def etag_for(key: str) -> str:
    return '"' + key.rsplit(":", 1)[-1][:32] + '"'


def get(key: str):
    return cache.get(key)


def put(key: str, value) -> None:
    cache.set(key, value, ENTRY_TIMEOUT)
