"""Celery tasks of the notifications app: thin, they take ids and call a service."""

import smtplib

from celery import shared_task

from notifications import services


@shared_task(
    name="notifications.send_notification_email",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    ignore_result=True,
)
def send_notification_email(self, notification_id: int) -> str:
    """A mention or an answer by email at once (safe to run twice: ``emailed_at`` is claimed)."""
    try:
        return services.notification_email(notification_id=notification_id)
    except (smtplib.SMTPException, OSError) as exc:
        if self.request.retries >= self.max_retries:
            return "failed"
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
