"""CSV and XLSX exports of the matrix: one row per service, one column per Kommune.

A cell holds the Reifegrad (0–4) or is empty where nothing is recorded.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ozg.models import Maturity
from ozg.selectors import Matrix


def _header(matrix: Matrix) -> list[str]:
    return [_("OZG-ID"), _("OZG service"), *[m.name for m in matrix.municipalities]]


def _rows(matrix: Matrix):
    for service, row in matrix.rows():
        yield [service.ozg_id, service.name, *["" if c is None else c[0] for c in row]]


def matrix_csv(matrix: Matrix) -> bytes:
    """UTF-8 with BOM and `;` as separator, so that German Excel opens it directly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_header(matrix))
    writer.writerows(_rows(matrix))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def matrix_xlsx(matrix: Matrix) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Matrix"))
    sheet.freeze_panes = "C2"
    header = _header(matrix)
    sheet.append(header)
    for row in _rows(matrix):
        sheet.append([None if value == "" else value for value in row])
    legend = workbook.create_sheet(_("Legend"))
    legend.append([_("Reifegrad"), _("Meaning")])
    for value, label in Maturity.choices:
        legend.append([value, str(label)])
    legend.append([None, _("empty: not recorded; OZG-konform from Reifegrad 3")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


__all__ = ["matrix_csv", "matrix_xlsx"]
