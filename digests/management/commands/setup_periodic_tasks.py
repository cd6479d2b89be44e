"""Create (or update) the beat schedules in django-celery-beat's tables. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

# (name, task, minutes): on the quarter hours of the wall clock (crontab, Europe/Berlin) when
# the minutes divide an hour, so that a digest slot (a full hour) is served at its minute and
# not up to a quarter of an hour later, as an interval counted from beat's start would do.
SCHEDULES = [
    ("Weekly digests: dispatcher", "digests.dispatch_digests", 15),
    ("Meeting reminders and cancellations", "digests.dispatch_meeting_notices", 15),
    # Daily: delivery logs, feedback, expired sessions and data exports (privacy app).
    ("Privacy: retention rules", "privacy.apply_retention", 24 * 60),
]


def _schedule(minutes: int) -> dict:
    if minutes < 60 and 60 % minutes == 0:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=f"*/{minutes}", hour="*", day_of_week="*", day_of_month="*",
            month_of_year="*", timezone=settings.TIME_ZONE,
        )  # fmt: skip
        return {"crontab": crontab, "interval": None}
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=minutes, period=IntervalSchedule.MINUTES
    )
    return {"interval": interval, "crontab": None}


class Command(BaseCommand):
    help = (
        "Create the Celery beat schedules of the portal (every quarter hour: digests, "
        "reminders; daily: retention rules)."
    )

    def handle(self, *args, **options):
        for name, task, minutes in SCHEDULES:
            _task, created = PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "enabled": True, **_schedule(minutes)}
            )
            self.stdout.write(f"{'created' if created else 'updated'}: {name} ({task})")
