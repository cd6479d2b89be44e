"""Reading and validating the OZG catalogue files (ozg/data, see PROVENANCE.md).

The same validation serves `load_reference_data`, `manage.py import_ozg_catalogue` and the
admin import: a bad file is rejected with every problem and its line number, and nothing is
written (parsing happens completely before the one atomic write in
`ozg.services.catalogue_import`).
"""

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from members.reference import ReferenceDataError

DATA_DIR = Path(__file__).resolve().parent / "data"
THEMENFELDER_FILE = DATA_DIR / "ozg_themenfelder.csv"
LEBENSLAGEN_FILE = DATA_DIR / "ozg_lebenslagen.csv"
SERVICES_FILE = DATA_DIR / "ozg_services.csv"
LEIKA_FILE = DATA_DIR / "ozg_leika_mapping.csv"

THEMENFELD_COLUMNS = ("name",)
LEBENSLAGE_COLUMNS = ("name", "themenfeld")
SERVICE_COLUMNS = ("ozg_id", "name", "themenfeld", "lebenslage", "leika_types", "leika_keys")
LEIKA_COLUMNS = ("ozg_id", "leika_key", "in_leika", "leika_name", "leika_typ")

OZG_ID = re.compile(r"^\d{5}$")
LEIKA_KEY = re.compile(r"^\d{14}$")

__all__ = ["Catalogue", "ReferenceDataError", "load_catalogue", "parse_catalogue"]


@dataclass(frozen=True)
class ServiceRow:
    ozg_id: str
    name: str
    themenfeld: str
    lebenslage: str
    leika_types: str
    leika_keys: tuple[str, ...]


@dataclass(frozen=True)
class LeikaRow:
    ozg_id: str
    key: str
    name: str
    typ: str


@dataclass
class Catalogue:
    """A validated catalogue. `themenfelder`/`lebenslagen` may be empty (service file only)."""

    services: list[ServiceRow]
    themenfelder: list[str] = field(default_factory=list)
    lebenslagen: list[tuple[str, str]] = field(default_factory=list)  # (name, themenfeld)
    leika: list[LeikaRow] | None = None  # None: keep the stored LeiKa rows


def _reader(text: str, columns: tuple[str, ...], label: str) -> csv.DictReader:
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceDataError(
            [
                _("%(file)s, line 1: missing column(s): %(columns)s")
                % {"file": label, "columns": ", ".join(missing)}
            ]
        )
    return reader


def _clean(raw: dict) -> dict:
    return {k: ("" if v is None else str(v).strip()) for k, v in raw.items() if k}


def _line_error(label: str, line: int, problems: list[str]) -> str:
    return _("%(file)s, line %(line)d: %(problems)s") % {
        "file": label,
        "line": line,
        "problems": "; ".join(problems),
    }


def parse_themenfelder(text: str, *, label: str = "ozg_themenfelder.csv") -> list[str]:
    errors, names, seen = [], [], {}
    for line, raw in enumerate(_reader(text, THEMENFELD_COLUMNS, label), start=2):
        name = _clean(raw).get("name", "")
        if not name:
            errors.append(_line_error(label, line, [_("name is empty")]))
        elif name in seen:
            errors.append(
                _line_error(
                    label,
                    line,
                    [
                        _("duplicate Themenfeld %(name)s (first in line %(first)d)")
                        % {"name": name, "first": seen[name]}
                    ],
                )
            )
        else:
            seen[name] = line
            names.append(name)
    if errors:
        raise ReferenceDataError(errors)
    return names


def parse_lebenslagen(
    text: str, *, themenfelder: set[str], label: str = "ozg_lebenslagen.csv"
) -> list[tuple[str, str]]:
    errors, rows, seen = [], [], {}
    for line, raw in enumerate(_reader(text, LEBENSLAGE_COLUMNS, label), start=2):
        row = _clean(raw)
        problems = []
        name, themenfeld = row.get("name", ""), row.get("themenfeld", "")
        if not name:
            problems.append(_("name is empty"))
        elif name in seen:
            problems.append(
                _("duplicate Lage %(name)s (first in line %(first)d)")
                % {"name": name, "first": seen[name]}
            )
        if themenfeld not in themenfelder:
            problems.append(_("unknown Themenfeld %(name)r") % {"name": themenfeld})
        if problems:
            errors.append(_line_error(label, line, problems))
            continue
        seen[name] = line
        rows.append((name, themenfeld))
    if errors:
        raise ReferenceDataError(errors)
    return rows


