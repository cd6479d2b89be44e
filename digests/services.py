"""Every write of the digests app: composing, sending, the delivery log, preferences,
unsubscribing and meeting notices."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import re
import smtplib
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError, IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from digests import selectors
from digests.models import Delivery, DigestPreference, MeetingNotice
from digests.sections import (
    Attachment,
    DigestContext,
    Item,
    Section,
    WindowData,
    available_sections,
    url_of,
    window_data,
)
from lippe_ikz.links import absolute_url

logger = logging.getLogger(__name__)

FIRST_DIGEST_LOOKBACK = dt.timedelta(days=7)
# A claim older than this belongs to a worker that died; the delivery may be taken over.
STALE_CLAIM = dt.timedelta(seconds=2 * getattr(settings, "CELERY_TASK_TIME_LIMIT", 180))
# A queued delivery whose task message was lost is enqueued again after this long.
REQUEUE_AFTER = dt.timedelta(hours=1)
REMINDER_LEAD = dt.timedelta(hours=48)
UNSUBSCRIBE_SALT = "digests.unsubscribe"
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)


class TransientMailError(Exception):
    """Sending failed in a way that may succeed later (SMTP or network error)."""


@dataclass
class Digest:
    person: object
    since: dt.datetime
    until: dt.datetime
    sections: list[tuple[Section, list[Item]]] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(items) for _section, items in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0

    @property
    def attachments(self) -> list[Attachment]:
        return [i.attachment for _s, items in self.sections for i in items if i.attachment]


# --- Composition -----------------------------------------------------------------------------


def default_since(*, person, until: dt.datetime) -> dt.datetime:
    """Where the content window of a person's first digest starts: the week before."""
    return until - FIRST_DIGEST_LOOKBACK


def compose_digest(
    *,
    person,
    until: dt.datetime,
    since: dt.datetime | None = None,
    preference: DigestPreference | None = None,
    own_municipality_ids: list[int] | None = None,
    shared: WindowData | None = None,
    prefetched: dict[str, dict] | None = None,
) -> Digest:
    """The digest of one person for the content window (since, until].

    A fixed number of queries per section, whatever the size of the network. A bulk run
    passes the window's ``shared`` data (``sections.window_data(since, until)``), so that the
    network-wide reads are made once for everyone with that window, and the person's
    Kommunen (``own_municipality_ids``) and the sections' ``prefetched`` person-specific
    reads are made for many people at once; the digest is the same either way.
    """
    preference = preference or selectors.preference_for(person)
    if since is None:
        since = preference.watermark or default_since(person=person, until=until)
    if shared is not None and (shared.since, shared.until) != (since, until):
        raise ValueError("shared data of another window")
    own = (
        own_municipality_ids
        if own_municipality_ids is not None
        else selectors.own_municipality_ids(person)
    )
    scope_ids = own if preference.scope == DigestPreference.Scope.MINE else None
    ctx = DigestContext(
        person=person,
        since=since,
        until=until,
        now=until,
        municipality_ids=scope_ids,
        own_municipality_ids=own,
        shared=shared,
        prefetched=prefetched,
    )
    wanted = set(preference.sections or [])
    digest = Digest(person=person, since=since, until=until)
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        for section in available_sections():
            if wanted and section.key not in wanted:
                continue
            try:
                items = section.items(ctx)
            except Exception:  # noqa: BLE001 - one broken section must not stop the digest
                logger.exception("digest section %s failed for person %s", section.key, person.pk)
                continue
            if items:
                digest.sections.append((section, items))
    return digest


def unsubscribe_token(*, person, kind: str = "digest") -> str:
    """A signed token naming the person and what to unsubscribe from.

    It carries no timestamp: a link in an old email must keep working (RFC 8058), and every
    message of the same person has the same link.
    """
    signer = signing.Signer(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"p": person.pk, "k": kind}, compress=True)


def unsubscribe_url(*, person, kind: str = "digest") -> str:
    token = unsubscribe_token(person=person, kind=kind)
    return absolute_url(reverse("digests:unsubscribe", kwargs={"token": token}))


def _message_id(*, person, key: str) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{key}.{person.pk}@{host}>"


