"""Landscape matrix: the page's server time as a ratio to the raw SQL fetching the same cells.

Runs against a scratch SQLite file (never the development database): migrate, load the
reference data, fill the landscape of the 17 Kommunen and time the Lippe matrix
(17 × 12 categories), then grow to NRW size (396 Kommunen ≈ 4,750 cells) and time it again.
Both sides are measured in the same run; the figure is the median ratio.
"""

import io
import statistics
import tempfile
import time
from pathlib import Path

from bench._support import ensure_test_environment

ROUNDS = 7
SQL = (
    "SELECT u.municipality_id, p.category_id, p.name FROM landscape_usage u "
    "JOIN landscape_product p ON p.id = u.product_id ORDER BY p.name"
)


def _median_ms(fn, rounds: int = ROUNDS) -> float:
    fn()  # warm up (template loading, caches)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _raw_cells():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SQL)
        return cursor.fetchall()


def _measure(client) -> tuple[float, float, int]:
    cells = len(_raw_cells())

    def page():
        response = client.get("/software/matrix/")
        assert response.status_code == 200, response.status_code

    return _median_ms(page), _median_ms(_raw_cells), cells


def run() -> list[str]:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    tmp = Path(tempfile.mkdtemp(prefix="ikz-bench-landscape-"))
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = str(tmp / "bench.sqlite3")
    connections["default"].settings_dict["NAME"] = str(tmp / "bench.sqlite3")
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    ensure_test_environment()

    from landscape.bench_data import generate
    from members.models import Membership, Municipality, User

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_reference_data", stdout=quiet)
    user = User.objects.create_user(email="bench@example.org", full_name="Bench")
    Membership.objects.create(
        user=user, municipality=Municipality.objects.get(slug="detmold"), role="cdo"
    )
    client = Client()
    client.force_login(user)
    lines = []
    for kommunen, label in ((17, "Lippe"), (396, "NRW")):
        generate(kommunen=kommunen)
        page_ms, sql_ms, cells = _measure(client)
        lines.append(
            f"landscape matrix {label} {kommunen} Kommunen x 12 categories ({cells:,} cells): "
            f"page {page_ms:.1f} ms / raw SQL {sql_ms:.2f} ms = {page_ms / sql_ms:.1f}x"
        )
    connections["default"].close()
    for path in tmp.iterdir():
        path.unlink()
    tmp.rmdir()
    return lines