def parse_services(
    text: str, *, themenfelder: set[str], label: str = "ozg_services.csv"
) -> list[ServiceRow]:
    errors, rows, seen = [], [], {}
    for line, raw in enumerate(_reader(text, SERVICE_COLUMNS, label), start=2):
        row = _clean(raw)
        problems = []
        ozg_id = row.get("ozg_id", "")
        if not OZG_ID.match(ozg_id):
            problems.append(_("malformed OZG-ID %(id)r (5 digits)") % {"id": ozg_id})
        elif ozg_id in seen:
            problems.append(
                _("duplicate OZG-ID %(id)s (first in line %(first)d)")
                % {"id": ozg_id, "first": seen[ozg_id]}
            )
        name = row.get("name", "")
        if not name:
            problems.append(_("name is empty"))
        elif len(name) > 300:
            problems.append(_("name is longer than 300 characters"))
        themenfeld = row.get("themenfeld", "")
        if themenfeld not in themenfelder:
            problems.append(_("unknown Themenfeld %(name)r") % {"name": themenfeld})
        lebenslage = row.get("lebenslage", "")
        if not lebenslage:
            problems.append(_("Lebenslage is empty"))
        keys = tuple(k.strip() for k in row.get("leika_keys", "").split(";") if k.strip())
        bad = [k for k in keys if not LEIKA_KEY.match(k)]
        if bad:
            problems.append(
                _("malformed LeiKa key(s) %(keys)s (14 digits)") % {"keys": ", ".join(bad)}
            )
        if problems:
            errors.append(_line_error(label, line, problems))
            continue
        seen[ozg_id] = line
        rows.append(
            ServiceRow(
                ozg_id=ozg_id,
                name=name,
                themenfeld=themenfeld,
                lebenslage=lebenslage,
                leika_types=row.get("leika_types", "")[:60],
                leika_keys=keys,
            )
        )
    if errors:
        raise ReferenceDataError(errors)
    return rows


def parse_leika(
    text: str, *, ozg_ids: set[str], label: str = "ozg_leika_mapping.csv"
) -> list[LeikaRow]:
    errors, rows, seen = [], [], {}
    for line, raw in enumerate(_reader(text, LEIKA_COLUMNS, label), start=2):
        row = _clean(raw)
        problems = []
        ozg_id, key = row.get("ozg_id", ""), row.get("leika_key", "")
        in_leika = row.get("in_leika", "").lower()
        if ozg_id not in ozg_ids:
            problems.append(_("OZG-ID %(id)r is not in the services file") % {"id": ozg_id})
        if in_leika not in {"yes", "no"}:
            problems.append(_("in_leika must be yes or no"))
        elif in_leika == "yes" and not LEIKA_KEY.match(key):
            problems.append(_("malformed LeiKa key %(key)r (14 digits)") % {"key": key})
        elif in_leika == "no" and key:
            problems.append(_("a key is given although in_leika is no"))
        if key and (ozg_id, key) in seen:
            problems.append(
                _("duplicate LeiKa key %(key)s for %(id)s (first in line %(first)d)")
                % {"key": key, "id": ozg_id, "first": seen[(ozg_id, key)]}
            )
        name = row.get("leika_name", "")
        if not name:
            problems.append(_("name is empty"))
        if problems:
            errors.append(_line_error(label, line, problems))
            continue
        if key:
            seen[(ozg_id, key)] = line
        rows.append(LeikaRow(ozg_id=ozg_id, key=key, name=name[:400], typ=row["leika_typ"][:20]))
    if errors:
        raise ReferenceDataError(errors)
    return rows


def parse_catalogue(
    *,
    services_text: str,
    leika_text: str | None = None,
    themenfelder_text: str | None = None,
    lebenslagen_text: str | None = None,
    known_themenfelder: set[str] | None = None,
) -> Catalogue:
    """Validate catalogue files; raise ReferenceDataError listing every problem of a file.

    Without a Themenfelder file the known Themenfelder are `known_themenfelder` (the stored
    ones); a service naming any other Themenfeld is rejected.
    """
    themenfelder = parse_themenfelder(themenfelder_text) if themenfelder_text else []
    names = set(themenfelder) | set(known_themenfelder or ())
    lebenslagen = (
        parse_lebenslagen(lebenslagen_text, themenfelder=names) if lebenslagen_text else []
    )
    services = parse_services(services_text, themenfelder=names)
    leika = None
    if leika_text is not None:
        leika = parse_leika(leika_text, ozg_ids={s.ozg_id for s in services})
    return Catalogue(
        services=services, themenfelder=themenfelder, lebenslagen=lebenslagen, leika=leika
    )


def shipped_catalogue() -> Catalogue:
    """The catalogue files shipped in ozg/data (parsed once per process and file version)."""
    stamp = tuple(
        p.stat().st_mtime_ns
        for p in (THEMENFELDER_FILE, LEBENSLAGEN_FILE, SERVICES_FILE, LEIKA_FILE)
    )
    return _shipped_catalogue(stamp)


@functools.lru_cache(maxsize=1)
def _shipped_catalogue(stamp: tuple) -> Catalogue:
    return parse_catalogue(
        themenfelder_text=THEMENFELDER_FILE.read_text(encoding="utf-8"),
        lebenslagen_text=LEBENSLAGEN_FILE.read_text(encoding="utf-8"),
        services_text=SERVICES_FILE.read_text(encoding="utf-8"),
        leika_text=LEIKA_FILE.read_text(encoding="utf-8"),
    )


def load_catalogue(*, stdout) -> None:
    from ozg.services import catalogue_import

    report = catalogue_import(catalogue=shipped_catalogue(), withdraw_missing=True)
    stdout.write(f"OZG-Katalog: {report.summary()}")
