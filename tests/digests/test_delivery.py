"""Delivery: the dispatcher, exactly once per person and period, summer time, retries."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from digests import selectors, services, tasks
from digests.models import Delivery, DigestPreference
from members.models import Membership
from tests.digests.conftest import berlin
from tests.digests.factories import DigestPreferenceFactory
from tests.members.factories import MembershipFactory, UserFactory

UTC = dt.UTC


@pytest.fixture
def person(db):
    user = UserFactory(email="ines@example.org", full_name="Ines Info")
    DigestPreferenceFactory(person=user, skip_when_empty=False)
    return user


def run_dispatcher(now):
    for delivery_id in services.dispatch_due_digests(now=now):
        services.delivery_send(delivery_id=delivery_id, now=now)


@pytest.fixture
def no_propagation(monkeypatch):
    monkeypatch.setitem(tasks.send_digest.app.conf, "task_eager_propagates", False)


def apply_like_a_broker(delivery_id):
    """Run the task eagerly: Celery runs each retry it asks for at once (the countdown is
    what a worker would wait)."""
    return tasks.send_digest.apply(args=[delivery_id], throw=False)


def ticks(start, end, minutes=15):
    moment = start.astimezone(UTC)
    while moment < end:
        yield moment
        moment += dt.timedelta(minutes=minutes)


def test_slot_is_monday_seven_by_default(person):
    run_dispatcher(berlin(2026, 3, 9, 6, 45))
    assert len(mail.outbox) == 0
    run_dispatcher(berlin(2026, 3, 9, 7, 0))
    assert len(mail.outbox) == 1
    delivery = Delivery.objects.get()
    assert (delivery.period, delivery.status) == ("2026-W11", Delivery.Status.SENT)
    assert DigestPreference.objects.get(person=person).watermark == berlin(2026, 3, 9, 7, 0)


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        # around the change to summer time (Sunday 29 March 2026)
        (berlin(2026, 3, 17, 0, 0), berlin(2026, 4, 7, 0, 0), 4),
        # around the change back (Sunday 25 October 2026)
        (berlin(2026, 10, 13, 0, 0), berlin(2026, 11, 3, 0, 0), 4),
    ],
)
def test_summer_time_weeks_neither_skip_nor_double(db, start, end, weeks):
    monday = UserFactory(email="montag@example.org")
    sunday_night = UserFactory(email="sonntag@example.org")
    DigestPreferenceFactory(person=monday, skip_when_empty=False)
    # 02:00 on the day of the change does not exist in March and exists twice in October.
    DigestPreferenceFactory(person=sunday_night, weekday=6, hour=2, skip_when_empty=False)
    for now in ticks(start, end, minutes=30):
        run_dispatcher(now)
    for user in (monday, sunday_night):
        deliveries = Delivery.objects.filter(person=user).order_by("window_end")
        periods = [d.period for d in deliveries]
        assert len(periods) == len(set(periods)), periods
        ends = [d.window_end for d in deliveries]  # UTC: PEP 495 compares folds unequal
        # Catch-up on Tuesday plus Mondays 23 March .. 6 April: four; Sundays: three.
        assert len(ends) in (weeks, weeks - 1)
        for index, (previous, following) in enumerate(zip(ends, ends[1:], strict=False)):
            # Every window follows on from the last one: nothing falls between them.
            starts = Delivery.objects.get(person=user, window_end=following).window_start
            assert starts == previous
            if index == 0:
                continue  # from the catch-up to the first regular slot
            assert following - previous in (
                dt.timedelta(days=7),
                dt.timedelta(days=7, hours=1),
                dt.timedelta(days=7, hours=-1),
            )
    # The first digest is a catch-up (the ticks start on a Tuesday); then always 07:00.
    monday_ends = Delivery.objects.filter(person=monday).order_by("window_end")[1:]
    assert {d.window_end.astimezone(selectors.BERLIN).hour for d in monday_ends} == {7}
    assert len(mail.outbox) == Delivery.objects.count()


def test_dispatcher_down_for_hours_catches_up_once(person):
    run_dispatcher(berlin(2026, 3, 9, 6, 45))
    # Down from 06:45 to 11:30.
    for now in ticks(berlin(2026, 3, 9, 11, 30), berlin(2026, 3, 9, 14, 0)):
        run_dispatcher(now)
    assert len(mail.outbox) == 1


def test_missed_sunday_slot_is_caught_up_after_week_boundary(person):
    DigestPreference.objects.filter(person=person).update(weekday=6, hour=22)
    run_dispatcher(berlin(2026, 3, 15, 21, 45))
    run_dispatcher(berlin(2026, 3, 16, 1, 0))  # the next ISO week already
    run_dispatcher(berlin(2026, 3, 16, 1, 15))
    assert [d.period for d in Delivery.objects.all()] == ["2026-W11"]
    assert len(mail.outbox) == 1


def test_disabled_and_inactive_people_get_nothing(person):
    DigestPreference.objects.filter(person=person).update(enabled=False)
    UserFactory(is_active=False)
    run_dispatcher(berlin(2026, 3, 9, 8, 0))
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_skip_when_empty_records_skipped_and_advances(person):
    DigestPreference.objects.filter(person=person).update(skip_when_empty=True)
    run_dispatcher(berlin(2026, 3, 9, 7, 0))
    assert mail.outbox == []
    assert Delivery.objects.get().status == Delivery.Status.SKIPPED


def test_same_task_twice_sends_once(person):
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    tasks.send_digest.apply(args=[delivery_id])
    tasks.send_digest.apply(args=[delivery_id])
    # The dispatcher running again does not enqueue it either.
    assert services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 15)) == []
    assert len(mail.outbox) == 1


def test_worker_killed_after_sending_before_ack(person):
    """The broker redelivers the message (acks_late); the record says it was sent."""
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    services.delivery_send(delivery_id=delivery_id)  # sent, then the worker dies: no ack
    tasks.send_digest.apply(args=[delivery_id])  # redelivered to another worker
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 1


def test_worker_killed_before_sending_is_taken_over(person):
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    # A worker claimed it at 07:00 and died before sending.
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENDING, claimed_at=berlin(2026, 3, 9, 7, 0)
    )
    # While the claim is fresh, a duplicate message does nothing ...
    assert services.delivery_send(delivery_id=delivery_id, now=berlin(2026, 3, 9, 7, 2)) == ""
    # ... once it is stale, the redelivered message sends.
    assert services.delivery_send(delivery_id=delivery_id, now=berlin(2026, 3, 9, 8, 0)) == "sent"
    assert len(mail.outbox) == 1


def test_smtp_failing_twice_then_succeeding(person, monkeypatch, no_propagation):
    real_send = services._send
    failures = []

    def flaky(message, **kwargs):
        if len(failures) < 2:
            failures.append(1)
            raise services.TransientMailError("SMTPServerDisconnected: try again")
        real_send(message, **kwargs)

    monkeypatch.setattr(services, "_send", flaky)
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    apply_like_a_broker(delivery_id)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 3, "")
    assert len(mail.outbox) == 1
    assert [tasks.backoff(n) for n in range(3)] == [60, 120, 240]


def test_final_failure_is_recorded_and_watermark_kept(person, monkeypatch, no_propagation):
    class Broken:
        def send_messages(self, messages):
            raise smtplib.SMTPConnectError(421, "mail.example.org not reachable")

    monkeypatch.setattr(services, "get_connection", lambda **kw: Broken())
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    apply_like_a_broker(delivery_id)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == tasks.MAX_RETRIES + 1
    assert "not reachable" in delivery.error
    assert DigestPreference.objects.get(person=person).watermark is None


def test_lost_task_message_is_enqueued_again(person):
    (delivery_id,) = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    Delivery.objects.filter(pk=delivery_id).update(created_at=berlin(2026, 3, 9, 7, 0))
    assert services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 15)) == []
    assert services.dispatch_due_digests(now=berlin(2026, 3, 9, 8, 15)) == [delivery_id]


def test_admin_resend(admin_client, person, django_capture_on_commit_callbacks):
    run_dispatcher(berlin(2026, 3, 9, 7, 0))
    delivery = Delivery.objects.get(person=person)
    mail.outbox.clear()
    response = admin_client.get("/admin/digests/delivery/")
    assert response.status_code == 200 and "Ines Info" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/digests/delivery/",
            {"action": "resend", "_selected_action": [delivery.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT


def test_setup_periodic_tasks_is_idempotent(db):
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tasks_by_name = {
        t.task: (t.crontab and t.crontab.minute, t.interval and t.interval.every)
        for t in PeriodicTask.objects.select_related("crontab", "interval")
    }
    # On the quarter hours of the wall clock, so a digest goes out at its slot (a full hour).
    assert tasks_by_name == {
        "digests.dispatch_digests": ("*/15", None),
        "digests.dispatch_meeting_notices": ("*/15", None),
        "privacy.apply_retention": (None, 1440),
    }
    assert PeriodicTask.objects.get(task="digests.dispatch_digests").crontab.timezone.key == (
        "Europe/Berlin"
    )


def test_send_digests_command(person, lemgo, capsys):
    membership = MembershipFactory(municipality=lemgo)
    Membership.objects.filter(pk=membership.pk).update(created_at=dt.datetime.now(UTC))
    call_command("send_digests", "--now", "--user", person.email)
    call_command("send_digests", "--now", "--user", person.email)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]


@pytest.mark.parametrize("skip_when_empty", [False, True])
def test_result_and_watermark_are_one_write(person, skip_when_empty):
    """Sent (or skipped) and the watermark in one committed write: a single statement on
    PostgreSQL; the watermark only moves forward, and a person without a preference row
    gets one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    later = berlin(2026, 3, 20, 7, 0)
    DigestPreference.objects.filter(person=person).update(skip_when_empty=skip_when_empty)
    other = UserFactory(email="ohne@example.org", full_name="Ohne Vorgabe")
    DigestPreference.objects.filter(person=other).delete()
    ahead = UserFactory(email="vorne@example.org", full_name="Vera Vorne")
    DigestPreferenceFactory(person=ahead)
    DigestPreference.objects.filter(person=ahead).update(
        skip_when_empty=skip_when_empty, watermark=later
    )
    now = berlin(2026, 3, 9, 7, 0)
    ids = [
        Delivery.objects.create(
            person=p, period="2026-W11", window_start=now - dt.timedelta(days=7), window_end=now
        ).pk
        for p in (person, other, ahead)
    ]
    with CaptureQueriesContext(connection) as ctx:
        result = services.deliver_chunk(delivery_ids=ids, now=now)
    expected = Delivery.Status.SKIPPED if skip_when_empty else Delivery.Status.SENT
    statuses = dict(Delivery.objects.values_list("person_id", "status"))
    assert result.statuses == {
        pk: statuses[p.pk] for pk, p in zip(ids, (person, other, ahead), strict=True)
    }
    assert (statuses[person.pk], statuses[ahead.pk]) == (expected, expected)
    # Without a preference row the defaults apply (skip when empty).
    assert statuses[other.pk] == Delivery.Status.SKIPPED
    marks = dict(DigestPreference.objects.values_list("person_id", "watermark"))
    assert marks == {person.pk: now, other.pk: now, ahead.pk: later}
    if connection.vendor == "postgresql":
        writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("WITH done AS")]
        assert len(writes) == 2  # person and ahead; "other" had no preference row
        sent = Delivery.objects.get(person=person)
        assert sent.status == expected
        if expected == Delivery.Status.SENT:
            assert sent.sent_at is not None and sent.message_id.startswith("<digest.2026-W11.")


