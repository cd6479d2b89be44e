import datetime as dt
import sys
import types
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


class FakeMeeting:
    def __init__(self, pk, title, starts_at, location="Kreishaus Detmold"):
        self.pk = pk
        self.title = title
        self.starts_at = starts_at
        self.ends_at = starts_at + dt.timedelta(hours=2)
        self.location = location

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/termine/{self.pk}/"


class FakeRecord:
    def __init__(self, pk, title, created_at, path, due_date=None):
        self.pk, self.title, self.created_at, self.path = pk, title, created_at, path
        self.due_date = due_date
        self.updated_at = created_at

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.path


@pytest.fixture
def fake_apps(monkeypatch):
    """Pretend that projects, workshops and ozg are installed, with selectors returning what
    the test puts into the returned dict. Records every call."""
    data = {"meetings": [], "accepted": set(), "attendees": {}, "cancelled": [], "updates": [],
            "results": [], "actions": [], "ozg": [], "calls": []}  # fmt: skip

    def window(items, since, until):
        return [i for i in items if since < i.created_at <= until]

    def record(name, **kwargs):
        data["calls"].append((name, kwargs))

    projects = types.ModuleType("projects.selectors")
    projects.status_updates_between = lambda **kw: (
        record("status_updates_between", **kw) or window(data["updates"], kw["since"], kw["until"])
    )
    workshops = types.ModuleType("workshops.selectors")
    workshops.meetings_between = lambda **kw: (
        record("meetings_between", **kw)
        or [m for m in data["meetings"] if kw["start"] <= m.starts_at < kw["end"]]
    )
    workshops.accepted_meeting_ids = lambda **kw: data["accepted"] & set(kw["meeting_ids"])
    workshops.accepted_attendees = lambda **kw: data["attendees"].get(kw["meeting"].pk, [])
    workshops.cancelled_meetings_since = lambda **kw: data["cancelled"]
    workshops.results_between = lambda **kw: window(data["results"], kw["since"], kw["until"])
    workshops.open_action_items_for = lambda *, user: data["actions"]
    ozg = types.ModuleType("ozg.selectors")
    ozg.status_changes_between = lambda **kw: (
        record("status_changes_between", **kw) or window(data["ozg"], kw["since"], kw["until"])
    )
    for name, module in (("projects", projects), ("workshops", workshops), ("ozg", ozg)):
        monkeypatch.setitem(sys.modules, f"{name}.selectors", module)
        if name not in sys.modules:
            monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda label: label in {"projects", "workshops", "ozg"} or real(label)
    )
    return data