def _render_section(section: Section, items: list[Item], shared: WindowData | None) -> dict:
    """A section's heading and list, in HTML and plain text. In a bulk run the same section
    with the same items (most sections, for most people) is rendered once per language: the
    key is everything the fragments are made of."""
    title = section.title

    def render() -> tuple[str, str]:
        context = {"title": title, "items": items}
        return (
            mark_safe(render_to_string("digests/email/section.html", context)),  # noqa: S308
            render_to_string("digests/email/section.txt", context),
        )

    if shared is None:
        html, text = render()
    else:
        key = (
            "fragment",
            translation.get_language(),
            timezone.get_current_timezone_name(),
            section.key,
            title,
            tuple((i.title, i.url, i.meta, i.when, i.flag) for i in items),
        )
        html, text = shared.get(key, render)
    return {"key": section.key, "title": title, "items": items, "html": html, "text": text}


def _render_frame(*, person, digest, sections, unsubscribe, language, test):
    """Subject, plain text and HTML of the email around the sections."""
    context = {
        "person": person,
        "digest": digest,
        "sections": sections,
        "site_url": settings.SITE_URL,
        "portal_name": getattr(settings, "PORTAL_NAME", "IKZ-Portal Lippe"),
        "preferences_url": absolute_url(reverse("digests:preferences")),
        "unsubscribe_url": unsubscribe,
        "language": language,
        "test": test,
    }
    subject = render_to_string("digests/email/subject.txt", context).strip()
    text = render_to_string("digests/email/digest.txt", context)
    html = render_to_string("digests/email/digest.html", context)
    return subject, text, html


# Stand-ins for the person's values in a frame rendered once per window: NUL never occurs in a
# name, a URL or a rendered section (forms reject it), and the values are put in with one
# pass over the frame, so nothing put in is read again.
_SLOT = re.compile("\x00([a-z0-9]+)\x00")


class _FramePerson:
    """What the frame templates read of a person, as stand-ins."""

    def get_short_name(self) -> str:
        return "\x00name\x00"


@dataclass
class _FrameDigest:
    since: dt.datetime
    until: dt.datetime


def _render_shared_frame(*, person, digest, sections, unsubscribe, language, test, shared):
    """The frame rendered once per window, language, time zone and number of sections (the
    dates, the translated words and the links are the same for all of them), with the
    person's name, unsubscribe link and sections put in afterwards, escaped as the template
    would escape them. Equal to ``_render_frame`` (tested)."""
    key = ("frame", language, timezone.get_current_timezone_name(), digest.since,
           digest.until, bool(test), len(sections), settings.SITE_URL)  # fmt: skip

    def render():
        slots = [
            {"html": mark_safe(f"\x00s{n}\x00"), "text": f"\x00s{n}\x00"}  # noqa: S308
            for n in range(len(sections))
        ]
        return _render_frame(
            person=_FramePerson(), digest=_FrameDigest(digest.since, digest.until),
            sections=slots, unsubscribe="\x00unsubscribe\x00", language=language, test=test,
        )  # fmt: skip

    subject, text, html = shared.get(key, render)
    name = person.get_short_name()
    text_values = {"name": name, "unsubscribe": unsubscribe}
    html_values = {"name": escape(name), "unsubscribe": escape(unsubscribe)}
    for n, section in enumerate(sections):
        text_values[f"s{n}"] = section["text"]
        html_values[f"s{n}"] = section["html"]
    text = _SLOT.sub(lambda m: text_values[m.group(1)], text)
    html = mark_safe(_SLOT.sub(lambda m: html_values[m.group(1)], html))  # noqa: S308
    return subject, text, html


