"""CSV and XLSX exports: the matrix (Kommunen × categories) and the usage rows."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from landscape.selectors import LandscapeMatrix


def _matrix_rows(matrix: LandscapeMatrix):
    yield [_("Kommune"), *[c.name for c in matrix.categories]]
    for municipality, row in matrix.rows():
        yield [municipality.name, *[", ".join(names) for names in row]]


def matrix_csv(matrix: LandscapeMatrix) -> bytes:
    """UTF-8 with BOM and `;` as separator, so that German Excel opens it directly."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(_matrix_rows(matrix))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def matrix_xlsx(matrix: LandscapeMatrix) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Software landscape"))
    sheet.freeze_panes = "B2"
    for row in _matrix_rows(matrix):
        sheet.append([value or None for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def usages_dataset(queryset):
    from landscape.resources import UsageResource

    return UsageResource().export(queryset=queryset)
