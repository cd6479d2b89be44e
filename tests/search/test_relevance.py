"""Relevance: German queries a CDO would type, and the result that must be in the top 3.

The content is the demo seed (``seed_demo``: the network's real history with fictitious
people) plus the OZG catalogue with its LeiKa names, indexed by ``rebuild_search_index``.

Each row: the query, a piece of the title that one of the first three results must carry and,
where the row needs it, the backend. ``PG`` rows need PostgreSQL's full-text search (german
stemming, pg_trgm suggestions, websearch syntax beyond the simple matcher); on the SQLite
default they are skipped, everything else runs on both. With ``REQUIRE_SERVICES=1`` (CI) the
table must run on PostgreSQL: running it on SQLite there is an error, not a skip.

Typo rows (``typo=…``) expect "Meinten Sie …?" to offer the corrected word and the corrected
search to put the result in the top 3 (what a person does: follow the suggestion).
"""

import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import REQUIRE_SERVICES
from tests.search.demo import seed_and_index

pytestmark = pytest.mark.django_db
URL = reverse("search:results")
POSTGRES = connection.vendor == "postgresql"
ALL, PG = "all", "pg"


@dataclass(frozen=True)
class Row:
    query: str
    top3: str  # a piece of the title of a result that must be among the first three
    backend: str = ALL
    typo: str = ""  # the word "Meinten Sie …?" must offer (typo rows)
    absent: str = ""  # a piece of title that must not be found at all (exclusion rows)
    why: str = ""


TABLE = [
    # stemming and word forms (PostgreSQL's german configuration)
    Row("Formulare Elterngeld", "Antrag auf Elterngeld – einheitliches Formular", PG,
        why="plural finds the singular"),
    Row("Bürgerserviceportals", "Einheitliches Bürgerserviceportal", PG, why="genitive"),
    Row("Ratsbeschlüssen", "Ratsbeschlüsse", PG, why="dative plural"),
    Row("Handlungsfeld Maßnahmen", "Teil 3: Handlungsfelder und Maßnahmen", PG,
        why="singular finds the plural"),
    Row("Pilotkommunen", "Protokoll: CDO-Netzwerktreffen Nr. 1", PG,
        why="plural of a word in the minutes"),
    # umlauts and their transliteration
    Row("Buergerserviceportal", "Einheitliches Bürgerserviceportal", why="ue for ü"),
    Row("Leopoldshoehe", "Leopoldshöhe", why="oe for ö"),
    Row("Felix-Fechenbach-Strasse", "Teil 1: Bestandsaufnahme", why="ss for ß"),
    Row("MASSNAHMEN ABGELEITET", "Ergebnisdokumentation: Stadt.Land.Digital", why="ss, caps"),
    # typos: "Meinten Sie …?" (pg_trgm on PostgreSQL, the simpler matcher on SQLite)
    Row("Bürgersevice", "Einheitliches Bürgerserviceportal", typo="Bürgerservice"),
    Row("Detmlod", "Detmold", typo="Detmold"),
    Row("Wisensmanagement", "Wissensmanagement im Netzwerk", typo="Wissensmanagement"),
    Row("Formularbiblothek", "Protokoll: CDO-Netzwerktreffen Nr. 3", typo="Formularbibliothek"),
    # OZG services by the names of their LeiKa-Leistungen
    Row("Hundesteuer", "Hundehaltung", why="LeiKa name finds its OZG service"),
    Row("Wohngeld", "Wohngeld"),
    Row("Elterngeld", "Antrag auf Elterngeld – einheitliches Formular", why="uniform form"),
    Row("Formularserver", "Formularserver (Demo)", why="solution"),
    # people by name, responsibilities and motto
    Row("Dana Demo", "Dana Demo"),
    Row("Berta Musterfrau", "Berta Musterfrau"),
    Row("Smart City", "Dana Demo", why="responsibility"),
    Row("Open Data Geodaten", "Lars Entwurf"),
    Row("Ordnungsamt", "Lea Vorlage"),
    Row("Stellvertretung E-Akte", "Lotte Stellvertreterin"),
    # decisions, minutes, agenda items, action items
    Row("Beschlüsse OZG-ready", "Beschlüsse: CDO-Netzwerktreffen Nr. 2"),
    Row("Netzwerk unterstützt Einheitliche Formulare", "Beschlüsse: CDO-Netzwerktreffen Nr. 3"),
    Row("Aufteilung der OZG-Leistungen", "Protokoll: CDO-Netzwerktreffen Nr. 2"),
    Row("E-Akte Erfahrungen teilen", "CDO-Netzwerktreffen Nr. 5: E-Akte: Erfahrungen teilen"),
    Row("Beschaffung Lizenzen", "Gemeinsame Beschaffung von Lizenzen prüfen"),
    # projects, status updates, milestones, wishes, workshops, results
    Row("Pilotbetrieb Bad Salzuflen", "Einheitliches Bürgerserviceportal: Statusmeldung"),
    Row("Förderbescheid", "Digitalisierungsstrategie – der digitale rote Faden: Statusmeldung"),
    Row("Bestes Kooperationsprojekt", "Digitalisierungsstrategie – der digitale rote Faden"),
    Row("Single Sign-on Servicekonto", "Single Sign-on mit dem Servicekonto NRW"),
    Row("DETECON Workshop", "Digitalisierungsstrategie für Lippe (DETECON-Workshop)"),
    Row("Stadt.Land.Digital", "Stadt.Land.Digital-Workshop"),
    # knowledge articles and the software landscape
    Row("Zweckvereinbarung", "Muster: öffentlich-rechtliche Vereinbarung zur IKZ"),
    Row("Einführung E-Akte", "Einführung E-Akte"),
    Row("Gremienwerk", "Gremienwerk RIS"),
    # websearch syntax: "phrase", -exclusion, OR; prefix of the word being typed
    Row('"digitale rote Faden"', "Digitalisierungsstrategie – der digitale rote Faden"),
    Row("Formular -Elterngeld", "Einheitliche Formulare", absent="Elterngeld",
        why="exclusion"),
    Row("Hundesteuer OR Zweckvereinbarung", "Muster: öffentlich-rechtliche Vereinbarung", PG,
        why="either word"),
    Row("Einheitliches Bürgerservicepor", "Einheitliches Bürgerserviceportal",
        why="the word being typed, as a prefix"),
]  # fmt: skip