def build_message(
    *,
    person,
    digest: Digest,
    period: str = "",
    test: bool = False,
    shared: WindowData | None = None,
):
    """The email exactly as it is sent: HTML with a plain-text alternative, .ics attachments,
    and the List-Unsubscribe headers of RFC 8058. With the window's ``shared`` data (a bulk
    run), sections rendered for someone else with the same items are reused."""
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe = unsubscribe_url(person=person)
        sections = [_render_section(s, items, shared) for s, items in digest.sections]
        if shared is None:
            subject, text, html = _render_frame(
                person=person, digest=digest, sections=sections, unsubscribe=unsubscribe,
                language=language, test=test,
            )  # fmt: skip
        else:
            subject, text, html = _render_shared_frame(
                person=person, digest=digest, sections=sections, unsubscribe=unsubscribe,
                language=language, test=test, shared=shared,
            )  # fmt: skip
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
    }
    if period and not test:
        headers["Message-ID"] = _message_id(person=person, key=f"digest.{period}")
    message = EmailMultiAlternatives(subject=subject, body=text, to=[person.email], headers=headers)
    message.attach_alternative(html, "text/html")
    for attachment in digest.attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def render_preview(*, person, now: dt.datetime | None = None):
    """The person's next digest as it would be sent now (nothing is recorded)."""
    now = now or timezone.now()
    digest = compose_digest(person=person, until=now)
    return digest, build_message(person=person, digest=digest, period=selectors.period_of(now))


_connections = threading.local()


def _backend_key(backend) -> tuple:
    return (type(backend), getattr(backend, "host", None), getattr(backend, "port", None))


def _shared_connection():
    """One open SMTP connection per worker thread, reused across digests (a bulk run would
    otherwise spend much of its time on SMTP handshakes)."""
    backend = get_connection(fail_silently=False)
    cached = getattr(_connections, "backend", None)
    if cached is None or _backend_key(cached) != _backend_key(backend):
        _drop_shared_connection()
        _connections.backend = cached = backend
        if hasattr(cached, "open"):
            cached.open()
    return cached


def _drop_shared_connection() -> None:
    cached = getattr(_connections, "backend", None)
    _connections.backend = None
    if cached is not None:
        with contextlib.suppress(Exception):
            cached.close()


def _send(message, *, connection=None) -> None:
    try:
        if connection is not None:
            connection.send_messages([message])
            return
        try:
            _shared_connection().send_messages([message])
        except TRANSIENT_MAIL_ERRORS:
            # The reused connection may have been closed by the server: one fresh attempt.
            _drop_shared_connection()
            _shared_connection().send_messages([message])
    except TRANSIENT_MAIL_ERRORS as exc:
        _drop_shared_connection()
        raise TransientMailError(f"{exc.__class__.__name__}: {exc}") from exc


# --- Delivery --------------------------------------------------------------------------------


def dispatch_due_digests(*, now: dt.datetime | None = None) -> list[int]:
    """Create a queued delivery for everyone whose slot has come; return the ids to enqueue,
    ordered by content window (so that a chunk of them shares its window's data).

    The content window is fixed here, (watermark, now], for everyone of this run at once:
    the people of one slot share one window, and the network-wide parts of their digests are
    read once. Safe to run twice or concurrently: the unique constraint on (person, period)
    stops a second delivery, and a delivery is only sent by the task that claims it.
    """
    now = now or timezone.now()
    first = default_since(person=None, until=now)
    ids: list[int] = []
    for period, people in selectors.due_people(now=now).items():
        if people:
            marks = selectors.watermarks(person_ids=people)
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        person_id=pk,
                        period=period,
                        window_start=marks.get(pk) or first,
                        window_end=now,
                    )  # fmt: skip
                    for pk in people
                ],
                ignore_conflicts=True,
                batch_size=2000,
            )
            ids += (
                Delivery.objects.filter(
                    period=period, person_id__in=people, status=Delivery.Status.QUEUED
                )
                .order_by("window_start", "window_end", "pk")
                .values_list("pk", flat=True)
            )
    # Deliveries whose task message got lost (e.g. the broker was flushed), and claims of
    # workers that died long ago.
    stale = now - REQUEUE_AFTER
    lost = Delivery.objects.filter(
        Q(status=Delivery.Status.QUEUED, claimed_at__lt=stale)
        | Q(status=Delivery.Status.QUEUED, claimed_at__isnull=True, created_at__lt=stale)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale)
    )
    known = set(ids)
    ids += [pk for pk in lost.values_list("pk", flat=True) if pk not in known]
    return ids


