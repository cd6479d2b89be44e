"""Demo data for `manage.py seed_demo`: division of labour, statuses, solutions, forms.

Everything created here carries `is_demo=True` (assignments, statuses, solutions, forms), so
it can be told apart from real entries and removed. Deterministic and idempotent.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from members.models import Membership, Municipality
from ozg.models import (
    Assignment,
    FormAdoption,
    FormTemplate,
    ImplementationState,
    OzgService,
    ServiceStatus,
    Solution,
    StatusChange,
    Themenfeld,
)

SOLUTIONS = [
    ("Bürgerserviceportal (regio.IT)", Solution.Kind.PORTAL, "regio iT GmbH",
     "Das gemeinsame Bürgerserviceportal der Kommunen im Kreis Lippe; eine Kommune hat es "
     "als Pilot eingeführt."),
    ("EfA-Leistung (Einer für Alle)", Solution.Kind.EFA, "Land NRW / Bund",
     "Nachnutzbare Online-Leistung nach dem Einer-für-Alle-Prinzip."),
    ("Formularserver (Demo)", Solution.Kind.VENDOR, "Beispiel-Anbieter",
     "Formular-Assistent eines Herstellers."),
    ("Eigenentwicklung", Solution.Kind.OWN, "", "Eigene Lösung einer Kommune."),
]  # fmt: skip

# Themenfeld → lead Kommune (slug); the demo CDOs' responsibilities match some of them.
LEADS = {
    "Familie & Kind": "detmold",
    "Bauen & Wohnen": "bad-salzuflen",
    "Mobilität & Reisen": "lage",
    "Querschnitt": "kreis-lippe",
    "Arbeit & Ruhestand": "lemgo",
    "Bildung": "schlangen",
    "Ein- & Auswanderung": "kreis-lippe",
    "Engagement & Hobby": "blomberg",
    "Forschung & Förderung": "lemgo",
    "Gesundheit": "horn-bad-meinberg",
    "Recht & Ordnung": "leopoldshoehe",
    "Steuern & Zoll": "oerlinghausen",
    "Umwelt": "extertal",
    "Unternehmensführung & -entwicklung": "bad-salzuflen",
}


@transaction.atomic
def seed_ozg(*, stdout) -> None:
    municipalities = {m.slug: m for m in Municipality.objects.order_by("name")}
    themenfelder = {t.name: t for t in Themenfeld.objects.all()}
    if not municipalities or not themenfelder:
        stdout.write("OZG demo: run load_reference_data first.")
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    slugs = sorted(municipalities)

    solutions = []
    for name, kind, provider, description in SOLUTIONS:
        solution, _ = Solution.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "provider": provider, "description": description,
                      "is_demo": True},
        )  # fmt: skip
        solutions.append(solution)

    created_assignments = 0
    for name, themenfeld in themenfelder.items():
        lead = municipalities.get(LEADS.get(name, ""), municipalities[slugs[0]])
        assignment, created = Assignment.objects.get_or_create(
            themenfeld=themenfeld,
            defaults={
                "lead": lead,
                "is_demo": True,
                "notes": f"Federführung {lead.name}; Abstimmung im CDO-Netzwerk (Demo).",
                "target_date": dt.date(2026, 12, 31),
            },
        )
        if created:
            created_assignments += 1
            others = [municipalities[s] for s in rng.sample(slugs, 3) if s != lead.slug][:2]
            assignment.supporters.set(others)

    if ServiceStatus.objects.filter(is_demo=True).exists():
        stdout.write(f"OZG demo: {created_assignments} assignments created, statuses kept")
        return

    services = list(OzgService.objects.filter(withdrawn_at__isnull=True).order_by("ozg_id"))
    chosen = rng.sample(services, min(300, len(services)))
    cdos = {
        ms.municipality_id: ms.user
        for ms in Membership.objects.filter(
            role__in=[Membership.Role.CDO, Membership.Role.KREIS_COORDINATION]
        ).select_related("user")
    }
    now = timezone.now()
    statuses = []
    for slug in slugs:
        municipality = municipalities[slug]
        for service in rng.sample(chosen, 120):
            maturity = rng.choices([0, 1, 2, 3, 4], weights=[2, 4, 3, 3, 1])[0]
            state = (
                ImplementationState.ONLINE
                if maturity >= 3
                else rng.choice(
                    [
                        ImplementationState.NOT_STARTED,
                        ImplementationState.PLANNED,
                        ImplementationState.IN_PROGRESS,
                    ]
                )
            )
            online = maturity >= 3
            statuses.append(
                ServiceStatus(
                    municipality=municipality,
                    service=service,
                    maturity=maturity,
                    state=state,
                    online_since=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(900))
                    if online
                    else None,
                    url=f"https://www.example.org/{slug}/ozg/{service.ozg_id}" if online else "",
                    solution=rng.choice(solutions) if online else None,
                    updated_by=cdos.get(municipality.pk),
                    is_demo=True,
                )
            )
    ServiceStatus.objects.bulk_create(statuses, batch_size=500)
    stored = ServiceStatus.objects.filter(is_demo=True).values_list(
        "pk", "municipality_id", "service_id", "maturity", "state", "updated_by_id"
    )
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                status_id=pk,
                municipality_id=mid,
                service_id=sid,
                old_maturity=None,
                new_maturity=maturity,
                old_state="",
                new_state=state,
                changed_fields=["maturity", "state"],
                changed_by_id=uid,
                changed_at=now - dt.timedelta(hours=rng.randrange(24 * 60)),
            )
            for pk, mid, sid, maturity, state, uid in stored
        ],
        batch_size=500,
    )

    forms = 0
    for ozg_id, title in [
        ("10000", "Antrag auf Elterngeld – einheitliches Formular"),
        ("10001", "Vaterschaftsanerkennung – Prozessmodell"),
    ]:
        service = OzgService.objects.filter(ozg_id=ozg_id).first()
        if service is None:
            continue
        form = FormTemplate.objects.create(
            service=service,
            title=title,
            kind=FormTemplate.Kind.PROCESS if "Prozess" in title else FormTemplate.Kind.FORM,
            link=f"https://www.example.org/formulare/{ozg_id}",
            version="1.0",
            status=FormTemplate.Status.AGREED,
            owner=municipalities.get("detmold", municipalities[slugs[0]]),
            is_demo=True,
        )
        forms += 1
        for slug in ("lemgo", "lage", "schlangen"):
            if slug in municipalities:
                FormAdoption.objects.create(
                    form=form,
                    municipality=municipalities[slug],
                    version="1.0",
                    adopted_on=dt.date(2025, 3, 1),
                )
    stdout.write(
        f"OZG demo: {created_assignments} assignments, {len(statuses)} statuses, "
        f"{forms} uniform forms (all marked as demo data)"
    )
