"""Each app's part in the privacy duties (DSGVO Art. 15, 17, 20), without import cycles.

An app's AppConfig may define

- ``personal_data(self, person) -> list[PersonalData]``: every record of the app that is about
  the person or was written by them (Art. 15/20). The data export writes each part as
  ``<app>/<name>.json`` and ``<app>/<name>.csv`` and puts its files under ``<app>/files/``.
- ``hand_over(self, *, person, successor, actor) -> list[str]``: when a person leaves, give
  their roles, owned items and open tasks to the successor; returns one line per kind of
  record handed over, for the admin's summary (e.g. "2 Maßnahmen").
- ``anonymise(self, *, person, actor) -> None``: remove what identifies the person and is not
  needed to keep the network's records readable (Art. 17). The records themselves stay and
  point to the anonymised account ("ehemaliges Mitglied").
- ``apply_retention(self, *, now) -> dict[str, int]``: delete what is older than the app's
  retention period (settings ``RETENTION_*``); returns the number of rows deleted per kind.

`privacy` calls them in INSTALLED_APPS order; ``anonymise`` in reverse order, so that the
account itself (members) is anonymised last, after the apps above have used it.
"""

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class PersonalFile:
    """An uploaded file of the person: `storage_name` in the default storage, `name` the
    path inside the app's folder of the export (e.g. "documents/12-Konzept.pdf")."""

    name: str
    storage_name: str


@dataclass
class PersonalData:
    """One kind of record of the person: rows of plain values (str, int, bool, None)."""

    name: str
    rows: list[dict]
    files: list[PersonalFile] = field(default_factory=list)


def plain(value):
    """A value as JSON and CSV can hold it (dates as ISO 8601)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def rows(queryset, *fields: str) -> list[dict]:
    """`queryset.values(*fields)` with plain values."""
    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _configs_with(hook: str):
    return [c for c in apps.get_app_configs() if getattr(c, hook, None) is not None]


def personal_data(person) -> dict[str, list[PersonalData]]:
    """app label → its parts (apps without any data are left out)."""
    result: dict[str, list[PersonalData]] = {}
    for config in _configs_with("personal_data"):
        parts = config.personal_data(person)
        if parts:
            result[config.label] = parts
    return result


def hand_over(*, person, successor, actor) -> dict[str, list[str]]:
    return {
        config.label: config.hand_over(person=person, successor=successor, actor=actor)
        for config in _configs_with("hand_over")
    }


def anonymise(*, person, actor) -> None:
    for config in reversed(_configs_with("anonymise")):
        config.anonymise(person=person, actor=actor)


def apply_retention(*, now: dt.datetime) -> dict[str, int]:
    """ "<app>.<kind>" → rows deleted."""
    deleted: dict[str, int] = {}
    for config in _configs_with("apply_retention"):
        for kind, count in config.apply_retention(now=now).items():
            deleted[f"{config.label}.{kind}"] = count
    return deleted
