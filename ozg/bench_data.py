"""Synthetic NRW-sized data for benchmarks (`manage.py generate_bench_data`)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from members.models import Municipality
from ozg.models import ImplementationState, OzgService, ServiceStatus

STATES = [
    ImplementationState.NOT_STARTED,
    ImplementationState.PLANNED,
    ImplementationState.IN_PROGRESS,
    ImplementationState.ONLINE,
    ImplementationState.ONLINE,
]


@transaction.atomic
def generate(*, kommunen: int, using: str = "default", batch_size: int = 5000) -> dict:
    """Fill up to `kommunen` Kommunen (fictitious "Benchstadt NNN") and give every Kommune a
    status for every active service. Idempotent: existing rows are kept."""
    existing = Municipality.objects.using(using).count()
    new = [
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
    ]
    Municipality.objects.using(using).bulk_create(new, batch_size=batch_size)
    municipality_ids = list(
        Municipality.objects.using(using).order_by("pk").values_list("pk", flat=True)[:kommunen]
    )
    service_ids = list(
        OzgService.objects.using(using)
        .filter(withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    created = 0
    batch = []
    for mid in municipality_ids:
        for sid in service_ids:
            level = (mid * 7 + sid * 13) % 5
            batch.append(
                ServiceStatus(municipality_id=mid, service_id=sid, maturity=level,
                              state=STATES[level], is_demo=True)
            )  # fmt: skip
            if len(batch) >= batch_size:
                ServiceStatus.objects.using(using).bulk_create(batch, ignore_conflicts=True)
                created += len(batch)
                batch = []
    ServiceStatus.objects.using(using).bulk_create(batch, ignore_conflicts=True)
    created += len(batch)
    return {
        "kommunen": len(municipality_ids),
        "services": len(service_ids),
        "statuses": ServiceStatus.objects.using(using).count(),
    }