def _claimable(now: dt.datetime) -> Q:
    return Q(status=Delivery.Status.QUEUED) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )


def _claim_many(*, delivery_ids, now: dt.datetime) -> list[Delivery]:
    """Take the claimable ones of the deliveries for this run in one committed write, and fix
    their content window at the first attempt (so that a retry sends the same content); then
    read them with person and preference in one SELECT.

    PostgreSQL: the rows are locked with SKIP LOCKED, so that two workers never wait for each
    other, and the locked ids are exactly ours. SQLite (one writer at a time): the UPDATE
    claims, and ``claimed_at = now`` tells our rows.
    """
    watermark = DigestPreference.objects.filter(person_id=OuterRef("person_id")).values(
        "watermark"
    )[:1]
    changes = {
        "status": Delivery.Status.SENDING,
        "claimed_at": now,
        "attempts": F("attempts") + 1,
        "window_end": Coalesce("window_end", Value(now)),
        "window_start": Coalesce(
            "window_start", Subquery(watermark), Value(default_since(person=None, until=now))
        ),
    }
    delivery_ids = list(delivery_ids)
    if db_connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(_claimable(now), pk__in=delivery_ids)
                .values_list("pk", flat=True)
            )
            if ids:
                Delivery.objects.filter(pk__in=ids).update(**changes)
        mine = Q(pk__in=ids)
    else:
        ids = Delivery.objects.filter(_claimable(now), pk__in=delivery_ids).update(**changes)
        mine = Q(pk__in=delivery_ids, status=Delivery.Status.SENDING, claimed_at=now)
    if not ids:
        return []
    claimed = Delivery.objects.select_related("person", "person__digest_preference").filter(mine)
    return list(claimed.order_by("window_start", "window_end", "pk"))


def _advance_watermark(*, person, until: dt.datetime, preference: DigestPreference) -> None:
    if preference.pk is None:
        preference, _created = DigestPreference.objects.get_or_create(person=person)
    DigestPreference.objects.filter(pk=preference.pk).filter(
        Q(watermark__isnull=True) | Q(watermark__lt=until)
    ).update(watermark=until)


def _record_result(*, delivery: Delivery, preference: DigestPreference, **changes) -> None:
    """The delivery's result (``changes``) and the person's watermark, in one committed write.

    PostgreSQL: one statement (the delivery's UPDATE feeds the watermark's UPDATE through a
    data-modifying WITH), atomic on its own, so one round trip and no BEGIN/COMMIT around it.
    Elsewhere, and for a person without a preference row yet: both UPDATEs in a transaction.
    """
    until = delivery.window_end
    if preference.pk is None or db_connection.vendor != "postgresql":
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(**changes)
            _advance_watermark(person=delivery.person, until=until, preference=preference)
        return
    quote = db_connection.ops.quote_name
    assignments, params = [], []
    for name, value in changes.items():
        model_field = Delivery._meta.get_field(name)
        assignments.append(f"{quote(model_field.column)} = %s")
        params.append(model_field.get_db_prep_save(value, db_connection))
    watermark = DigestPreference._meta.get_field("watermark")
    until_db = watermark.get_db_prep_save(until, db_connection)
    # Only quoted names from the models go into the text; the values are parameters.
    delivery_table = quote(Delivery._meta.db_table)
    preference_table = quote(DigestPreference._meta.db_table)
    pk = quote(Delivery._meta.pk.column)
    person = quote(Delivery._meta.get_field("person").column)
    owner = quote(DigestPreference._meta.get_field("person").column)
    mark = quote(watermark.column)
    sql = (
        f"WITH done AS (UPDATE {delivery_table} SET {', '.join(assignments)} "  # noqa: S608
        f"WHERE {pk} = %s RETURNING {person}) "
        f"UPDATE {preference_table} SET {mark} = %s "
        f"WHERE {owner} IN (SELECT {person} FROM done) AND ({mark} IS NULL OR {mark} < %s)"
    )
    with db_connection.cursor() as cursor:
        cursor.execute(sql, [*params, delivery.pk, until_db, until_db])


