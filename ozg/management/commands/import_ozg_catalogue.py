from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.reference import ReferenceDataError
from ozg.models import Themenfeld
from ozg.reference import parse_catalogue
from ozg.services import catalogue_import


class Command(BaseCommand):
    help = (
        "Import a newer OZG catalogue (same shape as ozg/data/ozg_services.csv, optionally the "
        "LeiKa mapping): updates names, adds services, marks missing ones withdrawn, keeps "
        "every status and reports the changes. A malformed file is rejected, nothing written."
    )

    def add_arguments(self, parser):
        parser.add_argument("services_file", type=Path)
        parser.add_argument("--leika", type=Path, help="LeiKa mapping file (optional)")
        parser.add_argument(
            "--keep-missing",
            action="store_true",
            help="do not mark services missing from the file as withdrawn",
        )
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")

    def handle(self, *args, services_file: Path, leika, keep_missing, dry_run, **options):
        try:
            catalogue = parse_catalogue(
                services_text=services_file.read_text(encoding="utf-8"),
                leika_text=leika.read_text(encoding="utf-8") if leika else None,
                known_themenfelder=set(Themenfeld.objects.values_list("name", flat=True)),
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read the file: {exc}") from exc
        except ReferenceDataError as exc:
            raise CommandError(
                "The file was rejected, nothing was written:\n" + "\n".join(exc.errors)
            ) from exc
        if dry_run:
            from django.db import transaction

            with transaction.atomic():
                report = catalogue_import(catalogue=catalogue, withdraw_missing=not keep_missing)
                transaction.set_rollback(True)
        else:
            report = catalogue_import(catalogue=catalogue, withdraw_missing=not keep_missing)
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
