"""The digests app's part in the privacy duties (see lippe_ikz/privacy.py): the digest
settings, the delivery log and the log of meeting notices."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from digests.models import Delivery, DigestPreference, MeetingNotice
from lippe_ikz.privacy import PersonalData, rows


def personal_data(person) -> list[PersonalData]:
    preference = rows(
        DigestPreference.objects.filter(person=person),
        "enabled", "weekday", "hour", "sections", "scope", "skip_when_empty", "reminders",
        "watermark", "updated_at",
    )  # fmt: skip
    deliveries = rows(
        Delivery.objects.filter(person=person),
        "period", "status", "window_start", "window_end", "item_count", "created_at", "sent_at",
    )  # fmt: skip
    notices = rows(
        MeetingNotice.objects.filter(person=person), "meeting_ref", "starts_at", "kind", "sent_at"
    )
    return [
        PersonalData("digest_settings", preference),
        PersonalData("digest_deliveries", deliveries),
        PersonalData("meeting_notices", notices),
    ]


@transaction.atomic
def anonymise(*, person, actor) -> None:
    """No more digests: the settings go (an inactive account gets none anyway)."""
    DigestPreference.objects.filter(person=person).delete()


@transaction.atomic
def apply_retention(*, now: dt.datetime) -> dict[str, int]:
    cutoff = now - dt.timedelta(days=settings.RETENTION_DIGEST_LOG_DAYS)
    # Only finished deliveries: a queued or sending one is still work to do.
    finished = [Delivery.Status.SENT, Delivery.Status.SKIPPED, Delivery.Status.FAILED]
    deliveries, _ = Delivery.objects.filter(created_at__lt=cutoff, status__in=finished).delete()
    notices, _ = MeetingNotice.objects.filter(sent_at__lt=cutoff).delete()
    return {"digest_deliveries": deliveries, "meeting_notices": notices}
