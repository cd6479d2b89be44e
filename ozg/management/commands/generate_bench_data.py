from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ozg.bench_data import generate


class Command(BaseCommand):
    help = (
        "Build an NRW-sized network for benchmarks: 396 Kommunen × all OZG services "
        "(≈ 220,000 statuses, marked as demo data). Only into a scratch database you point it "
        "at: DATABASE_URL=sqlite:///var/bench.sqlite3 manage.py generate_bench_data --yes"
    )

    def add_arguments(self, parser):
        parser.add_argument("--kommunen", type=int, default=396)
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--yes", action="store_true", help="confirm that the database is a scratch database"
        )

    def handle(self, *args, kommunen: int, database: str, yes: bool, **options):
        name = settings.DATABASES[database]["NAME"]
        if not yes:
            raise CommandError(
                f"This writes about {kommunen * 557:,} rows into {name}. Point DATABASE_URL at a "
                "scratch database (load_reference_data first) and pass --yes."
            )
        result = generate(kommunen=kommunen, using=database)
        self.stdout.write(
            f"{result['kommunen']} Kommunen × {result['services']} services: "
            f"{result['statuses']:,} statuses in {name}"
        )
