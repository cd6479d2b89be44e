"""Loading the shipped catalogue and importing newer or malformed catalogue files."""

import io

import pytest
from django.core.management import CommandError, call_command

from ozg.models import Lebenslage, LeikaService, OzgService, ServiceStatus, Themenfeld
from ozg.reference import SERVICES_FILE
from ozg.services import status_set

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(OzgService.objects.order_by("ozg_id").values_list("ozg_id", "name", "withdrawn_at")),
        Lebenslage.objects.count(),
        LeikaService.objects.count(),
    )


def write(tmp_path, text: str, name: str = "services.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def services_lines() -> list[str]:
    return SERVICES_FILE.read_text(encoding="utf-8").splitlines()


def test_shipped_catalogue_loads_all_rows_and_second_run_changes_nothing(catalogue):
    assert Themenfeld.objects.count() == 14
    assert Lebenslage.objects.count() == 55
    assert OzgService.objects.count() == 557
    assert LeikaService.objects.count() == 5223
    assert LeikaService.objects.filter(key="").count() == 426
    elterngeld = OzgService.objects.get(ozg_id="10000")
    assert elterngeld.name == "Elterngeld"
    assert elterngeld.themenfeld.name == "Familie & Kind"
    assert elterngeld.lebenslage.name == "Geburt"
    assert Themenfeld.objects.get(name="Ein- & Auswanderung").slug == "ein-auswanderung"
    before = snapshot()
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "0 created, 0 renamed, 0 moved, 0 withdrawn" in out.getvalue()
    assert "LeiKa changed for 0" in out.getvalue()
    assert snapshot() == before


def test_newer_catalogue_renames_adds_withdraws_and_keeps_statuses(
    catalogue, detmold, detmold_cdo, tmp_path
):
    withdrawn = OzgService.objects.get(ozg_id="10001")
    status_set(
        actor=detmold_cdo, municipality=detmold, service=withdrawn, maturity=3, state="online"
    )
    lines = services_lines()
    lines = [
        line.replace("10000,Elterngeld,", "10000,Elterngeld (digital),")
        for line in lines
        if not line.startswith("10001,")
    ]
    lines.append("10999,Digitaler Familienpass,Familie & Kind,Neue Lage Familie,0,0,,")
    out = io.StringIO()
    call_command("import_ozg_catalogue", str(write(tmp_path, "\n".join(lines))), stdout=out)
    report = out.getvalue()
    assert "1 created, 1 renamed" in report
    assert "1 withdrawn" in report
    assert "Elterngeld → Elterngeld (digital)" in report
    assert OzgService.objects.get(ozg_id="10000").name == "Elterngeld (digital)"
    new = OzgService.objects.get(ozg_id="10999")
    assert new.lebenslage.name == "Neue Lage Familie"
    withdrawn.refresh_from_db()
    assert withdrawn.is_withdrawn
    status = ServiceStatus.objects.get(service=withdrawn, municipality=detmold)
    assert status.maturity == 3
    # LeiKa rows stay when no mapping file is given
    assert LeikaService.objects.count() == 5223

    # importing the original again puts the withdrawn service back
    out = io.StringIO()
    call_command("import_ozg_catalogue", str(SERVICES_FILE), stdout=out)
    assert "1 reinstated" in out.getvalue()
    withdrawn.refresh_from_db()
    assert not withdrawn.is_withdrawn
    assert OzgService.objects.get(ozg_id="10999").is_withdrawn


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda lines: [lines[0].replace(",lebenslage", ""), *lines[1:]],
            "Zeile 1: fehlende Spalte(n): lebenslage",
        ),
        (lambda lines: [*lines, lines[1]], "Zeile 559: doppelte OZG-ID 10000 (zuerst in Zeile 2)"),
        (
            lambda lines: [lines[0], lines[1].replace("99041006000000", "9904100600"), *lines[2:]],
            "Zeile 2: ungültige(r) LeiKa-Schlüssel 9904100600",
        ),
        (
            lambda lines: [
                lines[0],
                lines[1],
                lines[2].replace("Familie & Kind", "Familie"),
                *lines[3:],
            ],
            "Zeile 3: unbekanntes Themenfeld 'Familie'",
        ),
    ],
    ids=["missing-column", "duplicate-ozg-id", "malformed-leika-key", "unknown-themenfeld"],
)
def test_malformed_file_is_rejected_with_line_number_and_nothing_written(
    catalogue, tmp_path, change, message
):
    lines = services_lines()
    lines = [lines[0], *[line.replace("Elterngeld,", "Elterngeld neu,") for line in lines[1:]]]
    lines = change(lines) + ["10998,Ganz neue Leistung,Bildung,Schule,0,0,,"]
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_ozg_catalogue", str(write(tmp_path, "\n".join(lines))))
    assert message in str(excinfo.value)
    assert "nothing was written" in str(excinfo.value)
    assert snapshot() == before


def test_leika_mapping_errors_are_reported_with_lines(catalogue, tmp_path):
    mapping = "ozg_id,leika_key,in_leika,leika_name,leika_typ\n10000,123,yes,Elterngeld,2/3\n"
    mapping += "99999,,no,Irgendwas,1\n"
    with pytest.raises(CommandError) as excinfo:
        call_command(
            "import_ozg_catalogue",
            str(SERVICES_FILE),
            "--leika",
            str(write(tmp_path, mapping, "leika.csv")),
        )
    text = str(excinfo.value)
    assert "Zeile 2: ungültiger LeiKa-Schlüssel '123'" in text
    assert "Zeile 3: OZG-ID '99999' steht nicht in der Leistungsdatei" in text


def test_newer_leika_mapping_replaces_rows_of_changed_services_only(catalogue, tmp_path):
    from ozg.reference import LEIKA_FILE

    lines = LEIKA_FILE.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("10000,99041006013000")]
    out = io.StringIO()
    call_command(
        "import_ozg_catalogue",
        str(SERVICES_FILE),
        "--leika",
        str(write(tmp_path, "\n".join(lines), "leika.csv")),
        stdout=out,
    )
    assert "LeiKa changed for 1" in out.getvalue()
    assert LeikaService.objects.count() == 5222
    assert not LeikaService.objects.filter(key="99041006013000").exists()
