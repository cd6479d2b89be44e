"""Digest delivery through a real Celery worker vs. plain smtplib sends to the same sink.

`make bench` runs it with DIGEST_BENCH_PEOPLE generated members (default 10,000; set a smaller
number for a quick look). Needs Redis: BENCH_REDIS_URL, else database 14 of REDIS_URL's server
(or of 127.0.0.1:6379), which the run empties. The worker is a `celery worker --pool prefork`
subprocess as in production (DEBUG off, the bench's Redis as broker, EMAIL_URL pointing at the
sink); DIGEST_BENCH_POOL=threads runs celery.contrib.testing's in-process threads worker
instead (always for an in-memory SQLite, which another process could not see). Concurrency:
DIGEST_BENCH_CONCURRENCY, default 2 (1 for threads on SQLite: one writer at a time). The
database is a scratch database on the backend of DATABASE_URL (`bench._support.
scratch_database`: a temporary SQLite file, or `ikz_bench_digests` on PostgreSQL), which the
worker subprocess uses too; it is dropped afterwards.

The timed path is the production one: the dispatcher task (every bench person is due) creates
the deliveries and enqueues them in chunks, the worker composes and sends them.
"""

import asyncio  # noqa: F401 - aiosmtpd needs the loop policy loaded
import contextlib
import datetime as dt
import logging
import os
import pathlib
import signal
import smtplib
import socket
import subprocess
import sys
import time

BENCH_DOMAIN = "bench.invalid"


class _Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _queries_per_digest(person, until) -> int:
    """Composing one digest on its own (preview, test digest): every read from the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digests import services

    with CaptureQueriesContext(connection) as ctx:
        digest = services.compose_digest(person=person, until=until)
        services.build_message(person=person, digest=digest, period="bench")
    return len(ctx.captured_queries)


def _queries_per_digest_in_chunk(people, period, until) -> float:
    """All queries of sending a chunk (claim, reads, result writes), per digest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digests import services, tasks
    from digests.models import Delivery
    from digests.sections import clear_window_data

    chunk = people[: tasks.CHUNK_SIZE]
    Delivery.objects.filter(person__in=chunk, period=period).delete()
    ids = [
        d.pk
        for d in Delivery.objects.bulk_create(
            [
                Delivery(
                    person=p,
                    period=period,
                    window_start=until - dt.timedelta(days=7),
                    window_end=until,
                )
                for p in chunk
            ]  # fmt: skip
        )
    ]
    clear_window_data()
    with CaptureQueriesContext(connection) as ctx:
        services.deliver_chunk(delivery_ids=ids)
    return len(ctx.captured_queries) / len(chunk)


@contextlib.contextmanager
def _prefork_worker(app, *, redis_url: str, port: int, concurrency: int):
    """`celery worker --pool prefork` as a subprocess, as in production: its own processes
    (one per core, no GIL shared with the bench and the SMTP sink), the same database, the
    bench's Redis database as broker and the sink as mail server."""
    from django.db import connection

    from bench._support import database_url

    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),  # the bench's scratch database
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DEBUG": "false",  # production: no query log in the worker
    }
    loglevel = os.environ.get("DIGEST_BENCH_LOGLEVEL", "WARNING")
    command = [sys.executable, "-m", "celery", "-A", "lippe_ikz", "worker", "--pool", "prefork",
               "--concurrency", str(concurrency), "--loglevel", loglevel, "--without-gossip",
               "--without-mingle", "--without-heartbeat"]  # fmt: skip
    root = pathlib.Path(__file__).resolve().parent.parent
    process = subprocess.Popen(command, cwd=root, env=env)  # noqa: S603
    try:
        started = time.perf_counter()
        while not app.control.ping(timeout=0.5):
            if process.poll() is not None or time.perf_counter() - started > 60:
                raise RuntimeError("the Celery worker did not start")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(count: int | None = None) -> list[str]:
    from bench._support import scratch_database

    with scratch_database("digests"):
        return _run(count)


