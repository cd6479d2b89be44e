"""Demo data for `manage.py seed_demo`: products and what the 17 Kommunen use (Beispieldaten).

The product names, vendors, contracts, costs and comments are invented (plausible, not the
Kommunen's real software); every product and usage row carries `is_demo=True` and the pages
say that demo installations show example data. Deterministic and idempotent: a second run
changes nothing. Several Kommunen share the same Ratsinformationssystem with contracts
ending in 2027, so that the finder and the procurement windows show real groups.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from landscape.models import Category, Product, Usage, _days_in_month
from members.models import Membership, Municipality
from members.text import german_slugify

P = Product.Hosting
KRZ = "Kommunales Rechenzentrum (Beispiel)"

# category slug → [(name, vendor, it_provider, hosting, open source)]
PRODUCTS = {
    "ratsinformationssystem": [
        ("Gremienwerk RIS", "Gremienwerk GmbH (Beispiel)", KRZ, P.IT_PROVIDER, False),
        ("SitzungsPilot", "Pilot Software AG (Beispiel)", "", P.SAAS, False),
        ("RatsNetz Open", "Community (Beispiel)", "", P.SELF, True),
    ],
    "e-akte-dms": [
        ("AktenWerk DMS", "AktenWerk GmbH (Beispiel)", KRZ, P.IT_PROVIDER, False),
        ("Doku.Kommunal", "Doku Systems (Beispiel)", "", P.SELF, False),
    ],
    "finanzwesen": [
        ("KommFinanz NKF", "KommFinanz (Beispiel)", KRZ, P.IT_PROVIDER, False),
        ("Haushalt 360", "Haushalt Software (Beispiel)", "", P.SAAS, False),
    ],
    "personalwesen": [
        ("PersonalPlus", "PersonalPlus GmbH (Beispiel)", KRZ, P.IT_PROVIDER, False),
        ("LohnKommunal", "Lohn & Co. (Beispiel)", "", P.SAAS, False),
    ],
    "einwohnerwesen": [
        ("MeldeWerk", "MeldeWerk GmbH (Beispiel)", KRZ, P.IT_PROVIDER, False),
    ],
    "buergerserviceportal": [
        ("Bürgerserviceportal (regio.IT)", "regio iT GmbH", "regio iT GmbH", P.IT_PROVIDER, False),
        ("ServicePortal Kommunal", "Portal GmbH (Beispiel)", "", P.SAAS, False),
    ],
    "terminvergabe": [
        ("TerminFix", "TerminFix (Beispiel)", "", P.SAAS, False),
        ("Wartemarke Online", "Wartemarke (Beispiel)", KRZ, P.IT_PROVIDER, False),
    ],
    "e-payment": [
        ("ePay Kommunal", "ePay (Beispiel)", KRZ, P.IT_PROVIDER, False),
    ],
    "geoinformation": [
        ("GeoPortal Kommunal", "Geo GmbH (Beispiel)", KRZ, P.IT_PROVIDER, False),
        ("QGIS", "QGIS-Projekt", "", P.SELF, True),
    ],
    "videokonferenz": [
        ("Jitsi Meet", "Jitsi-Community", KRZ, P.IT_PROVIDER, True),
        ("KonferenzCloud", "Konferenz AG (Beispiel)", "", P.SAAS, False),
    ],
    "zeiterfassung": [
        ("ZeitWerk", "ZeitWerk GmbH (Beispiel)", "", P.SELF, False),
        ("Stempeluhr Online", "Stempel Software (Beispiel)", "", P.SAAS, False),
    ],
    "ticketsystem": [
        ("Zammad", "Zammad-Community", "", P.SELF, True),
        ("HelpDesk Kommunal", "HelpDesk (Beispiel)", KRZ, P.IT_PROVIDER, False),
    ],
}

# The Ratsinformationssystem groups (slug → product, contract end).
RIS = {
    "Gremienwerk RIS": ["detmold", "lage", "blomberg", "barntrup", "extertal", "kalletal"],
    "SitzungsPilot": ["bad-salzuflen", "oerlinghausen", "leopoldshoehe", "schlangen", "lemgo"],
    "RatsNetz Open": ["augustdorf", "doerentrup", "horn-bad-meinberg", "luegde",
                      "schieder-schwalenberg", "kreis-lippe"],
}  # fmt: skip
RIS_END = {"Gremienwerk RIS": 2027, "SitzungsPilot": 2028, "RatsNetz Open": 2029}
COMMENTS = [
    "Läuft stabil, Support reagiert schnell.",
    "Schnittstelle zur E-Akte fehlt noch.",
    "Schulungsaufwand war hoch, jetzt zufrieden.",
    "Lizenzmodell zu teuer für kleine Kommunen.",
    "",
]
PLANS = ["", "", "Wechsel geplant", "Ausschreibung 2027", "Verlängerung geprüft"]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _days_in_month(year, month))


def _products(stdout) -> dict[str, list[Product]]:
    from ozg.models import Solution

    solutions = {s.name: s for s in Solution.objects.all()}
    result: dict[str, list[Product]] = {}
    for slug, rows in PRODUCTS.items():
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            continue
        result[slug] = []
        for name, vendor, provider, hosting, open_source in rows:
            product, _created = Product.objects.get_or_create(
                category=category,
                name=name,
                defaults={
                    "slug": german_slugify(name),
                    "vendor": vendor,
                    "it_provider": provider,
                    "hosting": hosting,
                    "is_open_source": open_source,
                    "is_demo": True,
                    "solution": solutions.get(name) if name in solutions else None,
                },
            )
            result[slug].append(product)
    return result


@transaction.atomic
def seed_landscape(*, stdout) -> None:
    municipalities = {m.slug: m for m in Municipality.objects.order_by("name")}
    if not municipalities or not Category.objects.exists():
        stdout.write("Software landscape: load the reference data first")
        return
    products = _products(stdout)
    cdos = {
        m.municipality_id: m.user
        for m in Membership.objects.filter(role=Membership.Role.CDO).select_related("user")
    }
    rng = random.Random(2026)  # noqa: S311 - deterministic demo data
    created = 0
    ris_of = {slug: name for name, slugs in RIS.items() for slug in slugs}
    for slug, municipality in municipalities.items():
        size = max(1, municipality.population // 1000)
        for category_slug, options in products.items():
            if category_slug == "ratsinformationssystem" and slug in ris_of:
                product = next(p for p in options if p.name == ris_of[slug])
                year = RIS_END[product.name]
            else:
                if rng.random() < 0.12:  # not every Kommune records every category
                    continue
                product = options[rng.randrange(len(options))]
                year = rng.choice([2027, 2027, 2028, 2029, 2030])
            end = _month_end(year, rng.choice([3, 6, 9, 12]))
            since = dt.date(end.year - rng.choice([4, 5, 6, 8]), 1, 1)
            _usage, was_created = Usage.objects.get_or_create(
                municipality=municipality,
                product=product,
                defaults={
                    "since": since,
                    "contract_end": end,
                    "notice_months": rng.choice([3, 6, 6, 12]),
                    "licences": size * rng.choice([2, 3, 5]) + 5,
                    "yearly_cost": Decimal(size * rng.choice([150, 220, 400]) + 900),
                    "satisfaction": rng.choice([2, 3, 4, 4, 5]),
                    "comment": rng.choice(COMMENTS),
                    "contact": cdos.get(municipality.pk),
                    "plans": rng.choice(PLANS),
                    "is_demo": True,
                },
            )
            created += was_created
    stdout.write(f"Software landscape: {created} usage rows created (Beispieldaten)")
