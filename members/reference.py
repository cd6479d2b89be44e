"""Reading and validating the municipalities reference file.

The same validation serves `manage.py load_reference_data` and the admin import, so a bad
file is rejected the same way wherever it comes in: every problem with its line number, and
nothing written.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.models import Municipality, ags_validator

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"
COLUMNS = ("ags", "name", "kind", "population", "population_date", "area_km2", "website")
KINDS = {label: value for value, label in Municipality.Kind.choices} | {
    "Kreis": "kreis",
    "Stadt": "stadt",
    "Gemeinde": "gemeinde",
}


class ReferenceDataError(Exception):
    """A reference file that cannot be loaded; `errors` holds one message per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class MunicipalityRow:
    ags: str
    name: str
    kind: str
    population: int
    population_date: dt.date
    area_km2: Decimal
    website: str
    source: str

    def as_fields(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "population": self.population,
            "population_date": self.population_date,
            "area_km2": self.area_km2,
            "website": self.website,
            "source": self.source,
        }


def _website(value: str) -> str:
    value = value.strip()
    if value and not value.startswith(("http://", "https://")):
        value = f"https://{value}"
    return value


def validate_municipality_rows(rows: list[dict], *, first_line: int = 2) -> list[MunicipalityRow]:
    """Validate dict rows (header already read); raise ReferenceDataError listing every problem."""
    errors: list[str] = []
    result: list[MunicipalityRow] = []
    seen_ags: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for offset, raw in enumerate(rows):
        line = first_line + offset
        row = {k: ("" if v is None else str(v).strip()) for k, v in raw.items() if k}
        problems = []
        ags = row.get("ags", "")
        try:
            ags_validator(ags)
        except ValidationError:
            problems.append(_("malformed AGS %(ags)r (8 digits, or 5 for a Kreis)") % {"ags": ags})
        if ags in seen_ags:
            problems.append(
                _("duplicate AGS %(ags)s (first in line %(line)d)")
                % {"ags": ags, "line": seen_ags[ags]}
            )
        name = row.get("name", "")
        if not name:
            problems.append(_("name is empty"))
        elif name in seen_names:
            problems.append(
                _("duplicate name %(name)s (first in line %(line)d)")
                % {"name": name, "line": seen_names[name]}
            )
        kind = KINDS.get(row.get("kind", ""))
        if kind is None:
            problems.append(
                _("unknown kind %(kind)r (Kreis, Stadt or Gemeinde)") % {"kind": row.get("kind")}
            )
        population_raw = row.get("population", "")
        population = None
        if population_raw.isdigit():
            population = int(population_raw)
        else:
            problems.append(
                _("population %(value)r is not a whole number") % {"value": population_raw}
            )
        try:
            population_date = dt.date.fromisoformat(row.get("population_date", ""))
        except ValueError:
            population_date = None
            problems.append(
                _("population date %(value)r is not a date (YYYY-MM-DD)")
                % {"value": row.get("population_date")}
            )
        try:
            area = Decimal(row.get("area_km2", "")).quantize(Decimal("0.01"))
            if area < 0:
                raise InvalidOperation
        except InvalidOperation:
            area = None
            problems.append(
                _("area %(value)r is not a positive number") % {"value": row.get("area_km2")}
            )
        if problems:
            errors.append(
                _("Line %(line)d: %(problems)s") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        seen_ags[ags] = line
        seen_names[name] = line
        result.append(
            MunicipalityRow(
                ags=ags,
                name=name,
                kind=kind,
                population=population,
                population_date=population_date,
                area_km2=area,
                website=_website(row.get("website", "")),
                source=row.get("source", "")[:300],
            )
        )
    if errors:
        raise ReferenceDataError(errors)
    return result


def parse_municipalities_csv(text: str) -> list[MunicipalityRow]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceDataError(
            [_("Line 1: missing column(s): %(columns)s") % {"columns": ", ".join(missing)}]
        )
    return validate_municipality_rows(list(reader))


def load_municipalities(*, stdout, path: Path | None = None) -> None:
    from members.services import municipalities_import

    path = path or DATA_FILE
    rows = parse_municipalities_csv(path.read_text(encoding="utf-8"))
    report = municipalities_import(rows=rows)
    stdout.write(
        f"Kommunen: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged ({path.name})"
    )
