"""Celery tasks of the discussions app: thin, they take ids and call a service."""

import smtplib

from celery import shared_task

from discussions import services


@shared_task(
    name="discussions.email_report",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=5,
)
def email_report(report_id: int) -> bool:
    """Tell the moderators about a reported post (once per report)."""
    return services.report_notify(report_id=report_id)
