"""Reference topics (`load_reference_data`) and demo projects (`seed_demo`).

The demo projects follow the network's real history; the people are the fictitious demo CDOs
of members.demo, amounts and dates in the timeline are plausible examples.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from members.models import Municipality, User
from members.text import german_slugify
from projects.models import (
    Award,
    CostItem,
    Milestone,
    Participation,
    Partner,
    Project,
    ProjectLink,
    StatusUpdate,
    Topic,
    Wish,
    WishVote,
)

TOPICS = [
    "Strategie",
    "Bürgerservice & Portale",
    "OZG",
    "Infrastruktur & IT-Sicherheit",
    "Wissensmanagement",
    "Beschaffung",
    "Personal & Qualifizierung",
    "Smart City & Daten",
]

PARTNERS = [
    ("regio.IT", Partner.Kind.IT_PROVIDER, "https://www.regioit.de",
     "Kommunaler IT-Dienstleister, Anbieter des Bürgerserviceportals."),
    ("DETECON", Partner.Kind.CONSULTANCY, "https://www.detecon.com",
     "Beratung; moderierte die Strategie-Workshops."),
    ("Land NRW", Partner.Kind.FUNDING_BODY, "https://www.land.nrw",
     "Fördermittelgeber (Digitalisierung der Kommunen)."),
]  # fmt: skip

ALL_TOWNS = [
    "augustdorf", "bad-salzuflen", "barntrup", "blomberg", "detmold", "doerentrup", "extertal",
    "horn-bad-meinberg", "kalletal", "lage", "lemgo", "leopoldshoehe", "luegde",
    "oerlinghausen", "schieder-schwalenberg", "schlangen",
]  # fmt: skip

OZG_READY = ["lage", "lemgo", "extertal", "augustdorf", "luegde"]
# 14 Kommunen at the Stadt.Land.Digital workshop (April 2021): the lead Blomberg and these.
STADT_LAND_DIGITAL = [
    "augustdorf", "bad-salzuflen", "barntrup", "detmold", "doerentrup", "extertal",
    "horn-bad-meinberg", "kalletal", "lage", "lemgo", "leopoldshoehe", "oerlinghausen",
    "schlangen",
]  # fmt: skip

S = Project.Status
R = Participation.Role

# title, topic, lead, participants {slug: role}, start, end, status, progress, summary,
# description, partners, funding (programme, amount), timeline [(date, status, progress, text)]
PROJECTS = [
    {
        "title": "Digitalisierungsstrategie – der digitale rote Faden",
        "topic": "Strategie",
        "lead": "kreis-lippe",
        "participants": dict.fromkeys(ALL_TOWNS, R.PARTICIPANT),
        "start": dt.date(2020, 3, 1),
        "end": dt.date(2021, 6, 30),
        "summary": "Eine gemeinsame Digitalisierungsstrategie für den Kreis und alle 16 Städte "
        "und Gemeinden: der digitale rote Faden.",
        "description": "## Ziel\nGemeinsame Leitlinien, Handlungsfelder und Maßnahmen für die "
        "Digitalisierung der Verwaltungen in Lippe.\n\n## Vorgehen\n- Bestandsaufnahme in allen "
        "Kommunen\n- Strategie-Workshops mit **DETECON**\n- Beschluss in den Räten\n\n"
        "Gefördert vom Land NRW.",
        "partners": ["DETECON", "Land NRW"],
        "funding": ("Förderprogramm Digitalisierung der Kommunen (Land NRW)", Decimal("150000")),
        "timeline": [
            (dt.date(2020, 3, 2), S.IDEA, None, "Idee im CDO-Netzwerk: eine Strategie für alle."),
            (dt.date(2020, 6, 15), S.PLANNING, 10, "Förderantrag beim Land NRW gestellt."),
            (dt.date(2020, 10, 1), S.IMPLEMENTATION, 40,
             "Förderbescheid liegt vor; Auftakt-Workshop mit DETECON."),
            (dt.date(2021, 2, 10), "", 75, "Handlungsfelder in drei Workshops abgestimmt."),
            (dt.date(2021, 6, 30), S.COMPLETED, 100,
             "Strategie in allen Räten beschlossen – der digitale rote Faden steht."),
        ],  # fmt: skip
        "milestones": [("Auftakt-Workshop mit DETECON", dt.date(2020, 10, 1), True),
                       ("Ratsbeschlüsse", dt.date(2021, 6, 30), True)],
        "awards": [("Top 3, Bestes Kooperationsprojekt 2021", 2021, "eGovernment-Wettbewerb")],
    },
    {
        "title": "Einheitliches Bürgerserviceportal",
        "topic": "Bürgerservice & Portale",
        "lead": "bad-salzuflen",
        "participants": {"detmold": R.PARTICIPANT, "lemgo": R.PARTICIPANT, "lage": R.PARTICIPANT,
                         "blomberg": R.PARTICIPANT, "schlangen": R.INTERESTED,
                         "kreis-lippe": R.INTERESTED},
        "start": dt.date(2021, 9, 1),
        "end": dt.date(2026, 12, 31),
        "summary": "Ein Bürgerserviceportal von regio.IT für alle Kommunen, mit Bad Salzuflen "
        "als Pilotkommune.",
        "description": "Die Kommunen nutzen ein gemeinsames Portal für Online-Dienste. "
        "**Bad Salzuflen** pilotiert, die anderen folgen nach dem Rollout-Plan.\n\n"
        "Stände und Wünsche an regio.IT werden hier gesammelt und unmittelbar weitergegeben.",
        "partners": ["regio.IT"],
        "funding": ("", None),
        "timeline": [
            (dt.date(2021, 9, 1), S.PLANNING, 5, "Pilot mit Bad Salzuflen vereinbart."),
            (dt.date(2022, 4, 1), S.IMPLEMENTATION, 30, "Pilotbetrieb in Bad Salzuflen gestartet."),
            (dt.date(2024, 1, 15), "", 60, "Detmold, Lemgo und Lage angebunden."),
        ],  # fmt: skip
        "milestones": [("Pilot Bad Salzuflen live", dt.date(2022, 4, 1), True),
                       ("Rollout an alle Beteiligten", dt.date(2026, 6, 30), False)],
        "costs": [
            ("Portal-Lizenz regio.IT", CostItem.Kind.LICENCE, Decimal("48000.00"),
             CostItem.Recurrence.YEARLY, CostItem.Key.POPULATION),
            ("Einrichtung und Schulung", CostItem.Kind.SERVICE, Decimal("12500.00"),
             CostItem.Recurrence.ONE_OFF, CostItem.Key.EQUAL),
        ],  # fmt: skip
        "wishes": [
            ("Single Sign-on mit dem Servicekonto NRW", "regio.IT", "detmold", ["lemgo", "lage"],
             Wish.Status.SUBMITTED, "Ist für das nächste Release eingeplant."),
            ("Barrierefreie PDF-Bescheide", "regio.IT", "lemgo", ["blomberg"], Wish.Status.OPEN,
             ""),
        ],  # fmt: skip
    },
    {
        "title": "Wir machen uns OZG-ready",
        "topic": "OZG",
        "lead": "detmold",
        "participants": dict.fromkeys(OZG_READY, R.PARTICIPANT),
        "start": dt.date(2021, 1, 15),
        "end": dt.date(2025, 12, 31),
        "summary": "Arbeitsteilige Umsetzung des Onlinezugangsgesetzes: jede Kommune "
        "übernimmt Leistungen für alle.",
        "description": "Wir teilen die OZG-Leistungen auf, nutzen einheitliche Formulare und "
        "lernen voneinander.",
        "partners": ["regio.IT"],
        "funding": ("", None),
        "timeline": [
            (dt.date(2021, 1, 15), S.PLANNING, 10, "Aufteilung der Themenfelder besprochen."),
            (dt.date(2021, 5, 3), S.IMPLEMENTATION, 35, "Erste einheitliche Formulare online."),
        ],
        "milestones": [("Einheitliche Formulare für 20 Leistungen", dt.date(2022, 12, 31), True)],
    },
    {
        "title": "Wissensmanagement im Netzwerk",
        "topic": "Wissensmanagement",
        "lead": "blomberg",
        "participants": dict.fromkeys(STADT_LAND_DIGITAL, R.PARTICIPANT),
        "start": dt.date(2021, 4, 20),
        "end": None,
        "summary": "Aus dem Stadt.Land.Digital-Workshop im April 2021 mit 14 Kommunen: "
        "Wissen teilen statt doppelt erarbeiten.",
        "description": "Ergebnis des Stadt.Land.Digital-Workshops: ein gemeinsamer Wissensspeicher "
        "für Vorlagen, Leistungsbeschreibungen und Erfahrungen.",
        "partners": [],
        "funding": ("", None),
        "timeline": [
            (dt.date(2021, 4, 20), S.IDEA, None, "Idee aus dem Stadt.Land.Digital-Workshop."),
            (dt.date(2021, 9, 1), S.PLANNING, 15, "Anforderungen gesammelt."),
        ],
    },
]  # fmt: skip


def load_topics(*, stdout) -> None:
    created = 0
    for order, name in enumerate(TOPICS, start=1):
        _, was_created = Topic.objects.get_or_create(
            slug=german_slugify(name), defaults={"name": name, "order": order * 10}
        )
        created += was_created
    stdout.write(f"Project topics: {created} created")


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@transaction.atomic
def seed_projects(*, stdout) -> None:
    towns = {m.slug: m for m in Municipality.objects.all()}
    if not towns:
        stdout.write("No Kommunen yet: run load_reference_data first.")
        return
    load_topics(stdout=stdout)
    topics = {t.name: t for t in Topic.objects.all()}
    partners = {}
    for name, kind, website, description in PARTNERS:
        partners[name], _ = Partner.objects.get_or_create(
            name=name, defaults={"kind": kind, "website": website, "description": description}
        )
    people = {u.email: u for u in User.objects.filter(email__startswith="cdo.")}
    created = 0
    for spec in PROJECTS:
        slug = german_slugify(spec["title"])
        if Project.objects.filter(slug=slug).exists():
            continue
        lead_person = people.get(f"cdo.{spec['lead']}@example.org")
        timeline = spec["timeline"]
        final_status = next((s for _, s, _, _ in reversed(timeline) if s), S.IDEA)
        final_progress = next((p for _, _, p, _ in reversed(timeline) if p is not None), None)
        programme, amount = spec["funding"]
        project = Project(
            title=spec["title"],
            slug=slug,
            summary=spec["summary"],
            description=spec["description"],
            topic=topics[spec["topic"]],
            status=final_status,
            progress=final_progress,
            start_date=spec["start"],
            planned_end_date=spec["end"],
            funding_programme=programme,
            funding_amount=amount,
            created_by=lead_person,
        )
        project.full_clean()
        project.save()
        project.partners.set([partners[n] for n in spec["partners"]])
        if lead_person:
            project.contacts.add(lead_person)
        Participation.objects.create(project=project, municipality=towns[spec["lead"]], role=R.LEAD)
        for town, role in spec["participants"].items():
            Participation.objects.create(project=project, municipality=towns[town], role=role)
        previous = ""
        for day, status, progress, text in timeline:
            StatusUpdate.objects.create(
                project=project,
                author=lead_person,
                created_at=_at(day),
                text=text,
                previous_status=previous if status else "",
                new_status=status,
                progress=progress,
            )
            previous = status or previous
        for title, due, reached in spec.get("milestones", []):
            Milestone.objects.create(project=project, title=title, due_date=due, reached=reached)
        for title, year, by in spec.get("awards", []):
            Award.objects.create(project=project, title=title, year=year, awarded_by=by)
        for title, kind, amount, recurrence, key in spec.get("costs", []):
            CostItem.objects.create(
                project=project, title=title, kind=kind, amount=amount, recurrence=recurrence,
                allocation_key=key,
            )  # fmt: skip
        for title, provider, town, supporters, status, answer in spec.get("wishes", []):
            wish = Wish.objects.create(
                project=project, provider=partners[provider], title=title,
                raised_by=people.get(f"cdo.{town}@example.org"), municipality=towns[town],
                status=status, provider_answer=answer,
            )  # fmt: skip
            for supporter in [town, *supporters]:
                WishVote.objects.create(
                    wish=wish, municipality=towns[supporter],
                    user=people.get(f"cdo.{supporter}@example.org"),
                )  # fmt: skip
        ProjectLink.objects.get_or_create(
            project=project, title="CDO-Netzwerk Lippe", url="https://www.kreis-lippe.de"
        )
        created += 1
    stdout.write(f"Demo projects: {created} created")
