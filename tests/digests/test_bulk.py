"""The bulk path: the dispatcher fixes one window for everyone of a run, chunks of deliveries
share the window's network-wide reads and rendered sections, and every guarantee of the
single path holds (the same digest, exactly once, retries)."""

import dataclasses
import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests import selectors, services, tasks
from digests.models import Delivery, DigestPreference
from digests.sections import WindowData, clear_window_data, window_data
from members.models import Membership
from tests.digests.conftest import berlin
from tests.digests.factories import DigestPreferenceFactory
from tests.digests.test_sections import _populate
from tests.members.factories import MembershipFactory, UserFactory
from tests.workshops.factories import ActionItemFactory, AttendanceFactory, MeetingFactory

MINE = DigestPreference.Scope.MINE


@pytest.fixture
def network(detmold_cdo, detmold, lemgo):
    """Every section populated, and people for every kind of digest: whole network, only
    mine, English, a newcomer (who never reads about themselves), no Kommune at all."""
    now = timezone.now()
    _populate(detmold_cdo, detmold, lemgo, now, 3)
    mine = MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Maja Mein")).user
    DigestPreferenceFactory(person=mine, scope=MINE)
    english = MembershipFactory(municipality=detmold, user=UserFactory(full_name="Eve En")).user
    english.preferred_language = "en"
    english.save()
    newcomer = Membership.objects.filter(municipality=lemgo).exclude(user=mine)
    newcomer = newcomer.order_by("-pk").first().user
    AttendanceFactory(meeting=MeetingFactory(host=lemgo, start=now + dt.timedelta(days=4)),
                      user=mine)  # fmt: skip
    ActionItemFactory(responsible_municipality=lemgo, responsible_person=mine,
                      due_date=timezone.localdate() - dt.timedelta(days=3))  # fmt: skip
    nobody = UserFactory(full_name="Nils Niemand")
    people = [detmold_cdo, mine, english, newcomer, nobody]
    return now + dt.timedelta(seconds=1), people


def _stable(item):
    """The item with its .ics stamped at no particular time (DTSTAMP is when the .ics was
    made: once per window in a bulk run, once per digest otherwise)."""
    if item.attachment is None:
        return item
    content = re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:-", item.attachment.content)
    return dataclasses.replace(item, attachment=dataclasses.replace(item.attachment,
                                                                    content=content))  # fmt: skip


def _as_data(digest):
    return [(section.key, [_stable(i) for i in items]) for section, items in digest.sections]


def _attachments(message):
    return [(name, re.sub(r"DTSTAMP:[0-9TZ]+", "DTSTAMP:-", str(content)), kind)
            for name, content, kind in message.attachments]  # fmt: skip


def test_shared_composition_equals_the_direct_one(network, monkeypatch):
    until, people = network
    # Both paths must see the same "now" (the next 14 days, overdue items): on a busy machine
    # seconds pass between the two compositions, and an item on a boundary would differ.
    monkeypatch.setattr(timezone, "now", lambda: until)
    since = until - dt.timedelta(days=2)
    own = selectors.own_municipality_ids_by_person(person_ids=[p.pk for p in people])
    prefetched = services._prefetch(own)
    assert {"my_action_items"} <= set(prefetched)  # other apps (knowledge) may add theirs
    for _round in range(2):  # the second round reads everything from the shared data
        for person in people:
            direct = services.compose_digest(person=person, since=since, until=until)
            shared = window_data(since, until)
            bulk = services.compose_digest(
                person=person, since=since, until=until, own_municipality_ids=own[person.pk],
                shared=shared, prefetched=prefetched,
            )  # fmt: skip
            assert _as_data(bulk) == _as_data(direct), person
            assert not direct.is_empty or person.full_name == "Nils Niemand"
            one = services.build_message(person=person, digest=direct, period="2026-W11")
            other = services.build_message(person=person, digest=bulk, period="2026-W11",
                                           shared=shared)  # fmt: skip
            assert (other.subject, other.body, other.alternatives) == (
                one.subject, one.body, one.alternatives
            )  # fmt: skip
            assert _attachments(other) == _attachments(one)
            assert other.extra_headers == one.extra_headers
    digests = {p.full_name: services.compose_digest(person=p, since=since, until=until)
               for p in people}  # fmt: skip
    # The cases the shared data has to tell apart really occur.
    assert "my_action_items" in dict(_as_data(digests["Maja Mein"]))
    assert _as_data(digests["Maja Mein"]) != _as_data(digests["Dana Demo"])
    assert any(i.attachment for _k, items in _as_data(digests["Dana Demo"]) for i in items)


