"""Celery tasks of the privacy app: thin, they take ids and call a service."""

from celery import shared_task

from privacy import services


@shared_task(name="privacy.build_data_export", acks_late=True, ignore_result=True)
def build_data_export(export_id: int) -> str:
    return services.data_export_build(export_id=export_id)


@shared_task(name="privacy.apply_retention", ignore_result=True)
def apply_retention() -> dict:
    """Daily (beat): delete what is older than the retention periods (settings RETENTION_*)."""
    return services.retention_apply()