def _titles(page) -> list[str]:
    return [re.sub(r"<[^>]+>", "", r.title) for r in page.results]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    seed_and_index()


def test_the_table_is_big_enough():
    assert len(TABLE) >= 30
    assert len({r.query for r in TABLE}) == len(TABLE)


def test_relevance_table(client, demo):
    """Every row at once (the demo is seeded once): the report lists every miss."""
    if REQUIRE_SERVICES and not POSTGRES:
        pytest.fail("REQUIRE_SERVICES=1: the relevance table must run on PostgreSQL")
    from members.models import User

    client.force_login(User.objects.get(email="cdo.lemgo@example.org"))
    misses, ran = [], 0
    for row in TABLE:
        if row.backend == PG and not POSTGRES:
            continue
        ran += 1
        page = client.get(URL, {"q": row.query}).context["search"]
        if row.typo:
            if page.suggestion != row.typo:
                misses.append(f"{row.query!r}: suggested {page.suggestion!r}, not {row.typo!r}")
                continue
            page = client.get(URL, {"q": page.suggestion}).context["search"]
        titles = _titles(page)
        if not any(row.top3 in t for t in titles[:3]):
            misses.append(f"{row.query!r}: {row.top3!r} not in the top 3 {titles[:5]}")
        if row.absent and any(row.absent in t for t in titles):
            misses.append(f"{row.query!r}: {row.absent!r} should be excluded {titles[:5]}")
    assert ran >= (len(TABLE) if POSTGRES else 25)
    assert not misses, f"{len(misses)} of {ran} rows missed:\n" + "\n".join(misses)
