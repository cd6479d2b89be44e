"""Synthetic Kommunen for benchmarks ("Benchstadt NNN"), up to NRW size (396)."""

import datetime as dt
from decimal import Decimal

from members.models import Municipality


def generate_kommunen(
    *, kommunen: int, using: str = "default", batch_size: int = 5000
) -> list[int]:
    """Fill up to `kommunen` Kommunen; returns the ids of the first `kommunen` (by pk)."""
    existing = Municipality.objects.using(using).count()
    Municipality.objects.using(using).bulk_create(
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
    return list(
        Municipality.objects.using(using).order_by("pk").values_list("pk", flat=True)[:kommunen]
    )
