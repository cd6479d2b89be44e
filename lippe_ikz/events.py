"""Domain events: how an app tells the apps above it that something happened.

The content apps (members, projects, workshops, ozg, …) must not import the cross-cutting
apps that sit on top of them (search, discussions/notifications, the public pages' cache).
So every service that writes publishes one event after its write, inside its transaction::

    from lippe_ikz import events

    events.publish("projects.status_update.added", update, actor=actor, project=project)

Kinds are ``"<app_label>.<entity>.<verb>"``. Verbs: ``created``, ``changed``, ``deleted``
and domain verbs where a listener cares about the difference (``status_changed``,
``added``, ``removed``, ``moved``, ``cancelled``, ``adopted`` …). ``obj`` is the model
instance written; for ``deleted`` the event is published *before* the row is deleted, so
``obj.pk`` is still set. Keyword arguments travel in ``event.data`` (e.g. ``project=``,
``municipality=``, ``previous_status=``); only the instance and plain values, never a request.

An app on top receives every event by defining on its AppConfig::

    def handle_event(self, event: Event) -> None: ...

Handlers run synchronously, in INSTALLED_APPS order, inside the publishing transaction, so
that e.g. a deleted document leaves the search results in the same commit. A handler that
has slow work to do (emails, text extraction) defers it with ``transaction.on_commit`` to a
Celery task. A handler's exception propagates: a write whose consequences cannot be recorded
is rolled back rather than silently left half done.

Tests can see what a service published with ``events.capture()``::

    with events.capture() as published:
        status_update_add(...)
    assert [e.kind for e in published] == ["projects.status_update.added"]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.functional import LazyObject, empty


@dataclass(frozen=True)
class Event:
    kind: str
    obj: Any
    actor: Any = None
    data: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime = field(default_factory=timezone.now)

    @property
    def app_label(self) -> str:
        return self.kind.split(".", 1)[0]

    @property
    def entity(self) -> str:
        return self.kind.split(".")[1]

    @property
    def verb(self) -> str:
        return self.kind.rsplit(".", 1)[-1]

    @property
    def is_deletion(self) -> bool:
        return self.verb == "deleted"


_local = threading.local()


def _handlers():
    for config in apps.get_app_configs():
        handler = getattr(config, "handle_event", None)
        if handler is not None:
            yield handler


def publish(kind: str, obj: Any, *, actor: Any = None, **data: Any) -> Event:
    """Tell every listening app that ``obj`` was written; returns the event."""
    if kind.count(".") != 2:
        raise ValueError(f"event kind must be '<app>.<entity>.<verb>', not {kind!r}")
    event = Event(
        kind=kind,
        obj=_unwrap(obj),
        actor=_unwrap(actor),
        data={key: _unwrap(value) for key, value in data.items()},
    )
    for recorder in getattr(_local, "recorders", ()):
        recorder.append(event)
    for handler in _handlers():
        handler(event)
    return event


def _unwrap(value: Any) -> Any:
    """``request.user`` is a lazy proxy; listeners get the instance itself (``type()`` works)."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


@contextlib.contextmanager
def capture() -> Iterator[list[Event]]:
    """Record the events published in this thread while the block runs."""
    recorded: list[Event] = []
    stack = getattr(_local, "recorders", None)
    if stack is None:
        stack = _local.recorders = []
    stack.append(recorded)
    try:
        yield recorded
    finally:
        stack.remove(recorded)