def _deliver(
    delivery: Delivery, *, own_municipality_ids: list[int], prefetched: dict, connection=None
) -> str:
    """Compose and send one claimed delivery; one committed write for the result and the
    watermark. Raises TransientMailError after putting the delivery back in the queue."""
    person = delivery.person
    try:
        preference = person.digest_preference
    except DigestPreference.DoesNotExist:
        preference = DigestPreference(person=person)
    shared = window_data(delivery.window_start, delivery.window_end)
    digest = compose_digest(
        person=person,
        since=delivery.window_start,
        until=delivery.window_end,
        preference=preference,
        own_municipality_ids=own_municipality_ids,
        shared=shared,
        prefetched=prefetched,
    )
    if digest.is_empty and preference.skip_when_empty:
        _record_result(delivery=delivery, preference=preference, status=Delivery.Status.SKIPPED)
        return Delivery.Status.SKIPPED
    message = build_message(person=person, digest=digest, period=delivery.period, shared=shared)
    try:
        _send(message, connection=connection)
    except TransientMailError as exc:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.QUEUED, error=str(exc)[:2000]
        )
        raise
    _record_result(
        delivery=delivery,
        preference=preference,
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        item_count=digest.item_count,
        message_id=message.extra_headers.get("Message-ID", ""),
        error="",
    )
    return Delivery.Status.SENT


def _prefetch(own: dict[int, list[int]]) -> dict[str, dict]:
    """The person-specific reads of the sections, for all the chunk's people at once."""
    prefetched = {}
    for section in available_sections():
        try:
            data = section.prefetch(municipality_ids_by_person=own)
        except Exception:  # noqa: BLE001 - the section then reads per person
            logger.exception("digest section %s: prefetch failed", section.key)
            continue
        if data is not None:
            prefetched[section.key] = data
    return prefetched


@dataclass
class ChunkResult:
    # Delivery id -> "sent", "skipped" or "failed", for the deliveries this run claimed.
    statuses: dict[int, str] = field(default_factory=dict)
    # Delivery id -> error, for those put back in the queue to be retried.
    retry: dict[int, str] = field(default_factory=dict)


# After this many transient failures in a row the mail server is taken to be down: the rest
# of the chunk goes back to the queue untried and is retried with the failed ones.
FAILURES_BEFORE_GIVING_UP = 2


def deliver_chunk(*, delivery_ids, now: dt.datetime | None = None, connection=None) -> ChunkResult:
    """Compose and send several deliveries, each once: one claim for all of them, the
    Kommunen of all their people in one query, the network-wide parts of the digests shared
    by everyone with the same window, and one committed write per digest once it is sent.

    A delivery another run has (or has sent) is left alone. A transient SMTP failure puts
    that delivery back in the queue (``retry``); the others go on. Any other error fails
    that delivery only (its watermark stays, so the next digest carries the content).
    """
    with _asynchronous_commit():
        return _deliver_chunk(delivery_ids=delivery_ids, now=now, connection=connection)


@contextlib.contextmanager
def _asynchronous_commit():
    """PostgreSQL: the chunk's writes commit without waiting for the WAL to reach the disk
    (``synchronous_commit = off``; a flush costs 2-3 ms per digest on this kind of disk, more
    than sending the message). The database stays consistent; only a crash of the database
    server itself can lose the last fraction of a second of results, and those digests are
    then sent once more, as when a worker dies between the send and its write. The setting
    is the session's for the chunk only and reset afterwards. Elsewhere nothing changes
    (SQLite runs with WAL and synchronous=NORMAL, the same trade-off)."""
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with db_connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # a broken connection is closed after the task anyway
            logger.warning("digest chunk: could not reset synchronous_commit", exc_info=True)