def test_new_members_beyond_the_shared_rows_fall_back_to_the_query(network, lemgo, monkeypatch):
    from digests.sections import members

    monkeypatch.setattr(members, "LIMIT", 2)
    monkeypatch.setattr(members, "SLACK", 1)
    until, people = network
    since = until - dt.timedelta(days=2)
    for person in people:
        direct = services.compose_digest(person=person, since=since, until=until)
        bulk = services.compose_digest(person=person, since=since, until=until,
                                       shared=window_data(since, until))  # fmt: skip
        assert _as_data(bulk) == _as_data(direct)


def test_window_data_is_keyed_by_window_and_expires(detmold_cdo, lemgo, monkeypatch):
    until = timezone.now()
    week = dt.timedelta(days=7)
    first = window_data(until - week, until)
    assert window_data(until - week, until) is first
    assert window_data(until - week, until + dt.timedelta(seconds=1)) is not first
    # Content of a later window is never served from an earlier window's data.
    services.compose_digest(person=detmold_cdo, since=until - week, until=until,
                            shared=first)  # fmt: skip
    MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Spät Dazu"))
    later = timezone.now()
    digest = services.compose_digest(person=detmold_cdo, since=until, until=later,
                                     shared=window_data(until, later))  # fmt: skip
    assert [i.title for _s, items in digest.sections for i in items] == ["Spät Dazu"]
    with pytest.raises(ValueError, match="another window"):
        services.compose_digest(person=detmold_cdo, since=until, until=later, shared=first)
    # After WINDOW_DATA_TTL seconds a window's data is read afresh.
    import digests.sections as sections

    clock = sections.time.monotonic() + sections.WINDOW_DATA_TTL + 1
    monkeypatch.setattr(sections.time, "monotonic", lambda: clock)
    assert window_data(until - week, until) is not first
    assert isinstance(first, WindowData)


def _people(n, **preference):
    people = [UserFactory(email=f"chunk{k}@example.org") for k in range(n)]
    for person in people:
        DigestPreferenceFactory(person=person, skip_when_empty=False, **preference)
    return people


def test_dispatcher_fixes_one_window_per_watermark(db):
    fresh, returning = _people(2)
    DigestPreference.objects.filter(person=returning).update(watermark=berlin(2026, 3, 2, 7, 0))
    now = berlin(2026, 3, 9, 7, 0)
    services.dispatch_due_digests(now=now)
    windows = dict(Delivery.objects.values_list("person_id", "window_start"))
    assert windows == {fresh.pk: now - dt.timedelta(days=7), returning.pk: berlin(2026, 3, 2, 7)}
    assert set(Delivery.objects.values_list("window_end", flat=True)) == {now}


def test_chunk_task_run_twice_sends_each_once(db):
    _people(3)
    ids = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    tasks.send_digests.apply(args=[ids])
    tasks.send_digests.apply(args=[ids])  # a duplicate message
    assert sorted(m.to[0] for m in mail.outbox) == [f"chunk{k}@example.org" for k in range(3)]
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_dispatch_task_enqueues_chunks(db, monkeypatch):
    # The task reads the real clock: a slot of Monday 00:00 has come at any time of the week
    # (the default, Monday 07:00, has not between Monday 00:00 and 07:00).
    _people(5, weekday=0, hour=0)
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 2)
    chunks = []
    monkeypatch.setattr(tasks.send_digests, "delay", lambda ids: chunks.append(ids))
    assert tasks.dispatch_digests.apply().get() == 5
    assert [len(c) for c in chunks] == [2, 2, 1]


class Killed(BaseException):
    """The worker process dies (nothing in the chunk catches it)."""


