"""`manage.py rebuild_search_index`: index every registered type from scratch (idempotent)."""

import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import all_types, reindex_type, schedule_extraction
from search.models import SearchEntry, SearchWord


class Progress:
    """A one-line progress bar on stderr (only when it is a terminal; quiet otherwise)."""

    def __init__(self, label: str, total: int, stream):
        self.label, self.total, self.done, self.stream = label, max(total, 1), 0, stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, n: int) -> None:
        self.done += n
        if self.tty:
            filled = int(30 * self.done / self.total)
            self.stream.write(
                f"\r{self.label:<28} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Rebuild the portal search index from every registered search type."

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", dest="types", help="only this type key")

    def handle(self, *args, types=None, **options):
        selected = [t for t in all_types() if not types or t.key in types]
        unknown = set(types or ()) - {t.key for t in selected}
        if unknown:
            self.stderr.write(f"unknown type(s): {', '.join(sorted(unknown))}")
            sys.exit(2)
        with transaction.atomic():
            if not types:
                known = [t.key for t in all_types()]
                SearchEntry.objects.exclude(type_key__in=known).delete()
                SearchWord.objects.all().delete()
            for stype in selected:
                total = stype.get_queryset().count()
                bar = Progress(stype.key, total, self.stderr._out)
                written = reindex_type(stype, progress=bar)
                bar.close()
                self.stdout.write(f"{stype.key}: {written} entries")
                if stype.file is not None:
                    # files whose text was never read: a Celery task each, after the commit
                    queued = schedule_extraction(stype, list(stype.get_queryset()))
                    if queued:
                        self.stdout.write(f"{stype.key}: {queued} files queued for text")
        self.stdout.write(self.style.SUCCESS(f"{SearchEntry.objects.count()} entries in the index"))
