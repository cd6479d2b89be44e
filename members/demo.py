"""Demo accounts for `manage.py seed_demo`. The people are plainly fictitious."""

from allauth.account.models import EmailAddress
from django.db import transaction

from members.models import Membership, Municipality, User

DEMO_PASSWORD = "ikz-demo-2026"  # noqa: S105 - documented demo password, DEBUG only

# (slug, CDO name, motto, responsibilities); fictitious people, real Kommunen.
DEMO_CDOS = [
    ("kreis-lippe", "Kira Koordinata", "Gemeinsam statt einsam.",
     "Koordination des CDO-Netzwerks, Fördermittel, Digitale Modellregion"),
    ("augustdorf", "Anton Beispiel", "Klein, aber digital.", "E-Akte, Ratsinformationssystem"),
    ("bad-salzuflen", "Berta Musterfrau", "Lass' mal vernetzen!",
     "Bürgerserviceportal, OZG-Umsetzung Bauen & Wohnen"),
    ("barntrup", "Bernd Probe", "Erst zuhören, dann digitalisieren.", "IT-Sicherheit, Schulen"),
    ("blomberg", "Clara Exempel", "Mut zur Lücke, Lust auf Lösung.", "Wissensmanagement"),
    ("detmold", "Dana Demo", "Digital ist, was den Menschen nützt.",
     "Digitalisierungsstrategie, Smart City, OZG Familie & Kind"),
    ("doerentrup", "Dirk Platzhalter", "Lieber gemeinsam als doppelt.", "Beschaffung, Lizenzen"),
    ("extertal", "Emil Testmann", "Ein Formular für alle.", "Einheitliche Formulare"),
    ("horn-bad-meinberg", "Hanna Fiktiv", "Vom Papier ins Portal.", "Bürgerservice"),
    ("kalletal", "Karl Muster", "Schritt für Schritt.", "Mobiles Arbeiten"),
    ("lage", "Lea Vorlage", "Offen für Neues.", "Ordnungsamt digital, OZG Mobilität"),
    ("lemgo", "Lars Entwurf", "Daten teilen, Wissen mehren.", "Open Data, Geodaten"),
    ("leopoldshoehe", "Lina Schablone", "Einfach machen.", "Rechnungsworkflow"),
    ("luegde", "Ludwig Probst", "Kurze Wege, schnelle Lösungen.", "Breitband, Bürgerservice"),
    ("oerlinghausen", "Olga Beispielhaft", "Digital mit Augenmaß.", "Personal und Qualifizierung"),
    ("schieder-schwalenberg", "Simon Musterle", "Zusammen sind wir schneller.",
     "Digitale Verwaltungsleistungen"),
    ("schlangen", "Sara Demotext", "Neugierig bleiben.", "Kita-Portal, Familienleistungen"),
]  # fmt: skip

DEMO_DEPUTIES = [
    ("detmold", "Dominik Vertretung", "Stellvertretung in der Stabsstelle Digitalisierung"),
    ("lemgo", "Lotte Stellvertreterin", "Stellvertretung, Schwerpunkt E-Akte"),
    ("bad-salzuflen", "Bruno Zweitname", "Stellvertretung, IT-Koordination"),
]


def demo_email(slug: str, prefix: str = "cdo") -> str:
    return f"{prefix}.{slug}@example.org"


def _ensure_user(email: str, full_name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=full_name, **extra
        )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


@transaction.atomic
def seed_members(*, stdout) -> None:
    created_before = User.objects.count()
    _ensure_user(
        "admin@example.org", "Ada Administratorin", is_staff=True, is_superuser=True,
        job_title="Portal-Administration",
    )  # fmt: skip
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    if not municipalities:
        stdout.write("No Kommunen yet: run load_reference_data first.")
        return
    for slug, name, motto, responsibilities in DEMO_CDOS:
        municipality = municipalities.get(slug)
        if municipality is None:
            continue
        role = Membership.Role.KREIS_COORDINATION if municipality.is_kreis else Membership.Role.CDO
        user = _ensure_user(
            demo_email(slug),
            name,
            job_title="Chief Digital Officer"
            if not municipality.is_kreis
            else "Kreis-Koordination",
        )
        Membership.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=role,
            defaults={"motto": motto, "responsibilities": responsibilities},
        )
    for slug, name, responsibilities in DEMO_DEPUTIES:
        user = _ensure_user(demo_email(slug, "stv"), name, job_title="Stellvertretung CDO")
        Membership.objects.get_or_create(
            user=user,
            municipality=municipalities[slug],
            role=Membership.Role.DEPUTY,
            defaults={"responsibilities": responsibilities},
        )
    stdout.write(f"Demo people: {User.objects.count() - created_before} created")
