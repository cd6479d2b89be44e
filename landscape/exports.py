"""CSV and XLSX exports: the matrix (Kommunen × categories) and the usage rows."""

import csv
import io

import tablib
from django.utils.translation import gettext as _
from openpyxl import Workbook

from landscape.models import notice_date
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


# The columns of `landscape.resources.UsageResource` (the import reads the same file back).
USAGE_COLUMNS = (
    "kommune", "kategorie", "produkt", "seit", "vertragsende", "kuendigungsfrist_monate",
    "kuendigung_bis", "lizenzen", "jahreskosten", "zufriedenheit", "kommentar",
    "ansprechperson", "plaene",
)  # fmt: skip
_USAGE_VALUES = (
    "municipality__name", "product__category__name", "product__name", "since", "contract_end",
    "notice_months", "licences", "yearly_cost", "satisfaction", "comment", "contact__email",
    "plans",
)  # fmt: skip


def _text(value) -> str:
    return "" if value is None else str(value)


def usage_rows(queryset):
    """The export's rows as strings, rendered as `UsageResource` renders them (ISO dates,
    euro with two decimals, empty for none), read with `values_list`: no model instance and no
    resource call per row (4,752 rows at NRW size, see docs/benchmarks.md)."""
    rows = queryset.values_list(*_USAGE_VALUES)
    for (kommune, kategorie, produkt, since, contract_end, notice_months, licences,
         yearly_cost, satisfaction, comment, email, plans) in rows:  # fmt: skip
        notice = notice_date(contract_end, notice_months)
        yield (
            kommune,
            kategorie,
            produkt,
            _text(since),
            _text(contract_end),
            _text(notice_months),
            notice.isoformat() if notice else "",
            _text(licences),
            "" if yearly_cost is None else f"{yearly_cost:.2f}",
            _text(satisfaction),
            _text(comment),
            email or "",
            _text(plans),
        )


def usages_csv(queryset) -> str:
    """The usage rows as CSV in tablib's dialect (`,`, CRLF, no BOM), as before."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(USAGE_COLUMNS)
    writer.writerows(usage_rows(queryset))
    return buffer.getvalue()


def usages_xlsx(queryset) -> bytes:
    return tablib.Dataset(*usage_rows(queryset), headers=USAGE_COLUMNS).export("xlsx")
