"""Public part: the public Kommune page and the API list endpoint at NRW size against the raw
SQL of the same rows, then a bounded load run against gunicorn (bench/_public_load.py).

Runs in a scratch database that follows the backend (`scratch_database`: a SQLite file or a
PostgreSQL database, never the development database): migrate, load the catalogue, generate
396 Kommunen with a status for every service (ozg.bench_data, ≈ 220,000
statuses), release them all, and time
- `/online-dienste/<kommune>/` (anonymous, cache emptied before every run, so the figure is
  the uncached page: filters, one query for the rows, rendering 50 of 557 rows) against the
  raw SQL that fetches the same Kommune's released rows with their names;
- `/api/v1/status/?page_size=100` (anonymous, uncached: count + one page of 100 rows as JSON)
  against the raw SQL of the count and the same 100 rows;
and the same two with a warm cache. The load run (2 gunicorn workers, 50 concurrent clients,
PUBLIC_LOAD_SECONDS seconds, default 60, loopback only) prints requests per second and errors.
"""

import os
import statistics
import time

from bench._support import scratch_database

ROUNDS = 7

RAW_KOMMUNE = """
SELECT m.ags, m.slug, m.name, o.ozg_id, o.name, t.name, l.name, s.maturity, s.state,
       s.online_since, s.url, so.name, so.url, s.updated_at
FROM ozg_servicestatus s
JOIN members_municipality m ON m.id = s.municipality_id
JOIN ozg_ozgservice o ON o.id = s.service_id
JOIN ozg_themenfeld t ON t.id = o.themenfeld_id
JOIN ozg_lebenslage l ON l.id = o.lebenslage_id
LEFT JOIN ozg_solution so ON so.id = s.solution_id
JOIN public_publicationsetting p ON p.municipality_id = s.municipality_id
WHERE o.withdrawn_at IS NULL AND p.statuses_public AND {where}
ORDER BY {order}
"""


def _median_ms(fn, rounds: int = ROUNDS) -> float:
    fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _raw(sql: str, params) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def run() -> list[str]:
    with scratch_database("public") as connection:
        return _run(connection)


def _database_url(connection) -> str:
    """The scratch database as DATABASE_URL, for the gunicorn of the load run."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _run(connection) -> list[str]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.PUBLIC_RATE_LIMIT = "1000000/m"
    from rest_framework.throttling import AnonRateThrottle

    AnonRateThrottle.THROTTLE_RATES = {**AnonRateThrottle.THROTTLE_RATES, "anon": "1000000/min"}
    from members.models import Municipality
    from ozg.bench_data import generate
    from public_site.models import PublicationSetting

    generate(kommunen=396)
    PublicationSetting.objects.bulk_create(
        [PublicationSetting(municipality=m, statuses_public=True) for m in Municipality.objects.all()]  # noqa: E501
    )  # fmt: skip
    client = Client()
    kommune = Municipality.objects.get(slug="luegde")
    lines = []

    def page(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    def uncached(fetch):
        def run_once():
            cache.clear()
            fetch()

        return run_once

    kommune_url = f"/online-dienste/{kommune.slug}/"
    where = "s.municipality_id = %s"
    sql = RAW_KOMMUNE.format(where=where, order="s.maturity DESC, o.name")
    rows = len(_raw(sql, [kommune.pk]))
    sql_ms = _median_ms(lambda: _raw(sql, [kommune.pk]))
    page_ms = _median_ms(uncached(page(kommune_url)))
    warm_ms = _median_ms(page(kommune_url))
    lines.append(
        f"public Kommune page NRW 396 Kommunen ({rows} released rows, 50 shown): page "
        f"{page_ms:.1f} ms / raw SQL {sql_ms:.1f} ms = {page_ms / sql_ms:.1f}x "
        f"(cached: {warm_ms:.1f} ms = {warm_ms / sql_ms:.2f}x)"
    )

    api_url = "/api/v1/status/?page_size=100"
    api_sql = RAW_KOMMUNE.format(where="1=1", order="m.name, o.ozg_id") + " LIMIT 100"
    count_sql = (
        "SELECT COUNT(*) FROM ozg_servicestatus s JOIN ozg_ozgservice o ON o.id = s.service_id "
        "JOIN public_publicationsetting p ON p.municipality_id = s.municipality_id "
        "WHERE o.withdrawn_at IS NULL AND p.statuses_public"
    )
    total = _raw(count_sql, [])[0][0]
    sql_ms = _median_ms(lambda: (_raw(count_sql, []), _raw(api_sql, [])))
    api_ms = _median_ms(uncached(page(api_url)))
    warm_ms = _median_ms(page(api_url))
    lines.append(
        f"public API /api/v1/status/ NRW ({total:,} released statuses, page of 100): "
        f"{api_ms:.1f} ms / raw SQL (count + 100 rows) {sql_ms:.1f} ms = {api_ms / sql_ms:.1f}x "
        f"(cached: {warm_ms:.1f} ms = {warm_ms / sql_ms:.2f}x)"
    )
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    connection.close()

    seconds = int(os.environ.get("PUBLIC_LOAD_SECONDS", "60"))
    if seconds > 0:
        from bench._public_load import load_run

        lines.append(load_run(database_url=_database_url(connection), slugs=slugs,
                              seconds=seconds, clients=50, workers=2))  # fmt: skip
    return lines
