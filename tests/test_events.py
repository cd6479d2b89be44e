"""The domain event bus: kinds are checked, listeners on AppConfigs hear every event."""

import pytest
from django.apps import apps

from lippe_ikz import events


def test_publish_reaches_app_config_handlers_and_capture(monkeypatch):
    heard = []
    config = apps.get_app_config("members")
    monkeypatch.setattr(config, "handle_event", heard.append, raising=False)
    with events.capture() as published:
        event = events.publish("members.user.changed", "obj", actor="someone", field="name")
    assert heard == [event] and published == [event]
    assert (event.app_label, event.entity, event.verb) == ("members", "user", "changed")
    assert event.data == {"field": "name"} and not event.is_deletion


def test_a_malformed_kind_is_refused():
    with pytest.raises(ValueError):
        events.publish("changed", object())


def test_capture_only_sees_its_own_block():
    with events.capture() as outer:
        events.publish("members.user.changed", 1)
        with events.capture() as inner:
            events.publish("members.user.deleted", 2)
    events.publish("members.user.changed", 3)
    assert [e.obj for e in outer] == [1, 2]
    assert [e.obj for e in inner] == [2] and inner[0].is_deletion


def test_lazy_request_user_reaches_listeners_as_the_instance(db):
    from django.contrib.auth import get_user_model
    from django.utils.functional import SimpleLazyObject

    user = get_user_model().objects.create_user(
        email="lazy@example.org", password="x", full_name="Lea Lazy"
    )
    lazy = SimpleLazyObject(lambda: user)
    with events.capture() as published:
        events.publish("members.person.changed", lazy, actor=lazy, person=lazy)
    event = published[0]
    assert type(event.obj) is type(user)
    assert type(event.actor) is type(user)
    assert type(event.data["person"]) is type(user)
