"""OZG matrix: the page's server time as a ratio to the raw SQL fetching the same cells.

Runs against a scratch SQLite file (never the development database): migrate, load the
catalogue, give the 17 Kommunen a status for every service and time the Lippe matrix
(17 × 557), then grow to NRW size (396 Kommunen, ≈ 220,000 statuses) and time the largest
Themenfeld. Both sides are measured in the same run; the figure is the median ratio.
"""

import io
import statistics
import tempfile
import time
from pathlib import Path

from bench._support import ensure_test_environment

ROUNDS = 7


def _median_ms(fn, rounds: int = ROUNDS) -> float:
    fn()  # warm up (template loading, caches)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _raw_cells(themenfeld_id: int | None):
    from django.db import connection

    sql = (
        "SELECT s.service_id, s.municipality_id, s.maturity, s.state FROM ozg_servicestatus s "
        "JOIN ozg_ozgservice o ON o.id = s.service_id WHERE o.withdrawn_at IS NULL"
    )
    params = []
    if themenfeld_id is not None:
        sql += " AND o.themenfeld_id = %s"
        params.append(themenfeld_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _measure(client, url: str, themenfeld_id: int | None) -> tuple[float, float, int]:
    cells = len(_raw_cells(themenfeld_id))

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    page_ms = _median_ms(page)
    sql_ms = _median_ms(lambda: _raw_cells(themenfeld_id))
    return page_ms, sql_ms, cells


def run() -> list[str]:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    tmp = Path(tempfile.mkdtemp(prefix="ikz-bench-ozg-"))
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = str(tmp / "bench.sqlite3")
    connections["default"].settings_dict["NAME"] = str(tmp / "bench.sqlite3")
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    ensure_test_environment()  # test Client host, locmem email

    from members.models import Membership, Municipality, User
    from ozg.bench_data import generate
    from ozg.models import OzgService, Themenfeld

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

    start = time.perf_counter()
    generate(kommunen=17)
    page_ms, sql_ms, cells = _measure(client, "/ozg/matrix/?themenfeld=alle", None)
    lines.append(
        f"ozg matrix Lippe 17x557 ({cells:,} cells): page {page_ms:.0f} ms / raw SQL "
        f"{sql_ms:.1f} ms = {page_ms / sql_ms:.1f}x"
    )

    generate(kommunen=396)
    generation_s = time.perf_counter() - start
    biggest = max(
        Themenfeld.objects.all(), key=lambda t: OzgService.objects.filter(themenfeld=t).count()
    )
    page_ms, sql_ms, cells = _measure(client, f"/ozg/matrix/?themenfeld={biggest.slug}", biggest.pk)
    lines.append(
        f"ozg matrix NRW 396 Kommunen, Themenfeld {biggest.name} ({cells:,} cells): page "
        f"{page_ms:.0f} ms / raw SQL {sql_ms:.1f} ms = {page_ms / sql_ms:.1f}x"
    )
    lines.append(f"ozg bench data: 396 Kommunen, statuses generated in {generation_s:.1f} s")
    connections["default"].close()
    for path in tmp.iterdir():
        path.unlink()
    tmp.rmdir()
    return lines
