"""IKZ-Portal Lippe: the collaboration portal of the CDO network of Kreis Lippe."""

from .celery import app as celery_app

__all__ = ("celery_app",)