@pytest.mark.parametrize("fails", [False, True])
def test_chunk_commits_asynchronously_on_postgresql_and_resets(person, fails, monkeypatch):
    """On PostgreSQL a chunk's writes do not wait for the WAL flush (synchronous_commit off
    for the chunk only); the connection is back to the server's default afterwards, also when
    the chunk is interrupted. Elsewhere no such statement is sent."""
    from celery.exceptions import SoftTimeLimitExceeded
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    now = berlin(2026, 3, 9, 7, 0)
    ids = [
        Delivery.objects.create(
            person=person, period="2026-W11", window_start=now - dt.timedelta(days=7),
            window_end=now,
        ).pk
    ]  # fmt: skip
    if fails:

        def interrupted(*args, **kwargs):
            raise SoftTimeLimitExceeded

        monkeypatch.setattr(services, "_deliver", interrupted)
    with CaptureQueriesContext(connection) as ctx:
        if fails:
            with pytest.raises(SoftTimeLimitExceeded):
                services.deliver_chunk(delivery_ids=ids, now=now)
        else:
            services.deliver_chunk(delivery_ids=ids, now=now)
    sql = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor != "postgresql":
        assert not [q for q in sql if "synchronous_commit" in q]
        return
    assert sql[0] == "SET synchronous_commit TO off"
    assert sql[-1] == "RESET synchronous_commit"
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    expected = Delivery.Status.QUEUED if fails else Delivery.Status.SENT
    assert Delivery.objects.get(pk=ids[0]).status == expected
