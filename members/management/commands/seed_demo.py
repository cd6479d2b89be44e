from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create demo accounts and content from the network's history. Only with DEBUG on; "
        "a second run creates nothing twice."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        for config in apps.get_app_configs():
            seeder = getattr(config, "seed_demo", None)
            if seeder is not None:
                seeder(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Log in as admin@example.org or cdo.<kommune>@example.org "
                f"(e.g. cdo.detmold@example.org), password {DEMO_PASSWORD}"
            )
        )
