"""Celery tasks of the digests app: thin, they take ids and call a service."""

import contextlib

from celery import shared_task
from celery.exceptions import Retry
from django.contrib.auth import get_user_model

from digests import services

MAX_RETRIES = 5
BACKOFF_SECONDS = 60  # 1, 2, 4, 8, 16 minutes


def backoff(retries: int) -> int:
    return BACKOFF_SECONDS * 2**retries


@shared_task(name="digests.dispatch_digests", ignore_result=True)
def dispatch_digests() -> int:
    """Every 15 minutes (beat): one send task per person whose slot has come."""
    ids = services.dispatch_due_digests()
    for delivery_id in ids:
        # Retry escapes only without a broker (tasks run eagerly): the delivery stays queued
        # with its error, and the dispatcher enqueues it again after an hour.
        with contextlib.suppress(Retry):
            send_digest.delay(delivery_id)
    return len(ids)


@shared_task(
    name="digests.send_digest",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
)
def send_digest(self, delivery_id: int) -> str:
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
