"""OZG: the catalogue, a service's page, the matrix and its CSV/XLSX exports, progress and
division of labour, at Lippe size (17 Kommunen × 557 services, a status for every cell) and
NRW size (396 Kommunen, ≈ 220,000 statuses; the matrix then per Themenfeld, the largest).

Every page against the framework floor; the matrix and its exports also against the raw SQL
fetching the same cells (`SELECT service_id, municipality_id, maturity, state …`, plain
cursor, `fetchall()`).
"""

from bench._support import (
    ROUNDS,
    SIZES,
    analyze,
    bench_client,
    bench_user,
    measure,
    raw_sql,
    scratch_database,
    timed,
)

CELLS_SQL = (
    "SELECT s.service_id, s.municipality_id, s.maturity, s.state FROM ozg_servicestatus s "
    "JOIN ozg_ozgservice o ON o.id = s.service_id WHERE o.withdrawn_at IS NULL"
)


def _cells(themenfeld_id: int | None):
    if themenfeld_id is None:
        return raw_sql(CELLS_SQL)
    return raw_sql(CELLS_SQL + " AND o.themenfeld_id = %s", [themenfeld_id])


def run() -> list[str]:
    from django.db.models import Count

    from ozg.bench_data import generate
    from ozg.models import OzgService, Themenfeld

    lines = []
    with scratch_database("ozg"):
        client = bench_client(bench_user())
        service = OzgService.objects.filter(withdrawn_at__isnull=True).order_by("pk").first()
        for size, spec in SIZES.items():
            _, note = timed(
                f"ozg: {size} statuses ({spec['kommunen']} Kommunen) generated",
                lambda spec=spec: generate(kommunen=spec["kommunen"]),
            )
            lines.append(note)
            analyze()
            if size == "Lippe":
                query, themenfeld_id, what = "themenfeld=alle", None, "all services"
            else:
                biggest = (
                    Themenfeld.objects.annotate(n=Count("services")).order_by("-n", "pk").first()
                )
                query, themenfeld_id = f"themenfeld={biggest.slug}", biggest.pk
                what = f"Themenfeld {biggest.name}"
            cells = len(_cells(themenfeld_id)())
            label = f"{spec['kommunen']} Kommunen, {what}, {cells:,} cells"
            raw = _cells(themenfeld_id)
            few = max(3, ROUNDS // 3)
            kommunen = f"{spec['kommunen']} Kommunen"
            lines += [
                measure(client, size, "/ozg/matrix/", f"/ozg/matrix/?{query}", raw=raw,
                        note=label),
                measure(client, size, "/ozg/matrix.csv", f"/ozg/matrix.csv?{query}", raw=raw,
                        rounds=few, note=label),
                measure(client, size, "/ozg/matrix.xlsx", f"/ozg/matrix.xlsx?{query}", raw=raw,
                        rounds=few, note=label),
                measure(client, size, "/ozg/ (catalogue)", "/ozg/", note=kommunen),
                measure(client, size, "/ozg/leistungen/&lt;id&gt;/ (detail)",
                        f"/ozg/leistungen/{service.ozg_id}/", note=kommunen),
                measure(client, size, "/ozg/fortschritt/", "/ozg/fortschritt/", rounds=few,
                        note=kommunen),
                measure(client, size, "/ozg/federfuehrung/", "/ozg/federfuehrung/",
                        note=kommunen),
            ]  # fmt: skip
    return lines
