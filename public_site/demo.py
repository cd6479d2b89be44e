"""Demo data of the public part (`seed_demo`, DEBUG only): every Kommune but two releases its
statuses (demo settings, `is_demo=True`), and Lügde gets a released online status for
Wohngeld (OZG-ID 10092) so that the citizen's journey in the README works. Idempotent."""

import datetime as dt

from django.db import transaction

from members.models import Municipality
from ozg.models import ImplementationState, OzgService, ServiceStatus, Solution
from public_site.models import PublicationSetting

NOT_RELEASED = {"schieder-schwalenberg", "extertal"}  # to show what "not released" looks like


@transaction.atomic
def seed_public(*, stdout) -> None:
    created = 0
    for municipality in Municipality.objects.order_by("name"):
        _setting, was_created = PublicationSetting.objects.get_or_create(
            municipality=municipality,
            defaults={"statuses_public": municipality.slug not in NOT_RELEASED, "is_demo": True},
        )
        created += was_created
    luegde = Municipality.objects.filter(slug="luegde").first()
    wohngeld = OzgService.objects.filter(ozg_id="10092").first()
    if luegde and wohngeld:
        status = ServiceStatus.objects.filter(municipality=luegde, service=wohngeld).first()
        if status is None or status.is_demo:
            ServiceStatus.objects.update_or_create(
                municipality=luegde,
                service=wohngeld,
                defaults={
                    "maturity": 3,
                    "state": ImplementationState.ONLINE,
                    "online_since": dt.date(2024, 4, 2),
                    "url": "https://www.example.org/luegde/ozg/10092",
                    "solution": Solution.objects.filter(name__startswith="EfA").first(),
                    "is_demo": True,
                },
            )
    from public_site import cache

    cache.bump_all()
    stdout.write(f"Public demo: {created} publication settings (demo), Wohngeld online in Lügde")
