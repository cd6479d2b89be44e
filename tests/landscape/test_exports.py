"""The usage exports (CSV and XLSX) are written from `values_list` rows; they must stay the
file that django-import-export's `UsageResource` wrote (the import reads it back)."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from landscape.resources import UsageResource
from landscape.selectors import export_usages
from tests.landscape.factories import UsageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(network, lemgo_cdo, dms):
    """Rows with every kind of value: empty fields, quotes, separators and line breaks in the
    text, a contact, a notice period reaching into the year before."""
    UsageFactory(
        municipality=network["lemgo"],
        product=dms,
        since=None,
        contract_end=dt.date(2028, 2, 29),
        notice_months=14,
        licences=None,
        yearly_cost=Decimal("1234.5"),
        satisfaction=None,
        comment='Sagt "gut", aber; langsam,\nmanchmal',
        contact=lemgo_cdo,
        plans="",
    )
    UsageFactory(
        municipality=network["blomberg"],
        product=dms,
        contract_end=None,
        notice_months=None,
        yearly_cost=None,
        comment="",
    )
    return network


def test_network_csv_is_the_resource_export(varied, detmold_client):
    content = detmold_client.get(reverse("landscape:export_csv")).content.decode("utf-8")
    expected = UsageResource().export(queryset=export_usages()).export("csv")
    assert content == expected
    lines = content.splitlines()
    assert lines[0] == (
        "kommune,kategorie,produkt,seit,vertragsende,kuendigungsfrist_monate,kuendigung_bis,"
        "lizenzen,jahreskosten,zufriedenheit,kommentar,ansprechperson,plaene"
    )
    assert (
        'Lemgo,E-Akte/DMS,AktenWerk DMS,,2028-02-29,14,2026-12-29,,1234.50,,"Sagt ""gut"", '
        "aber; langsam,"
    ) in lines
    assert content.count("\r\n") == len(export_usages()) + 1  # CRLF per row, LF in the text


def test_kommune_csv_is_the_resource_export(varied, detmold_client):
    url = reverse("landscape:municipality_export_csv", args=["lemgo"])
    content = detmold_client.get(url).content.decode("utf-8")
    queryset = export_usages(municipality=varied["lemgo"])
    assert content == UsageResource().export(queryset=queryset).export("csv")
    assert "cdo.lemgo@example.org" in content


def test_network_xlsx_has_the_resource_cells(varied, detmold_client):
    content = detmold_client.get(reverse("landscape:export_xlsx")).content
    cells = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    expected = UsageResource().export(queryset=export_usages()).export("xlsx")
    assert cells == list(openpyxl.load_workbook(io.BytesIO(expected)).active.values)
    assert cells[0][0] == "kommune" and len(cells) == len(export_usages()) + 1