def _deliver_chunk(*, delivery_ids, now, connection) -> ChunkResult:
    now = now or timezone.now()
    result = ChunkResult()
    claimed = _claim_many(delivery_ids=delivery_ids, now=now)
    own = selectors.own_municipality_ids_by_person(person_ids=[d.person_id for d in claimed])
    prefetched = _prefetch(own) if claimed else {}
    failures_in_a_row = 0
    for index, delivery in enumerate(claimed):
        try:
            status = _deliver(
                delivery, own_municipality_ids=own.get(delivery.person_id, []),
                prefetched=prefetched, connection=connection,
            )  # fmt: skip
        except TransientMailError as exc:
            result.retry[delivery.pk] = str(exc)
            failures_in_a_row += 1
            rest = [d.pk for d in claimed[index + 1 :]]
            if failures_in_a_row >= FAILURES_BEFORE_GIVING_UP and rest:
                error = f"not tried, the mail server failed: {exc}"[:2000]
                Delivery.objects.filter(pk__in=rest).update(
                    status=Delivery.Status.QUEUED, error=error
                )
                result.retry.update(dict.fromkeys(rest, error))
                break
            continue
        except SoftTimeLimitExceeded:
            rest = [d.pk for d in claimed[index:]]
            Delivery.objects.filter(pk__in=rest, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.QUEUED, error="time limit"
            )
            raise
        except Exception as exc:  # noqa: BLE001 - one broken digest must not stop the others
            logger.exception("digest delivery %s failed", delivery.pk)
            delivery_fail(delivery_id=delivery.pk, error=f"{exc.__class__.__name__}: {exc}")
            result.statuses[delivery.pk] = Delivery.Status.FAILED
            continue
        failures_in_a_row = 0
        result.statuses[delivery.pk] = status
    return result


def delivery_send(*, delivery_id: int, now: dt.datetime | None = None, connection=None) -> str:
    """Compose and send one delivery, once. Returns the resulting status (or "" if another
    run already has it). Raises TransientMailError after putting the delivery back in the
    queue, so that the task retries it."""
    result = deliver_chunk(delivery_ids=[delivery_id], now=now, connection=connection)
    if delivery_id in result.retry:
        raise TransientMailError(result.retry[delivery_id])
    return result.statuses.get(delivery_id, "")


def delivery_fail(*, delivery_id: int, error: str) -> None:
    """Record the final failure; the watermark stays, so the next digest carries the content."""
    Delivery.objects.filter(pk=delivery_id).exclude(status=Delivery.Status.SENT).update(
        status=Delivery.Status.FAILED, error=error[:2000]
    )


def delivery_requeue(*, delivery: Delivery) -> None:
    """For the admin's resend: the same window again, to the same person."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.QUEUED, error="", claimed_at=None
    )


def send_digest_now(*, person, now: dt.datetime | None = None) -> str:
    """For operators (`send_digests --now`): this period's digest regardless of the slot."""
    now = now or timezone.now()
    period = selectors.period_of(now)
    try:
        delivery, _created = Delivery.objects.get_or_create(person=person, period=period)
    except IntegrityError:  # created concurrently
        delivery = Delivery.objects.get(person=person, period=period)
    return delivery_send(delivery_id=delivery.pk, now=now) or delivery.status


def send_test_digest(*, person, now: dt.datetime | None = None) -> None:
    """The next digest to the person now, marked as a test; records and changes nothing."""
    now = now or timezone.now()
    digest = compose_digest(person=person, until=now)
    _send(build_message(person=person, digest=digest, test=True))


# --- Preferences and unsubscribing -----------------------------------------------------------


@transaction.atomic
def preference_update(*, person, data: dict) -> DigestPreference:
    preference = selectors.preference_for(person)
    for name in ("enabled", "weekday", "hour", "sections", "scope", "skip_when_empty",
                 "reminders"):  # fmt: skip
        if name in data:
            setattr(preference, name, data[name])
    preference.full_clean()
    preference.save()
    return preference


def person_from_token(token: str):
    """The person and kind a signed unsubscribe token names, or (None, "") if it is invalid."""
    try:
        payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None, ""
    person = get_user_model().objects.filter(pk=payload.get("p")).first()
    return person, payload.get("k", "digest")


@transaction.atomic
def unsubscribe(*, token: str) -> DigestPreference | None:
    """Turn off the digest (or the reminders) of the token's person; None for a bad token."""
    person, kind = person_from_token(token)
    if person is None:
        return None
    field = "reminders" if kind == "reminders" else "enabled"
    return preference_update(person=person, data={field: False})


# --- Meeting reminders and cancellations -----------------------------------------------------