def test_worker_killed_mid_chunk(db, monkeypatch):
    people = _people(3)
    start = berlin(2026, 3, 9, 7, 0)
    ids = services.dispatch_due_digests(now=start)
    real_send = services._send

    def dying(message, **kwargs):
        if len(mail.outbox) == 1:
            raise Killed
        real_send(message, **kwargs)

    monkeypatch.setattr(services, "_send", dying)
    with pytest.raises(Killed):
        services.deliver_chunk(delivery_ids=ids, now=start)
    monkeypatch.setattr(services, "_send", real_send)
    assert len(mail.outbox) == 1
    # The message comes back at once (another worker): the fresh claims keep it off.
    assert (
        services.deliver_chunk(delivery_ids=ids, now=start + dt.timedelta(minutes=1)).statuses == {}
    )
    # Without it, the dispatcher enqueues the stale claims again.
    later = start + services.REQUEUE_AFTER + dt.timedelta(minutes=15)
    again = services.dispatch_due_digests(now=later)
    assert len(again) == 2
    result = services.deliver_chunk(delivery_ids=again, now=later)
    assert set(result.statuses.values()) == {"sent"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert services.dispatch_due_digests(now=later + dt.timedelta(minutes=15)) == []


@pytest.fixture
def no_propagation(monkeypatch):
    monkeypatch.setitem(tasks.send_digests.app.conf, "task_eager_propagates", False)


def test_smtp_failing_twice_then_succeeding_within_a_chunk(db, monkeypatch, no_propagation):
    _people(3)
    real_send = services._send
    failures = []

    def flaky(message, **kwargs):
        if message.to == ["chunk1@example.org"] and len(failures) < 2:
            failures.append(1)
            raise services.TransientMailError("SMTPServerDisconnected: try again")
        real_send(message, **kwargs)

    monkeypatch.setattr(services, "_send", flaky)
    ids = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    tasks.send_digests.apply(args=[ids], throw=False)
    attempts = dict(Delivery.objects.values_list("person__email", "attempts"))
    assert attempts == {"chunk0@example.org": 1, "chunk1@example.org": 3, "chunk2@example.org": 1}
    assert set(Delivery.objects.values_list("status", "error")) == {("sent", "")}
    assert sorted(m.to[0] for m in mail.outbox) == [f"chunk{k}@example.org" for k in range(3)]


def test_mail_server_down_fails_the_chunk_after_the_retries(db, monkeypatch, no_propagation):
    people = _people(4)

    def down(message, **kwargs):
        raise services.TransientMailError("SMTPConnectError: not reachable")

    monkeypatch.setattr(services, "_send", down)
    ids = services.dispatch_due_digests(now=berlin(2026, 3, 9, 7, 0))
    tasks.send_digests.apply(args=[ids], throw=False)
    deliveries = Delivery.objects.all()
    assert {d.status for d in deliveries} == {"failed"}
    assert {d.attempts for d in deliveries} == {tasks.MAX_RETRIES + 1}
    assert mail.outbox == []
    assert not DigestPreference.objects.filter(person__in=people, watermark__isnull=False)


def test_reads_per_chunk_do_not_grow_with_its_people(detmold_cdo, detmold, lemgo):
    now = timezone.now()
    _populate(detmold_cdo, detmold, lemgo, now, 2)
    # (A person without a preference row gets one with the first watermark: one more read.)
    DigestPreferenceFactory(person=detmold_cdo)

    def selects(n, when):
        people = _people(n) if n else []
        Delivery.objects.all().delete()
        since = when - dt.timedelta(days=2)
        ids = [
            Delivery.objects.create(person=p, period="2026-W11", window_start=since,
                                    window_end=when).pk
            for p in [detmold_cdo, *people]
        ]  # fmt: skip
        clear_window_data()
        with CaptureQueriesContext(connection) as ctx:
            result = services.deliver_chunk(delivery_ids=ids, now=when)
        assert set(result.statuses.values()) == {"sent"}
        return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]

    small = selects(1, now + dt.timedelta(seconds=1))
    large = selects(8, now + dt.timedelta(seconds=2))
    # one read per section of the chunk (the sections of all merged apps: 16 today)
    assert len(small) == len(large) <= 16


@pytest.mark.parametrize("test", [False, True])
def test_frame_rendered_once_per_window_equals_the_direct_one(network, test):
    """The frame around the sections is rendered once per window, language and number of
    sections, with the name, the unsubscribe link and the sections put in afterwards: the
    same text and HTML (escaping included) as rendering it for the person."""
    until, people = network
    since = until - dt.timedelta(days=2)
    odd = MembershipFactory(
        municipality=people[0].memberships.first().municipality,
        user=UserFactory(full_name='Zoë&<b>"O\'Neil"</b> {{ x }} %(y)s'),  # short name: 1st word
    ).user
    shared = window_data(since, until)
    seen = set()
    cases = [(p, False) for p in [*people, odd, odd]]  # odd twice: the stored frame
    for person, empty in [*cases, (people[-1], True), (odd, True)]:
        if empty:  # "Nothing new this week"
            digest = services.Digest(person=person, since=since, until=until)
        else:
            digest = services.compose_digest(person=person, since=since, until=until)
        one = services.build_message(person=person, digest=digest, period="2026-W11", test=test)
        other = services.build_message(person=person, digest=digest, period="2026-W11",
                                       test=test, shared=shared)  # fmt: skip
        assert (other.subject, other.body, other.alternatives) == (
            one.subject, one.body, one.alternatives
        )  # fmt: skip
        seen.add(len(digest.sections))
        if person == odd:
            html = other.alternatives[0][0]
            assert "Zoë&amp;&lt;b&gt;&quot;O&#x27;Neil&quot;&lt;/b&gt;," in html
            assert "<b>" not in html
            assert 'Zoë&<b>"O\'Neil"</b>,' in other.body
    assert 0 in seen and len(seen) > 1  # empty and non-empty digests both occur
