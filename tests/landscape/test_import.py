"""Import and export with django-import-export: round trip, all or nothing, line numbers."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from landscape.models import Usage
from tests.landscape.factories import UsageFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "kommune;produkt;seit;vertragsende;kuendigungsfrist_monate;jahreskosten;zufriedenheit;"
    "kommentar;plaene\n"
)


def _upload(text: str, name: str = "landschaft.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_kommune_imports_its_rows(client, lemgo, lemgo_cdo, ris, dms):
    UsageFactory(municipality=lemgo, product=ris, plans="")
    client.force_login(lemgo_cdo)
    text = HEADER + (
        "Lemgo;Gremienwerk RIS;2020-01-01;30.09.2027;6;1.234,50;4;Gut;Ausschreibung 2027\n"
        ";AktenWerk DMS;;;;;3;;\n"
    )
    url = reverse("landscape:municipality_import", args=["lemgo"])
    response = client.post(url, {"file": _upload(text)})
    assert response.status_code == 302, response.content.decode()[-3000:]
    usage = Usage.objects.get(municipality=lemgo, product=ris)
    assert usage.plans == "Ausschreibung 2027" and str(usage.yearly_cost) == "1234.50"
    assert usage.history.first().history_user == lemgo_cdo
    assert Usage.objects.filter(municipality=lemgo).count() == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Lemgo;Unbekanntes RIS;;;;;;;", "Zeile 3: produkt: Unbekanntes Produkt „Unbekanntes RIS“"),
        (
            "Lemgo;AktenWerk DMS;2028-01-01;2027-01-01;;;;;",
            "Zeile 3: vertragsende: Der Vertrag kann nicht enden",
        ),
        ("Lemgo;AktenWerk DMS;;;;-5;;;", "Zeile 3: jahreskosten:"),
        ("Lemgo;AktenWerk DMS;;;;;;" + "x" * 10_000 + ";", "Zeile 3: kommentar:"),
        ("Lemgo;AktenWerk DMS;gestern;;;;;;", "Zeile 3: seit:"),
        (
            "Detmold;AktenWerk DMS;;;;;;;",
            "Zeile 3: kommune: Diese Datei darf nur Zeilen von Lemgo enthalten.",
        ),
        (
            "Lemgo;Gremienwerk RIS;;;;;;;",
            "Zeile 3: Dieselbe Kommune und dasselbe Produkt wie in Zeile 2.",
        ),
    ],
)
def test_a_bad_row_rejects_the_whole_file(client, lemgo, lemgo_cdo, ris, dms, line, message):
    client.force_login(lemgo_cdo)
    text = HEADER + "Lemgo;Gremienwerk RIS;2020-01-01;2027-09-30;6;1000;4;;\n" + line + "\n"
    url = reverse("landscape:municipality_import", args=["lemgo"])
    response = client.post(url, {"file": _upload(text)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Usage.objects.exists()


def test_missing_column_and_empty_file(client, lemgo, lemgo_cdo, ris):
    client.force_login(lemgo_cdo)
    url = reverse("landscape:municipality_import", args=["lemgo"])
    response = client.post(url, {"file": _upload("kommune;seit\nLemgo;2020-01-01\n")})
    assert "Zeile 1: Spalte(n) fehlen: produkt." in response.content.decode()
    response = client.post(url, {"file": _upload(HEADER)})
    assert "Die Datei enthält keine Zeilen." in response.content.decode()
    assert not Usage.objects.exists()


def test_network_import_is_for_admins_and_reads_xlsx(client, admin_client, network, ris, dms):
    export = admin_client.get(reverse("landscape:export_xlsx")).content
    book = openpyxl.load_workbook(io.BytesIO(export))
    header = [c.value for c in book.active[1]]
    assert header[:3] == ["kommune", "kategorie", "produkt"] and "jahreskosten" in header
    Usage.objects.filter(municipality__slug="lage").update(plans="alt")
    response = admin_client.post(
        reverse("landscape:import"),
        {"file": SimpleUploadedFile("netz.xlsx", export)},
    )
    assert response.status_code == 302
    assert Usage.objects.get(municipality__slug="lage").plans == ""
    assert Usage.objects.count() == 5


def test_kommune_export_round_trip(client, network, detmold_cdo):
    client.force_login(detmold_cdo)
    csv_bytes = client.get(reverse("landscape:municipality_export_csv", args=["detmold"])).content
    text = csv_bytes.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("kommune,kategorie,produkt")
    assert text.count("Detmold") == 2
    Usage.objects.filter(municipality__slug="detmold").delete()
    url = reverse("landscape:municipality_import", args=["detmold"])
    response = client.post(url, {"file": _upload(text)})
    assert response.status_code == 302
    assert Usage.objects.filter(municipality__slug="detmold").count() == 2
