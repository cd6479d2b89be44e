"""Open data: CSV/JSON per Kommune and for the Kreis, licence, data dictionary, DCAT-AP.de."""

import csv
import io

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_csv_of_a_kommune_parses_back(client, released):
    response = client.get("/online-dienste/daten/luegde.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ozg-online-dienste-luegde.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    wohngeld = next(r for r in rows if r["ozg_id"] == "10092")
    assert wohngeld["reifegrad"] == "3" and wohngeld["online"] == "true"
    assert wohngeld["link"] == "https://www.example.org/luegde/wohngeld"
    assert (
        wohngeld["reifegrad_text"] == "Online-Leistung"
    )  # German, whatever the visitor's language
    assert {r["kommune_slug"] for r in rows} == {"luegde"}


def test_kreis_files_hold_all_released_statuses(client, released):
    data = client.get("/online-dienste/daten/alle.json").json()
    assert {r["kommune_slug"] for r in data["daten"]} == {"luegde"}
    assert data["lizenz"]["id"] == "dl-de/by-2-0"


@override_settings(OPEN_DATA_LICENSE="cc-by/4.0")
def test_licence_comes_from_the_setting(client, released):
    data = client.get("/online-dienste/daten/alle.json").json()
    assert data["lizenz"]["id"] == "cc-by/4.0"
    assert "CC BY 4.0" in client.get("/online-dienste/daten/").content.decode()
    catalogue = client.get("/online-dienste/daten/katalog.jsonld").json()
    assert catalogue["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/cc-by/4.0"


def test_data_dictionary_lists_every_column(client, released):
    from public_site.selectors import PUBLIC_STATUS_FIELDS

    body = client.get("/online-dienste/daten/").content.decode()
    for name in PUBLIC_STATUS_FIELDS:
        assert f"<code>{name}</code>" in body


def test_dcat_catalogue_lists_released_kommunen_with_distributions(client, released):
    response = client.get("/online-dienste/daten/katalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    ids = [d["dct:identifier"] for d in catalogue["dcat:dataset"]]
    assert ids == ["ikz-lippe-ozg-alle", "ikz-lippe-ozg-luegde"]  # Detmold did not release
    luegde = catalogue["dcat:dataset"][1]
    assert luegde["dcatde:politicalGeocodingURI"]["@id"].endswith("/05766052")
    urls = [d["dcat:downloadURL"]["@id"] for d in luegde["dcat:distribution"]]
    assert urls == [
        "http://testserver/online-dienste/daten/luegde.csv",
        "http://testserver/online-dienste/daten/luegde.json",
    ]
