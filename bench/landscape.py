"""Software landscape: its list and detail pages against the framework floor, the matrix and
the network export also against the raw SQL of their cells, at Lippe and NRW size.

Works in a scratch database of its own that follows the backend (`scratch_database`, SQLite
or PostgreSQL): the 17 Kommunen get one product per category (12 categories, 3 products
each), then `landscape.bench_data.generate` grows the network to 396 Kommunen (Benchstadt
NNN, the same names and AGS as `ozg.bench_data`): 4,752 cells.
"""

from bench._support import (
    SIZES,
    analyze,
    bench_client,
    bench_user,
    measure,
    raw_sql,
    scratch_database,
)

MATRIX_SQL = (
    "SELECT u.municipality_id, p.category_id, p.name FROM landscape_usage u "
    "JOIN landscape_product p ON p.id = u.product_id ORDER BY p.name"
)
# The network export: one row per usage with Kommune, product, category and contract.
EXPORT_SQL = """
SELECT m.name, m.ags, c.name, p.name, p.vendor, u.since, u.contract_end, u.notice_months,
       u.licences, u.yearly_cost, u.satisfaction, u.comment, u.plans, u.updated_at
FROM landscape_usage u
JOIN members_municipality m ON m.id = u.municipality_id
JOIN landscape_product p ON p.id = u.product_id
JOIN landscape_category c ON c.id = p.category_id
ORDER BY m.name, c.name, p.name
"""
# /software/beschaffung/: the contracts ending within 24 months with Kommune and product.
WINDOWS_SQL = """
SELECT u.id, u.contract_end, u.notice_months, m.name, m.slug, p.name, c.id, c.name
FROM landscape_usage u
JOIN members_municipality m ON m.id = u.municipality_id
JOIN landscape_product p ON p.id = u.product_id
JOIN landscape_category c ON c.id = p.category_id
WHERE u.contract_end >= %s AND u.contract_end <= %s
ORDER BY c.position, u.contract_end, m.name
"""


def run() -> list[str]:
    from landscape.bench_data import generate
    from landscape.models import Product, Usage
    from landscape.selectors import add_months, today

    window = [today(), add_months(today(), 24)]

    lines = []
    with scratch_database("landscape"):
        client = bench_client(bench_user())
        for size, spec in SIZES.items():
            kommunen = spec["kommunen"]
            generate(kommunen=kommunen)
            analyze()
            cells = Usage.objects.count()
            product = Product.objects.order_by("pk").first()
            note = f"{kommunen} Kommunen × 12 categories ({cells:,} cells)"
            lines += [
                measure(client, size, "/software/ (overview)", "/software/", note=note),
                measure(client, size, "/software/matrix/", "/software/matrix/",
                        raw=raw_sql(MATRIX_SQL), note=note),
                measure(client, size, "/software/export.csv (all usages)",
                        "/software/export.csv", raw=raw_sql(EXPORT_SQL), rounds=3, note=note),
                measure(client, size, "/software/katalog/", "/software/katalog/", note=note),
                measure(client, size, "/software/produkte/&lt;slug&gt;/ (detail)",
                        f"/software/produkte/{product.slug}/", note=note),
                measure(client, size, "/software/kommunen/&lt;slug&gt;/ (detail)",
                        "/software/kommunen/detmold/", note=note),
                measure(client, size, "/software/beschaffung/ (24 months)",
                        "/software/beschaffung/", raw=raw_sql(WINDOWS_SQL, window), note=note),
                measure(client, size, "/software/kommunen/&lt;slug&gt;/gemeinsamkeiten/",
                        "/software/kommunen/detmold/gemeinsamkeiten/", note=note),
            ]  # fmt: skip
    return lines
