"""Celery tasks of the workshops app: thin, they take ids and call a service."""

import smtplib

from celery import shared_task

from workshops import services


@shared_task(
    name="workshops.notify_promotion",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=5,
)
def notify_promotion(attendance_id: int) -> bool:
    """Tell a person who moved up from a meeting's waiting list (once per promotion)."""
    return services.attendance_promotion_notify(attendance_id=attendance_id)
