"""The dashboard tells the next slot truthfully and whether the dispatch runs."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from digests import selectors
from digests.models import Delivery, DigestPreference
from tests.digests.conftest import berlin

pytestmark = pytest.mark.django_db


def test_a_passed_slot_without_delivery_is_due_not_now(detmold_cdo):
    preference = DigestPreference.objects.create(person=detmold_cdo, weekday=0, hour=7)
    now = berlin(2026, 3, 4, 15, 30)  # Wednesday; Monday 07:00 passed, nothing went out
    schedule = selectors.digest_schedule(preference, now)
    assert schedule.next_at == berlin(2026, 3, 2, 7)
    assert schedule.due is True
    Delivery.objects.create(person=detmold_cdo, period="2026-W10", status=Delivery.Status.SENT)
    schedule = selectors.digest_schedule(preference, now)
    assert (schedule.next_at, schedule.due) == (berlin(2026, 3, 9, 7), False)


def test_dispatcher_running_follows_beats_last_run(detmold_cdo):
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    now = timezone.now()
    assert selectors.dispatcher_state(now) == (False, None)
    PeriodicTask.objects.filter(task="digests.dispatch_digests").update(
        last_run_at=now - dt.timedelta(minutes=20)
    )
    assert selectors.dispatcher_state(now)[0] is True
    PeriodicTask.objects.filter(task="digests.dispatch_digests").update(
        last_run_at=now - dt.timedelta(hours=2)
    )
    assert selectors.dispatcher_state(now)[0] is False


def test_dashboard_says_when_nothing_runs_and_when_it_does(detmold_client, detmold_cdo):
    now = timezone.localtime()
    DigestPreference.objects.create(person=detmold_cdo, weekday=now.weekday(), hour=0)
    page = detmold_client.get("/").content.decode()
    assert "seit" in page and "fällig" in page  # today's slot 00:00 has passed
    assert "Der Versand ist noch nicht gelaufen" in page
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    PeriodicTask.objects.filter(task="digests.dispatch_digests").update(last_run_at=timezone.now())
    page = detmold_client.get("/").content.decode()
    assert "Der Versand läuft" in page
    PeriodicTask.objects.filter(task="digests.dispatch_digests").update(
        last_run_at=timezone.now() - dt.timedelta(days=1)
    )
    page = detmold_client.get("/").content.decode()
    assert "Der Versand läuft derzeit nicht" in page
