"""The legal app's part in the privacy duties (see lippe_ikz/privacy.py): accessibility
feedback, which carries a name and email address only if the sender gave them."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from legal.models import AccessibilityFeedback
from lippe_ikz.privacy import PersonalData, rows


def _feedback_of(person):
    return AccessibilityFeedback.objects.filter(email__iexact=person.email)


def personal_data(person) -> list[PersonalData]:
    feedback = rows(_feedback_of(person), "name", "email", "page_url", "message", "created_at")
    return [PersonalData("accessibility_feedback", feedback)] if feedback else []


@transaction.atomic
def anonymise(*, person, actor) -> None:
    _feedback_of(person).update(name="", email="")


@transaction.atomic
def apply_retention(*, now: dt.datetime) -> dict[str, int]:
    cutoff = now - dt.timedelta(days=settings.RETENTION_FEEDBACK_DAYS)
    deleted, _ = AccessibilityFeedback.objects.filter(created_at__lt=cutoff).delete()
    return {"accessibility_feedback": deleted}
