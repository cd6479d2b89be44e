"""Issue 15 item 7: German pages show a German source line, never the English research note."""

import pytest

from members.models import Municipality

pytestmark = pytest.mark.django_db


def test_lemgo_page_shows_german_source_line_without_the_research_note(detmold_client, lemgo):
    assert "Wikipedia (de)" in lemgo.source  # the reference data carries the raw note
    html = detmold_client.get(lemgo.get_absolute_url()).content.decode()
    assert "Quelle der Einwohnerzahl: IT.NRW, Stand 31.12.2023" in html
    assert "infobox" not in html
    assert "Wikipedia" not in html
    assert "2023-12-31" not in html


def test_note_without_known_publisher_shows_no_source_line(detmold_client, lemgo):
    Municipality.objects.filter(pk=lemgo.pk).update(source="secondary statistics site, 2022-12-31")
    html = detmold_client.get(lemgo.get_absolute_url()).content.decode()
    assert "Quelle der Einwohnerzahl" not in html
    assert "secondary statistics" not in html


@pytest.mark.parametrize(
    ("note", "publisher"),
    [
        ("Wikipedia (de), article Lemgo, infobox; population as cited there from IT.NRW", "IT.NRW"),
        ("Destatis municipal table (via Wikidata)", "Statistisches Bundesamt (Destatis)"),
        ("Wikipedia (en), article Lügde, infobox, as of 2022-12-31", "Wikipedia"),
        ("", ""),
    ],
)  # fmt: skip
def test_population_source_names_the_publisher(note, publisher):
    assert Municipality(source=note).population_source == publisher


def test_english_page_uses_english_source_line(client, detmold_cdo, lemgo):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save(update_fields=["preferred_language"])
    client.force_login(detmold_cdo)
    html = client.get(lemgo.get_absolute_url()).content.decode()
    assert "Source of the population figure: IT.NRW, as of 12/31/2023" in html


def test_no_english_or_jargon_leftovers_in_german_ui(detmold_client, reference_data):
    html = detmold_client.get("/digest/vorschau/").content.decode()
    assert "Probe der Wochenübersicht an mich senden" in html
    assert "Test-Digest" not in html
    html = detmold_client.get("/ozg/federfuehrung/").content.decode()
    assert "Portal-Admins" not in html


def test_german_catalogue_has_no_leftover_terms():
    from pathlib import Path

    po = (Path(__file__).parents[2] / "locale/de/LC_MESSAGES/django.po").read_text()
    msgstrs = [line for line in po.splitlines() if not line.startswith("msgid")]
    text = "\n".join(msgstrs)
    for leftover in ("Test-Digest", "Portal-Admins", "Portal-Admin "):
        assert leftover not in text