def _run(count: int | None) -> list[str]:
    import redis
    from aiosmtpd.controller import Controller
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.mail.backends.smtp import EmailBackend
    from django.db import connection as db
    from django.utils import timezone

    from digests import selectors, services, tasks
    from digests.models import Delivery, DigestPreference
    from members.models import Membership, Municipality

    count = count or int(os.environ.get("DIGEST_BENCH_PEOPLE", "10000"))
    pool = os.environ.get("DIGEST_BENCH_POOL", "prefork")
    if pool == "prefork" and db.vendor == "sqlite" and db.settings_dict["NAME"] in ("", ":memory:"):
        pool = "threads"  # the worker processes could not see an in-memory database
    # Threads share one SQLite connection's writer lock and the GIL: one; processes: one per core.
    default_concurrency = "1" if db.vendor == "sqlite" and pool == "threads" else "2"
    concurrency = int(os.environ.get("DIGEST_BENCH_CONCURRENCY", default_concurrency))
    # A database of its own (emptied by the run): BENCH_REDIS_URL, else REDIS_URL's server, db 14.
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    server = base.rsplit("/", 1)[0] if base.count("/") > 2 else base.rstrip("/")
    redis_url = os.environ.get("BENCH_REDIS_URL") or f"{server}/14"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except Exception as exc:  # noqa: BLE001
        return [f"digests: skipped, Redis at {redis_url} unreachable ({exc.__class__.__name__})"]
    if not Municipality.objects.exists():
        return ["digests: skipped, run `manage.py load_reference_data` first"]

    sink = _Sink()
    port = _free_port()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    logging.getLogger("celery").setLevel(logging.WARNING)  # and Celery every task
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    User = get_user_model()
    User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    now = timezone.now()
    unusable = make_password(None)
    people = User.objects.bulk_create(
        [
            User(email=f"p{n}@{BENCH_DOMAIN}", full_name=f"Bench Person {n}", password=unusable)
            for n in range(count)
        ],
        batch_size=2000,
    )
    towns = list(Municipality.objects.all())
    # Every digest has content: 30 new members in the window (scope: whole network).
    Membership.objects.bulk_create(
        [
            Membership(user=people[n], municipality=towns[n % len(towns)], role="staff")
            for n in range(30)
        ]  # fmt: skip
    )
    # Everyone is due whenever the bench runs (Monday 00:00 has always passed in the week).
    DigestPreference.objects.bulk_create(
        [DigestPreference(person=p, skip_when_empty=False, weekday=0, hour=0) for p in people],
        batch_size=2000,
    )
    period = selectors.period_of(now)
    q_small = _queries_per_digest(people[-1], now)
    others = set(selectors.due_people(now=timezone.now()).get(period, [])) - {p.pk for p in people}
    if others:
        return [f"digests: skipped, {len(others)} people outside the bench would get a digest"]

    app = tasks.send_digest.app
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    lines = []
    try:
        with app.connection_for_write() as connection:
            connection.default_channel.client.flushdb()
        if pool == "prefork":
            worker = _prefork_worker(app, redis_url=redis_url, port=port, concurrency=concurrency)
        else:
            worker = start_worker(app, pool="threads", concurrency=concurrency,
                                  perform_ping_check=False, loglevel="WARNING",
                                  shutdown_timeout=30)  # fmt: skip
        with worker:
            started = time.perf_counter()
            tasks.dispatch_digests.delay()
            while sink.count < count:
                time.sleep(0.05)
                if time.perf_counter() - started > 3600:
                    raise RuntimeError(f"only {sink.count} of {count} digests arrived")
            digest_seconds = time.perf_counter() - started

        # Baseline: the same number of pre-rendered messages, smtplib, one connection.
        digest = services.compose_digest(person=people[0], until=now)
        raw = (
            services.build_message(person=people[0], digest=digest)
            .message()
            .as_bytes(linesep="\r\n")
        )
        before = sink.count
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for n in range(count):
                smtp.sendmail("portal@example.org", [f"p{n}@{BENCH_DOMAIN}"], raw)
        while sink.count < before + count:
            time.sleep(0.01)
        baseline_seconds = time.perf_counter() - started

        # Queries per digest with ten times the members in the window.
        Membership.objects.bulk_create(
            [
                Membership(user=people[n], municipality=towns[n % len(towns)], role="deputy")
                for n in range(30, 300)
            ]  # fmt: skip
        )
        q_large = _queries_per_digest(people[-1], now + dt.timedelta(seconds=1))
        sent = Delivery.objects.filter(
            period=period, person__email__endswith=f"@{BENCH_DOMAIN}", status="sent"
        ).count()
        q_chunk = _queries_per_digest_in_chunk(people, "bench", timezone.now())
        lines += [
            f"digests: {count} digests via Celery worker ({db.vendor}, {pool} pool, "
            f"concurrency {concurrency}) "
            f"{digest_seconds:.1f}s "
            f"({count / digest_seconds:.0f}/s), smtplib pre-rendered {baseline_seconds:.1f}s "
            f"({count / baseline_seconds:.0f}/s); ratio {digest_seconds / baseline_seconds:.2f}x "
            f"(aim <= 3x); {sent}/{count} deliveries recorded as sent",
            f"digests: queries to compose one digest on its own: {q_small} with 30 new members, "
            f"{q_large} with 300 (constant); queries per digest sending a chunk of "
            f"{tasks.CHUNK_SIZE} (claim, reads, writes): {q_chunk:.2f}",
        ]
    finally:
        controller.stop()
        EmailBackend  # noqa: B018 - imported to fail early if the SMTP backend is missing
        User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    return lines


if __name__ == "__main__":
    _root = pathlib.Path(__file__).resolve().parent.parent
    sys.path[:] = [p for p in sys.path if pathlib.Path(p or ".").resolve() != _root / "bench"]
    sys.path.insert(0, str(_root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lippe_ikz.settings.local")
    import django

    django.setup()
    for line in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(line)
