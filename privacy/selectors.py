"""Reads of the privacy app."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from privacy.models import DataExport


def latest_export(person) -> DataExport | None:
    return DataExport.objects.filter(person=person).order_by("-requested_at", "-pk").first()


def offboarding_candidates() -> QuerySet:
    """Active people, with their roles for the choice labels."""
    return get_user_model().objects.filter(is_active=True).order_by("full_name", "email")
