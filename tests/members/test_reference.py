import io

import pytest
from django.core.management import CommandError, call_command

from members.models import Municipality
from members.reference import DATA_FILE, ReferenceDataError, parse_municipalities_csv

HEADER = "ags,name,kind,population,population_date,area_km2,website,source\n"
GOOD = "05766020,Detmold,Stadt,75089,2022-12-31,129.39,www.detmold.de,test\n"


def test_load_reference_data_loads_17_kommunen_and_is_idempotent(empty_reference_data):
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "Kommunen: 17 created" in out.getvalue()
    assert Municipality.objects.count() == 17
    detmold = Municipality.objects.get(slug="detmold")
    assert detmold.ags == "05766020"
    assert detmold.population == 75089
    assert str(detmold.population_date) == "2022-12-31"
    assert detmold.website == "https://www.detmold.de"
    kreis = Municipality.objects.get(ags="05766")
    assert kreis.kind == Municipality.Kind.KREIS
    assert {m.slug for m in Municipality.objects.all()} >= {"luegde", "doerentrup", "leopoldshoehe"}

    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "0 created, 0 updated, 17 unchanged" in out.getvalue()
    assert Municipality.objects.count() == 17


@pytest.mark.django_db
def test_newer_figures_update_the_row_without_duplicates():
    call_command("load_reference_data", stdout=io.StringIO())
    from members.services import municipalities_import

    rows = parse_municipalities_csv(
        HEADER + "05766020,Detmold,Stadt,74800,2023-12-31,129.39,www.detmold.de,IT.NRW\n"
    )
    report = municipalities_import(rows=rows)
    assert (report.created, report.updated) == (0, 1)
    detmold = Municipality.objects.get(ags="05766020")
    assert detmold.population == 74800
    assert str(detmold.population_date) == "2023-12-31"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEADER + "5766020,Detmold,Stadt,75089,2022-12-31,129.39,x,y\n", "Zeile 2"),
        (HEADER + GOOD + GOOD.replace("Detmold", "Detmold II"), "Zeile 3"),
        (HEADER + "05766020,Detmold,Stadt,viele,2022-12-31,129.39,x,y\n", "Zeile 2"),
        ("ags,name,kind,population_date,area_km2,website\n" + GOOD, "population"),
        (HEADER + "05766020,Detmold,Dorf,75089,2022-12-31,129.39,x,y\n", "Zeile 2"),
        (HEADER + "05766020,Detmold,Stadt,75089,31.12.2022,129.39,x,y\n", "Zeile 2"),
    ],
    ids=[
        "malformed-ags",
        "duplicate-ags",
        "non-numeric-population",
        "missing-column",
        "unknown-kind",
        "bad-date",
    ],  # fmt: skip
)
def test_bad_rows_are_rejected_with_line_number(content, expected):
    with pytest.raises(ReferenceDataError) as excinfo:
        parse_municipalities_csv(content)
    assert expected in str(excinfo.value)


def test_command_rejects_a_bad_file_and_writes_nothing(tmp_path, monkeypatch, empty_reference_data):
    bad = tmp_path / "municipalities.csv"
    bad.write_text(HEADER + GOOD + "0576602X,Lemgo,Stadt,40531,2023-12-31,100.85,x,y\n")
    import members.reference

    monkeypatch.setattr(members.reference, "DATA_FILE", bad)
    with pytest.raises(CommandError) as excinfo:
        call_command("load_reference_data", stdout=io.StringIO())
    assert "Zeile 3" in str(excinfo.value)
    assert Municipality.objects.count() == 0


def test_shipped_file_is_valid():
    rows = parse_municipalities_csv(DATA_FILE.read_text(encoding="utf-8"))
    assert len(rows) == 17
    towns = [r for r in rows if r.kind != "kreis"]
    assert len(towns) == 16
    assert sum(r.area_km2 for r in towns) == sum(r.area_km2 for r in rows if r.kind == "kreis")
