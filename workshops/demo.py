"""Demo content for `manage.py seed_demo`, from the network's history. Idempotent: records
are found by slug or title, so a second run creates nothing twice. Meetings are placed
relative to today, so that there are always past ones with minutes and upcoming ones."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from members.models import Municipality, User
from workshops.models import ActionItem, AgendaItem, Attendance, Meeting, Workshop, WorkshopSession


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _cdo(slug: str) -> User | None:
    return User.objects.filter(email=f"cdo.{slug}@example.org").first()


DETECON_RESULTS = """\
**Teil 1 – Bestandsaufnahme:** Die Kommunen haben ihren digitalen Reifegrad gemeinsam
eingeschätzt. Stärken: engagierte Mitarbeitende, erste Online-Dienste. Lücken: fehlende
E-Akte, wenig gemeinsame Standards.

**Teil 2 – Zielbild:** „Digital gemeinsam“: Die Kommunen in Lippe digitalisieren nicht
jede für sich, sondern teilen Lösungen, Wissen und Ressourcen.

**Teil 3 – Handlungsfelder:**

1. Bürgerservice und OZG-Umsetzung
2. Interne Prozesse und E-Akte
3. Wissensmanagement und Qualifizierung
4. Interkommunale Zusammenarbeit (IKZ) als Struktur: CDO-Netzwerk mit festen Treffen

Die Digitalisierungsstrategie wurde auf dieser Grundlage geschrieben und in den Räten
beschlossen.
"""

SLD_PREP = """\
- Januar 2021: Abstimmung mit der Initiative Stadt.Land.Digital zu Format und Zielen
- Februar 2021: Umfrage unter den Kommunen zu ihren drängendsten Themen;
  Ergebnis: Wissensmanagement und interkommunale Kooperation
- Einladung an alle 16 Städte und Gemeinden und den Kreis
"""

SLD_RESULTS = """\
14 Kommunen haben teilgenommen. Schwerpunkte waren **Wissensmanagement** und
**interkommunale Kooperation**.

### Wissensmanagement
- Wissen steckt in Köpfen und Postfächern: es braucht einen gemeinsamen Ort.
- Vorlagen, Leistungsbeschreibungen und Erfahrungen sollen geteilt werden.

### Interkommunale Kooperation
- Auf Arbeitsebene anfangen, Gemeinsamkeiten finden, regelmäßig treffen.
- Ressourcen bündeln: gemeinsame Beschaffung, geteilte Lizenzen.

Aus den Ergebnissen wurden Maßnahmen abgeleitet (siehe unten); eine davon ist dieses Portal.
"""

MINUTES = """\
## Protokoll

**Teilnehmende:** CDOs aus {count} Kommunen, Kreis-Koordination.

### TOP 1 – Berichte aus den Kommunen
Kurzer Stand zur OZG-Umsetzung und zu laufenden Projekten.

### TOP 2 – {topic}
{text}

