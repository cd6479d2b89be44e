"""Public part: every public list and detail page and the API's lists at Lippe and NRW size
against the empty public layout (`/__bench__/public-floor/`, anonymous, both uncached), the
Kommune's page and the exports also against the raw SQL of their rows (`_floor_figures`);
then, at NRW size, the public Kommune page and the API list endpoint uncached and cached
against the raw SQL (median lines), and a bounded load run against gunicorn
(bench/_public_load.py).

Runs in the scratch database of bench._support (a temporary SQLite file, or
`ikz_bench_public` on the PostgreSQL server, so it follows BENCH_BACKENDS like every module):
load the catalogue, generate BENCH_NRW_KOMMUNEN (default 396) Kommunen with a status for every
service (ozg.bench_data, ≈ 220,000 statuses at 396), release them all, and time
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


COUNT_SQL = (
    "SELECT COUNT(*) FROM ozg_servicestatus s JOIN ozg_ozgservice o ON o.id = s.service_id "
    "JOIN public_publicationsetting p ON p.municipality_id = s.municipality_id "
    "WHERE o.withdrawn_at IS NULL AND p.statuses_public"
)


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


PAGES = [
    # (label, url, raw-SQL key or None, rounds)
    ("/online-dienste/ (start)", "/online-dienste/", None, 7),
    ("/online-dienste/leistungen/ (557 services)", "/online-dienste/leistungen/", None, 5),
    ("/online-dienste/leistungen/&lt;ozg_id&gt;/ (detail)", "service", None, 7),
    ("/online-dienste/&lt;kommune&gt;/ (detail)", "kommune", "kommune", 7),
    ("/online-dienste/fortschritt/", "/online-dienste/fortschritt/", None, 5),
    ("/online-dienste/leichte-sprache/", "/online-dienste/leichte-sprache/", None, 7),
    ("/online-dienste/daten/ (open data index)", "/online-dienste/daten/", None, 7),
    ("/online-dienste/daten/&lt;kommune&gt;.csv", "kommune.csv", "kommune", 7),
    (
        "/online-dienste/daten/alle.csv (every released row)",
        "/online-dienste/daten/alle.csv",
        "all",
        2,
    ),
    ("/online-dienste/daten/alle.json", "/online-dienste/daten/alle.json", "all", 2),
    (
        "/online-dienste/daten/katalog.jsonld (DCAT-AP.de)",
        "/online-dienste/daten/katalog.jsonld",
        None,
        7,
    ),
    ("/api/v1/kommunen/", "/api/v1/kommunen/", None, 7),
    ("/api/v1/kommunen/&lt;slug&gt;/", "api-kommune", None, 7),
    ("/api/v1/leistungen/ (page 1)", "/api/v1/leistungen/", None, 7),
    ("/api/v1/leistungen/&lt;ozg_id&gt;/", "api-service", None, 7),
    ("/api/v1/status/?page_size=100", "/api/v1/status/?page_size=100", "status", 3),
    # empty in this module's data (no story, no meetings): the framework's part only
    ("/api/v1/netzwerk/ (empty)", "/api/v1/netzwerk/", None, 7),
    ("/api/v1/termine/ (empty)", "/api/v1/termine/", None, 7),
]


def _floor_figures(size: str, kommune, service, kommunen: int) -> list[str]:
    """Every public list and detail page (uncached: the cache is emptied before each fetch of
    the page and of the floor alike) against the empty public layout, anonymous; the Kommune's
    page and the exports also against the raw SQL of their rows."""
    from django.core.cache import cache

    from bench._support import PUBLIC_FLOOR, bench_client, measure, raw_sql

    client = bench_client()
    page_sql = RAW_KOMMUNE.format(where="1=1", order="m.name, o.ozg_id") + " LIMIT 100"
    urls = {
        "service": f"/online-dienste/leistungen/{service.ozg_id}/",
        "kommune": f"/online-dienste/{kommune.slug}/",
        "kommune.csv": f"/online-dienste/daten/{kommune.slug}.csv",
        "api-kommune": f"/api/v1/kommunen/{kommune.slug}/",
        "api-service": f"/api/v1/leistungen/{service.ozg_id}/",
    }
    raws = {
        "kommune": raw_sql(RAW_KOMMUNE.format(where="s.municipality_id = %s",
                                              order="s.maturity DESC, o.name"), [kommune.pk]),
        "all": raw_sql(RAW_KOMMUNE.format(where="1=1", order="m.name, o.ozg_id")),
        # the API counts the released rows, then reads its page of 100
        "status": lambda: (_raw(COUNT_SQL, []), _raw(page_sql, [])),
    }  # fmt: skip
    note = f"{kommunen} Kommunen, anonymous, uncached"
    return [
        measure(
            client,
            size,
            label,
            urls.get(url, url),
            raw=raws.get(raw) if raw else None,
            rounds=rounds,
            floor=PUBLIC_FLOOR,
            before=cache.clear,
            note=note,
        )
        for label, url, raw, rounds in PAGES
    ]


def run() -> list[str]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from rest_framework.throttling import AnonRateThrottle

    from bench._support import SIZES, database_url, scratch_database

    settings.PUBLIC_RATE_LIMIT = "1000000/m"
    AnonRateThrottle.THROTTLE_RATES = {**AnonRateThrottle.THROTTLE_RATES, "anon": "1000000/min"}
    lines = []
    with scratch_database("public") as connection:
        from members.models import Municipality
        from ozg.bench_data import generate
        from ozg.models import OzgService
        from public_site.models import PublicationSetting

        service = OzgService.objects.filter(withdrawn_at__isnull=True).order_by("pk").first()
        for size, spec in SIZES.items():
            kommunen = spec["kommunen"]
            generate(kommunen=kommunen)
            PublicationSetting.objects.bulk_create(
                [PublicationSetting(municipality=m, statuses_public=True)
                 for m in Municipality.objects.filter(publication_setting__isnull=True)]
            )  # fmt: skip
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # fresh statistics, as autovacuum would
                    cursor.execute("ANALYZE")
            kommune = Municipality.objects.get(slug="luegde")
            lines += _floor_figures(size, kommune, service, kommunen)
        lines += _timings(Client(), cache, kommune, kommunen)
        seconds = int(os.environ.get("PUBLIC_LOAD_SECONDS", "60"))
        if seconds > 0:
            from bench._public_load import load_run

            slugs = list(Municipality.objects.values_list("slug", flat=True))
            url = database_url(connection.settings_dict)
            connection.close()  # gunicorn's workers open their own connections
            lines.append(
                f"{connection.vendor}: "
                + load_run(database_url=url, slugs=slugs, seconds=seconds, clients=50, workers=2)
            )
    return lines


def _timings(client, cache, kommune, kommunen: int) -> list[str]:
    from django.db import connection

    lines = []
    vendor = connection.vendor

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
        f"{vendor}: public Kommune page, {kommunen} Kommunen ({rows} released rows, 50 shown): "
        f"page {page_ms:.1f} ms / raw SQL {sql_ms:.1f} ms = {page_ms / sql_ms:.1f}x "
        f"(cached: {warm_ms:.1f} ms = {warm_ms / sql_ms:.2f}x)"
    )

    api_url = "/api/v1/status/?page_size=100"
    api_sql = RAW_KOMMUNE.format(where="1=1", order="m.name, o.ozg_id") + " LIMIT 100"
    count_sql = COUNT_SQL
    total = _raw(count_sql, [])[0][0]
    sql_ms = _median_ms(lambda: (_raw(count_sql, []), _raw(api_sql, [])))
    api_ms = _median_ms(uncached(page(api_url)))
    warm_ms = _median_ms(page(api_url))
    lines.append(
        f"{vendor}: public API /api/v1/status/, {kommunen} Kommunen ({total:,} released "
        f"statuses, page of 100): {api_ms:.1f} ms / raw SQL (count + 100 rows) {sql_ms:.1f} ms "
        f"= {api_ms / sql_ms:.1f}x (cached: {warm_ms:.1f} ms = {warm_ms / sql_ms:.2f}x)"
    )
    return lines