def _workshops_selectors(*names: str):
    from django.apps import apps

    if not apps.is_installed("workshops"):
        return None
    try:
        workshop_selectors = importlib.import_module("workshops.selectors")
    except ImportError:
        return None
    if not all(hasattr(workshop_selectors, n) for n in names):
        logger.warning("meeting notices: workshops.selectors lacks one of %s", names)
        return None
    return workshop_selectors


def _notice_message(*, person, meeting, kind: str, ics: bytes):
    language = person.preferred_language or settings.LANGUAGE_CODE
    url = url_of(meeting)
    with translation.override(language):
        context = {
            "person": person,
            "meeting": meeting,
            "url": url,
            "cancelled": kind == MeetingNotice.Kind.CANCELLATION,
            "unsubscribe_url": unsubscribe_url(person=person, kind="reminders"),
            "preferences_url": absolute_url(reverse("digests:preferences")),
        }
        subject = render_to_string("digests/email/notice_subject.txt", context).strip()
        text = render_to_string("digests/email/notice.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[person.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    # The workshops app's .ics: same UID and rising SEQUENCE, STATUS:CANCELLED when cancelled.
    message.attach(f"termin-{meeting.pk}.ics", ics, "text/calendar")
    return message


def _notify(*, meeting, people, kind: str, ics) -> int:
    """Send one notice per person, once per (meeting, start time, kind)."""
    sent = 0
    ref = f"workshops.meeting:{meeting.pk}"
    people = list(people)
    wants = selectors.reminder_wishes(person_ids=[p.pk for p in people])
    payload = None
    for person in people:
        if not wants.get(person.pk, True):
            continue
        try:
            with transaction.atomic():
                MeetingNotice.objects.create(
                    person=person, meeting_ref=ref, starts_at=meeting.start, kind=kind
                )
        except IntegrityError:
            continue  # already sent for this start time
        if payload is None:
            payload = ics(meeting)
        try:
            _send(_notice_message(person=person, meeting=meeting, kind=kind, ics=payload))
        except TransientMailError:
            # Let the next run (every 15 minutes) try again.
            MeetingNotice.objects.filter(
                person=person, meeting_ref=ref, starts_at=meeting.start, kind=kind
            ).delete()
            logger.exception("meeting notice to %s failed", person.pk)
            continue
        sent += 1
    return sent


def dispatch_meeting_notices(*, now: dt.datetime | None = None) -> int:
    """Reminders 48 h before a meeting to those who accepted (once per start time, so a
    moved meeting is reminded again) and notices of cancelled meetings to those who had
    accepted. Does nothing while the workshops app (or the selectors below) is missing.

    Reads ``workshops.selectors``: ``meetings_accepted_by`` is not enough here (it is per
    person), so ``upcoming_events(*, start, end)``, ``accepted_attendees(*, meeting_ids)``,
    ``cancelled_meetings_since(*, since, starting_after)`` and ``event_ics(item)``.
    """
    now = now or timezone.now()
    ws = _workshops_selectors(
        "upcoming_events", "accepted_attendees", "cancelled_meetings_since", "event_ics"
    )
    if ws is None:
        return 0
    # Only meetings have attendances; workshop sessions are attended by Kommunen.
    upcoming = [
        event
        for event in ws.upcoming_events(start=now, end=now + REMINDER_LEAD)
        if hasattr(event, "attendances") and not event.is_cancelled
    ]
    cancelled = ws.cancelled_meetings_since(since=now - dt.timedelta(days=1), starting_after=now)
    attendees = ws.accepted_attendees(meeting_ids=[m.pk for m in [*upcoming, *cancelled]])
    sent = 0
    for meeting in upcoming:
        sent += _notify(meeting=meeting, people=attendees.get(meeting.pk, []),
                        kind=MeetingNotice.Kind.REMINDER, ics=ws.event_ics)  # fmt: skip
    for meeting in cancelled:
        sent += _notify(meeting=meeting, people=attendees.get(meeting.pk, []),
                        kind=MeetingNotice.Kind.CANCELLATION, ics=ws.event_ics)  # fmt: skip
    return sent