### TOP 3 – Verschiedenes
Nächstes Treffen wie geplant.
"""

MEETINGS = [
    # (number, days from today, host slug, topic, text, with minutes)
    (1, -126, "detmold", "Gemeinsames Bürgerserviceportal",
     "Vorstellung des einheitlichen Bürgerserviceportals; eine Pilotkommune wird gesucht."),
    (2, -84, "lemgo", "Wir machen uns OZG-ready",
     "Aufteilung der OZG-Leistungen: Jede Kommune übernimmt Themenfelder für alle."),
    (3, -42, "bad-salzuflen", "Einheitliche Formulare",
     "Ein Formular für alle: Vorschlag einer gemeinsamen Formularbibliothek."),
    (4, 9, "kreis-lippe", "Weiterentwicklung des IKZ-Portals", ""),
    (5, 51, "lage", "E-Akte: Erfahrungen teilen", ""),
    (6, 93, "blomberg", "Jahresplanung des Netzwerks", ""),
]  # fmt: skip


@transaction.atomic
def seed_workshops(*, stdout) -> None:
    kommunen = {m.slug: m for m in Municipality.objects.all()}
    if "kreis-lippe" not in kommunen or _cdo("detmold") is None:
        stdout.write("Workshops: run load_reference_data and the members demo first.")
        return
    kreis = kommunen["kreis-lippe"]
    coordinator = _cdo("kreis-lippe")
    created = 0

    # --- DETECON workshop for the Digitalisierungsstrategie -------------------------------
    detecon, new = Workshop.objects.get_or_create(
        slug="digitalisierungsstrategie-detecon",
        defaults={
            "title": "Digitalisierungsstrategie für Lippe (DETECON-Workshop)",
            "goal": "Eine gemeinsame Digitalisierungsstrategie für den Kreis und seine "
            "16 Städte und Gemeinden erarbeiten: Bestandsaufnahme, Zielbild, Handlungsfelder.",
            "organiser": kreis,
            "partner": "DETECON International",
            "funding": "Land NRW, Förderprogramm Digitale Modellregionen",
            "preparation_notes": "Fragebogen zum digitalen Reifegrad vorab an alle Kommunen.",
            "results": DETECON_RESULTS,
            "results_updated_at": _at(dt.date(2019, 12, 2), 9),
            "created_by": coordinator,
        },
    )
    created += new
    if new:
        parts = [
            ("Teil 1: Bestandsaufnahme", dt.date(2019, 9, 17)),
            ("Teil 2: Zielbild", dt.date(2019, 10, 22)),
            ("Teil 3: Handlungsfelder und Maßnahmen", dt.date(2019, 11, 26)),
        ]
        for title, day in parts:
            session = WorkshopSession(
                workshop=detecon, title=title, start=_at(day, 9), end=_at(day, 16),
                location="Kreishaus Detmold, Felix-Fechenbach-Straße 5, Sitzungssaal",
                agenda="- Begrüßung\n- Arbeit in Gruppen\n- Ergebnisse im Plenum",
            )  # fmt: skip
            session.full_clean()
            session.save()
            session.attending_municipalities.set(kommunen.values())
        ActionItem.objects.create(
            workshop=detecon, title="Strategie in den Räten beschließen lassen",
            responsible_municipality=kreis, responsible_person=coordinator,
            due_date=dt.date(2020, 6, 30), status=ActionItem.Status.DONE,
            completed_at=_at(dt.date(2020, 6, 18), 12),
        )  # fmt: skip

    # --- Stadt.Land.Digital workshop, April 2021 ------------------------------------------
    sld, new = Workshop.objects.get_or_create(
        slug="stadt-land-digital-2021",
        defaults={
            "title": "Stadt.Land.Digital-Workshop: Wissen teilen, gemeinsam handeln",
            "goal": "Wissensmanagement und interkommunale Kooperation im CDO-Netzwerk stärken.",
            "organiser": kreis,
            "partner": "Initiative Stadt.Land.Digital (Bund)",
            "funding": "Initiative Stadt.Land.Digital",
            "preparation_notes": SLD_PREP,
            "results": SLD_RESULTS,
            "results_updated_at": _at(dt.date(2021, 4, 30), 10),
            "created_by": coordinator,
        },
    )
    created += new
    if new:
        day = dt.date(2021, 4, 21)
        session = WorkshopSession(
            workshop=sld, title="Workshop (online)", start=_at(day, 9), end=_at(day, 13),
            online_url="https://video.example.org/stadt-land-digital",
            agenda="1. Impuls: Wissensmanagement in Kommunen\n"
            "2. Gruppenarbeit: Was teilen wir?\n3. Gruppenarbeit: Wie kooperieren wir?\n"
            "4. Maßnahmen und nächste Schritte",
        )  # fmt: skip
        session.full_clean()
        session.save()
        absent = {"schlangen", "extertal", "kreis-lippe"}
        session.attending_municipalities.set(
            m for slug, m in kommunen.items() if slug not in absent
        )
        items = [
            ("Gemeinsamen Ort für Wissen schaffen (IKZ-Portal)", "kreis-lippe", 120,
             ActionItem.Status.IN_PROGRESS),
            ("Vorlagen-Sammlung für Leistungsbeschreibungen anlegen", "blomberg", 60,
             ActionItem.Status.OPEN),
            ("Gemeinsame Beschaffung von Lizenzen prüfen", "doerentrup", -20,
             ActionItem.Status.OPEN),
            ("Regelmäßige Netzwerktreffen etablieren", "detmold", -300, ActionItem.Status.DONE),
        ]  # fmt: skip
        for title, slug, due_in, status in items:
            ActionItem.objects.create(
                workshop=sld, title=title, responsible_municipality=kommunen[slug],
                responsible_person=_cdo(slug),
                due_date=timezone.localdate() + dt.timedelta(days=due_in), status=status,
                completed_at=timezone.now() if status == ActionItem.Status.DONE else None,
            )  # fmt: skip

    # --- Network meetings -----------------------------------------------------------------
    today = timezone.localdate()
    everyone = list(User.objects.filter(email__startswith="cdo.").order_by("email"))
    for number, offset, host_slug, topic, text in MEETINGS:
        title = f"CDO-Netzwerktreffen Nr. {number}: {topic}"
        if Meeting.objects.filter(title=title).exists():
            continue
        day = today + dt.timedelta(days=offset)
        past = offset < 0
        meeting = Meeting(
            title=title, kind=Meeting.Kind.NETWORK, host=kommunen[host_slug],
            start=_at(day, 14), end=_at(day, 16, 30),
            location=f"Rathaus {kommunen[host_slug].name}" if number % 2 else "",
            online_url="" if number % 2 else "https://video.example.org/cdo-netzwerk",
            seat_limit=20 if number == 4 else None, created_by=_cdo(host_slug),
            description="Regelmäßiger Austausch der CDOs im Kreis Lippe.",
        )  # fmt: skip
        if past:
            meeting.minutes = MINUTES.format(count=12, topic=topic, text=text)
            meeting.decisions = f"- Das Netzwerk unterstützt das Vorhaben „{topic}“."
            meeting.minutes_updated_at = _at(day + dt.timedelta(days=2), 10)
        meeting.full_clean()
        meeting.save()
        created += 1
        for position, (agenda_title, presenter, minutes) in enumerate(
            [("Begrüßung und Berichte aus den Kommunen", "", 30),
             (topic, kommunen[host_slug].name, 60), ("Verschiedenes", "", 15)],
            start=1,
        ):  # fmt: skip
            AgendaItem.objects.create(
                meeting=meeting, position=position, title=agenda_title, presenter=presenter,
                duration_minutes=minutes,
            )  # fmt: skip
        people = everyone[: 12 if past else 6]
        for person in people:
            Attendance.objects.create(
                meeting=meeting, user=person, response=Attendance.Response.ACCEPTED
            )
        if past:
            ActionItem.objects.create(
                meeting=meeting, title=f"Nachbereitung: {topic}",
                responsible_municipality=kommunen[host_slug],
                responsible_person=_cdo(host_slug),
                due_date=day + dt.timedelta(days=56),
                status=ActionItem.Status.DONE if number == 2 else ActionItem.Status.OPEN,
            )  # fmt: skip
    _link_projects()
    stdout.write(f"Workshops and meetings: {created} created")


# action item title (start) -> shared project slug of the projects demo
PROJECT_LINKS = {
    "Gemeinsamen Ort für Wissen schaffen": "wissensmanagement-im-netzwerk",
    "Vorlagen-Sammlung für Leistungsbeschreibungen": "wissensmanagement-im-netzwerk",
    "Nachbereitung: Gemeinsames Bürgerserviceportal": "einheitliches-buergerserviceportal",
    "Nachbereitung: Wir machen uns OZG-ready": "wir-machen-uns-ozg-ready",
    "Strategie in den Räten beschließen lassen": (
        "digitalisierungsstrategie-der-digitale-rote-faden"
    ),
}


def _link_projects() -> None:
    """Link demo action items to the shared projects of the projects demo, where present."""
    from projects import selectors as project_selectors

    projects = {p.slug: p for p in project_selectors.project_list().prefetch_related(None)}
    for prefix, slug in PROJECT_LINKS.items():
        if slug in projects:
            ActionItem.objects.filter(title__startswith=prefix, project__isnull=True).update(
                project=projects[slug]
            )
