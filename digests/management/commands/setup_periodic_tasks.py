"""Create (or update) the beat schedules in django-celery-beat's tables. Idempotent."""

from django.core.management.base import BaseCommand
from django_celery_beat.models import IntervalSchedule, PeriodicTask

SCHEDULES = [
    ("Weekly digests: dispatcher", "digests.dispatch_digests", 15),
    ("Meeting reminders and cancellations", "digests.dispatch_meeting_notices", 15),
    # Daily: delivery logs, feedback, expired sessions and data exports (privacy app).
    ("Privacy: retention rules", "privacy.apply_retention", 24 * 60),
]


class Command(BaseCommand):
    help = (
        "Create the Celery beat schedules of the portal (every 15 minutes: digests, reminders; "
        "daily: retention rules)."
    )

    def handle(self, *args, **options):
        for name, task, minutes in SCHEDULES:
            every, _ = IntervalSchedule.objects.get_or_create(
                every=minutes, period=IntervalSchedule.MINUTES
            )
            _task, created = PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "interval": every, "enabled": True}
            )
            self.stdout.write(f"{'created' if created else 'updated'}: {name} ({task})")
