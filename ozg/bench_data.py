"""Synthetic NRW-sized data for benchmarks (`manage.py generate_bench_data`)."""

from django.db import transaction

from members.bench_data import generate_kommunen
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
    municipality_ids = generate_kommunen(kommunen=kommunen, using=using, batch_size=batch_size)
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
