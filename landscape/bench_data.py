"""Synthetic NRW-sized landscape for benchmarks (bench/landscape.py).

Kommunen are named and keyed like `ozg.bench_data` ("Benchstadt NNN", AGS 059NNNNN), so both
generators can fill the same database. Every Kommune gets one product per category (of three
per category), so the matrix at 396 Kommunen × 12 categories has ≈ 4,750 filled cells.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from landscape.models import Category, Product, Usage
from members.models import Municipality


@transaction.atomic
def generate(*, kommunen: int, batch_size: int = 5000) -> dict:
    existing = Municipality.objects.count()
    Municipality.objects.bulk_create(
        [
            Municipality(
                ags=f"059{n:05d}",
                name=f"Benchstadt {n:03d}",
                slug=f"benchstadt-{n:03d}",
                kind=Municipality.Kind.GEMEINDE,
                population=10000 + n,
                population_date=dt.date(2023, 12, 31),
                area_km2=Decimal("50.00"),
            )
            for n in range(existing + 1, kommunen + 1)
        ],
        batch_size=batch_size,
    )
    products: dict[int, list[int]] = {}
    for category in Category.objects.all():
        for i in range(3):
            product, _created = Product.objects.get_or_create(
                category=category,
                name=f"Bench {category.name} {i + 1}",
                defaults={"slug": f"bench-{category.slug}-{i + 1}", "is_demo": True},
            )
            products.setdefault(category.pk, []).append(product.pk)
    municipality_ids = list(
        Municipality.objects.order_by("pk").values_list("pk", flat=True)[:kommunen]
    )
    rows = [
        Usage(
            municipality_id=mid,
            product_id=options[(mid + cid) % len(options)],
            contract_end=dt.date(2027 + (mid + cid) % 4, 1 + (mid * cid) % 12, 1),
            notice_months=6,
            satisfaction=1 + (mid + cid) % 5,
            is_demo=True,
        )
        for mid in municipality_ids
        for cid, options in products.items()
    ]
    Usage.objects.bulk_create(rows, batch_size=batch_size, ignore_conflicts=True)
    return {"kommunen": len(municipality_ids), "usages": Usage.objects.count()}
