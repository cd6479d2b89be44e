from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from members.reference import ReferenceDataError


class Command(BaseCommand):
    help = (
        "Load the reference data shipped with the project (Kommunen, OZG catalogue, legal "
        "pages). Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            loader = getattr(config, "load_reference_data", None)
            if loader is None:
                continue
            try:
                loader(stdout=self.stdout)
            except ReferenceDataError as exc:
                raise CommandError(
                    f"{config.label}: the reference file was rejected, nothing was written:\n"
                    + "\n".join(exc.errors)
                ) from exc
