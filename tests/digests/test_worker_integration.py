"""A real Celery worker on Redis delivers the digests to a local SMTP server (aiosmtpd).

Skips when Redis is unreachable, unless REQUIRE_SERVICES=1 (CI), where that is a failure.
"""

import email
import os
import socket
import time
from email import policy

import pytest
from celery.result import EagerResult
from django.core import mail

from digests import tasks
from digests.models import Delivery, DigestPreference
from members.models import Membership
from tests.conftest import REQUIRE_SERVICES
from tests.members.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _test_redis_url() -> str:
    """A Redis database of its own: the test empties it, so never the one REDIS_URL names.

    TEST_REDIS_URL wins; otherwise REDIS_URL's server with database 15.
    """
    if os.environ.get("TEST_REDIS_URL"):
        return os.environ["TEST_REDIS_URL"]
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    server = base.rsplit("/", 1)[0] if base.count("/") > 2 else base.rstrip("/")
    return f"{server}/15"


REDIS_URL = _test_redis_url()


def _redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:  # noqa: BLE001
        message = f"Redis at {REDIS_URL} unreachable: {exc.__class__.__name__}"
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        self.messages.append(envelope.original_content or envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    from aiosmtpd.controller import Controller

    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    mail.outbox = []
    yield sink
    controller.stop()


def _fresh_pools(app):
    """Connections made for the previous broker URL must not be reused."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker():
    """celery.contrib.testing's worker (a real consumer on Redis, in a thread of this process,
    so it sees the test database)."""
    _redis_or_skip()
    from celery.contrib.testing.worker import start_worker

    app = tasks.send_digest.app
    previous = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    _fresh_pools(app)
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    # One thread: SQLite (shared-cache, in memory) locks tables against concurrent writers.
    with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False,
                      shutdown_timeout=10):  # fmt: skip
        yield app
    app.conf.update(previous)
    _fresh_pools(app)


def _wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_real_worker_delivers_each_digest_once(smtp_sink, celery_worker, reference_data):
    lemgo = reference_data["lemgo"]
    people = [UserFactory(email=f"empfaenger{n}@example.org") for n in range(3)]
    for person in people:
        DigestPreference.objects.create(person=person, weekday=0, hour=0, skip_when_empty=False)
    DigestPreference.objects.create(person=UserFactory(email="aus@example.org"), enabled=False)
    MembershipFactory(municipality=lemgo, role=Membership.Role.STAFF)

    result = tasks.dispatch_digests.delay()
    assert not isinstance(result, EagerResult)  # through Redis to the worker
    assert _wait_for(lambda: len(smtp_sink.messages) >= 3), smtp_sink.messages
    # A second dispatcher run (or a duplicate message) sends nothing more.
    tasks.dispatch_digests.delay()
    time.sleep(1.5)
    assert len(smtp_sink.messages) == 3
    assert _wait_for(
        lambda: Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3, timeout=5
    )

    recipients = set()
    for raw in smtp_sink.messages:
        message = email.message_from_bytes(raw, policy=policy.default)
        recipients.add(str(message["To"]))
        assert message.get_content_type() == "multipart/alternative"
        assert message.get_body(("plain",)) is not None
        html = message.get_body(("html",)).get_content()
        assert "<h1" in html and "Wochenübersicht" in html
        assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
        assert "/digest/abmelden/" in str(message["List-Unsubscribe"])
    assert recipients == {p.email for p in people}
