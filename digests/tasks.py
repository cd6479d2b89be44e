"""Celery tasks of the digests app: thin, they take ids and call a service."""

import contextlib

from celery import shared_task
from celery.exceptions import Retry
from django.contrib.auth import get_user_model

from digests import services

MAX_RETRIES = 5
BACKOFF_SECONDS = 60  # 1, 2, 4, 8, 16 minutes
# Deliveries per task: one claim, one SMTP connection and one read of the window's shared
# data serve them all, and a chunk takes a few seconds (well inside the time limits).
CHUNK_SIZE = 50


def backoff(retries: int) -> int:
    return BACKOFF_SECONDS * 2**retries


@shared_task(name="digests.dispatch_digests", ignore_result=True)
def dispatch_digests() -> int:
    """Every 15 minutes (beat): one send task per CHUNK_SIZE people whose slot has come
    (the ids come ordered by content window, so a chunk mostly shares one)."""
    ids = services.dispatch_due_digests()
    for start in range(0, len(ids), CHUNK_SIZE):
        # Retry escapes only without a broker (tasks run eagerly): the deliveries stay queued
        # with their error, and the dispatcher enqueues them again after an hour.
        with contextlib.suppress(Retry):
            send_digests.delay(ids[start : start + CHUNK_SIZE])
    return len(ids)


@shared_task(
    name="digests.send_digests",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
)
def send_digests(self, delivery_ids: list[int]) -> dict:
    """Several deliveries, each once; those that failed transiently are retried together
    (and only they), with the same backoff as a single delivery."""
    result = services.deliver_chunk(delivery_ids=delivery_ids)
    if result.retry:
        if self.request.retries >= self.max_retries:
            for delivery_id, error in result.retry.items():
                services.delivery_fail(delivery_id=delivery_id, error=error)
                result.statuses[delivery_id] = "failed"
        else:
            exc = services.TransientMailError(next(iter(result.retry.values())))
            raise self.retry(
                args=[list(result.retry)], exc=exc, countdown=backoff(self.request.retries)
            )
    return result.statuses


@shared_task(
    name="digests.send_digest",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
)
def send_digest(self, delivery_id: int) -> str:
    """One delivery (the admin's resend, and messages queued before chunks existed)."""
    try:
        return services.delivery_send(delivery_id=delivery_id)
    except services.TransientMailError as exc:
        if self.request.retries >= self.max_retries:
            services.delivery_fail(delivery_id=delivery_id, error=str(exc))
            return "failed"
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(name="digests.send_test_digest", ignore_result=True)
def send_test_digest(person_id: int) -> None:
    person = get_user_model().objects.get(pk=person_id)
    services.send_test_digest(person=person)


@shared_task(name="digests.dispatch_meeting_notices", ignore_result=True)
def dispatch_meeting_notices() -> int:
    return services.dispatch_meeting_notices()
