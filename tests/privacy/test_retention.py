"""Retention rules: only rows older than their period go; beat runs them daily."""

import datetime as dt
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from digests.models import Delivery, MeetingNotice
from legal.models import AccessibilityFeedback
from privacy import tasks
from privacy.models import DataExport
from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _aged(model, days: int, field: str, **values):
    row = model.objects.create(**values)
    model.objects.filter(pk=row.pk).update(**{field: NOW - dt.timedelta(days=days)})
    return row


def test_retention_deletes_only_old_rows(settings):
    settings.RETENTION_DIGEST_LOG_DAYS = 180
    settings.RETENTION_FEEDBACK_DAYS = 365
    person = UserFactory()
    old = _aged(Delivery, 200, "created_at", person=person, period="2026-W10", status="sent")
    recent = _aged(Delivery, 10, "created_at", person=person, period="2026-W47", status="sent")
    stuck = _aged(Delivery, 200, "created_at", person=person, period="2026-W11", status="queued")
    notice_old = _aged(MeetingNotice, 200, "sent_at", person=person, meeting_ref="m:1",
                       starts_at=NOW, kind="reminder")  # fmt: skip
    notice_new = _aged(MeetingNotice, 3, "sent_at", person=person, meeting_ref="m:2",
                       starts_at=NOW, kind="reminder")  # fmt: skip
    fb_old = _aged(AccessibilityFeedback, 400, "created_at", message="alt", email="a@b.de")
    fb_new = _aged(AccessibilityFeedback, 30, "created_at", message="neu")
    expired = DataExport.objects.create(person=person, status="ready",
                                        expires_at=NOW - dt.timedelta(hours=1))  # fmt: skip
    valid = DataExport.objects.create(person=person, status="ready",
                                      expires_at=NOW + dt.timedelta(days=6))  # fmt: skip
    gone = SessionStore()
    gone.create()
    Session.objects.filter(pk=gone.session_key).update(expire_date=NOW - dt.timedelta(1))
    alive = SessionStore()
    alive.create()

    deleted = tasks.apply_retention()

    assert deleted["digests.digest_deliveries"] == 1
    assert set(Delivery.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}
    assert list(MeetingNotice.objects.values_list("pk", flat=True)) == [notice_new.pk]
    assert list(AccessibilityFeedback.objects.values_list("pk", flat=True)) == [fb_new.pk]
    assert list(DataExport.objects.values_list("pk", flat=True)) == [valid.pk]
    assert list(Session.objects.values_list("pk", flat=True)) == [alive.session_key]
    assert old.pk and notice_old.pk and fb_old.pk and expired.pk  # they existed


def test_periods_are_settings(settings):
    _aged(AccessibilityFeedback, 40, "created_at", message="Kontrast")
    settings.RETENTION_FEEDBACK_DAYS = 60
    tasks.apply_retention()
    assert AccessibilityFeedback.objects.count() == 1
    settings.RETENTION_FEEDBACK_DAYS = 30
    tasks.apply_retention()
    assert AccessibilityFeedback.objects.count() == 0


def test_beat_runs_the_retention_daily():
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    task = PeriodicTask.objects.get(task="privacy.apply_retention")
    assert task.enabled and task.interval.every == 24 * 60 and task.interval.period == "minutes"


def test_a_login_leaves_no_row_in_the_change_history(client, detmold_cdo):
    """Logins are not kept as history rows of the account (a login log without end)."""
    rows = detmold_cdo.history.count()
    assert client.login(email=detmold_cdo.email, password=PASSWORD)
    client.logout()
    assert client.login(email=detmold_cdo.email, password=PASSWORD)
    detmold_cdo.refresh_from_db()
    assert detmold_cdo.last_login is not None
    assert timezone.now() - detmold_cdo.last_login < dt.timedelta(minutes=1)
    assert detmold_cdo.history.count() == rows


def test_login_rows_of_the_past_leave_the_history_real_changes_stay(detmold_cdo):
    """Rows that earlier logins wrote (a save of last_login only) are deleted by retention."""
    detmold_cdo.full_name = "Dana Demo-Neu"
    detmold_cdo.save()
    for _ in range(3):  # what Django's update_last_login did at every login
        detmold_cdo.last_login = timezone.now()
        detmold_cdo.save(update_fields=["last_login"])
    before = detmold_cdo.history.count()  # the factory's rows, the change, three logins

    deleted = tasks.apply_retention()

    # The three logins go (and the factory's password save: nothing readable changed there).
    assert deleted["members.login_history_rows"] == before - 2 >= 3
    names = list(detmold_cdo.history.order_by("history_date").values_list("full_name", flat=True))
    assert names == ["Dana Demo", "Dana Demo-Neu"]
