"""Import of statuses (Kommune × OZG-ID → Reifegrad, state, online since, link, solution, notes)
with django-import-export, in the shape of the admin's status export.

Every row goes through `ozg.services.status_set`, so the change log records who and when.
An import is all or nothing: one unknown Kommune or OZG-ID, one Reifegrad outside 0–4 or one
malformed value rejects the whole file with line numbers, and nothing is written.
"""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from members.models import Municipality
from ozg.models import ImplementationState, Maturity, OzgService, ServiceStatus, Solution


class LookupWidget(widgets.Widget):
    """A value looked up in a table loaded once per import (case-insensitive)."""

    def __init__(self, message: str, *, optional: bool = False):
        super().__init__()
        self.message = message
        self.optional = optional
        self.table: dict = {}

    def clean(self, value, row=None, **kwargs):
        key = "" if value is None else str(value).strip()
        if not key and self.optional:
            return None
        try:
            return self.table[key.casefold()]
        except KeyError:
            raise ValueError(self.message % {"value": key}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class MaturityWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.endswith(".0"):  # spreadsheets hand numbers over as floats
            text = text[:-2]
        if not text.isdigit() or int(text) not in Maturity.values:
            raise ValueError(
                _("The Reifegrad must be a whole number from 0 to 4, not “%(value)s”.")
                % {"value": text}
            )
        return int(text)


class StateWidget(widgets.Widget):
    """The state's key (`in_progress`) or its German or English label."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ImplementationState.NOT_STARTED
        for key, label in ImplementationState.choices:
            names = {key}
            for language in ("de", "en"):
                with translation.override(language):
                    names.add(str(label).casefold())
            if text.casefold() in names:
                return key
        raise ValueError(
            _("Unknown implementation state “%(value)s”; use one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(ImplementationState.values)}
        )


class DateWidget(widgets.Widget):
    FORMATS = ("%Y-%m-%d", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for fmt in self.FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date (use YYYY-MM-DD or DD.MM.YYYY).") % {"value": text}
        )


class StatusImportResource(resources.ModelResource):
    """Columns as in the status export: kommune, ozg_id, maturity, state, online_since, url,
    loesung, notes (leistung and updated_at are ignored)."""

    kommune = fields.Field(
        attribute="municipality",
        column_name="kommune",
        widget=LookupWidget(_("Unknown Kommune “%(value)s”.")),
    )
    ozg_id = fields.Field(
        attribute="service",
        column_name="ozg_id",
        widget=LookupWidget(_("Unknown OZG-ID “%(value)s”.")),
    )
    maturity = fields.Field(attribute="maturity", column_name="maturity", widget=MaturityWidget())
    state = fields.Field(attribute="state", column_name="state", widget=StateWidget())
    online_since = fields.Field(
        attribute="online_since", column_name="online_since", widget=DateWidget()
    )
    url = fields.Field(attribute="url", column_name="url", widget=widgets.CharWidget())
    loesung = fields.Field(
        attribute="solution",
        column_name="loesung",
        widget=LookupWidget(_("Unknown solution “%(value)s”."), optional=True),
    )
    notes = fields.Field(attribute="notes", column_name="notes", widget=widgets.CharWidget())

    class Meta:
        model = ServiceStatus
        fields = ("kommune", "ozg_id", "maturity", "state", "online_since", "url", "loesung",
                  "notes")  # fmt: skip
        import_id_fields = ()
        skip_diff = True
        use_bulk = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.actor = None

    def import_data(self, dataset, **kwargs):
        """All or nothing: always in a transaction, rolled back on any row's error."""
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.actor = kwargs.get("user")
        kommunen = {}
        for m in Municipality.objects.all():
            kommunen[m.name.casefold()] = m
            kommunen[m.slug.casefold()] = m
        self.fields["kommune"].widget.table = kommunen
        self.fields["ozg_id"].widget.table = {s.ozg_id: s for s in OzgService.objects.all()}
        self.fields["loesung"].widget.table = {s.name.casefold(): s for s in Solution.objects.all()}
        self.seen: dict[tuple[int, int], int] = {}

    def get_or_init_instance(self, instance_loader, row):
        """A fresh instance: `status_set` finds the stored status itself."""
        return ServiceStatus(), True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        key = (instance.municipality_id, instance.service_id)
        if None not in key:
            line = kwargs.get("row_number", 0) + 1
            if key in self.seen:
                raise ValidationError(
                    _("The same Kommune and OZG-ID as in line %(line)d.") % {"line": self.seen[key]}
                )
            self.seen[key] = line

    def do_instance_save(self, instance, is_create):
        from ozg import services

        saved = services.status_set(
            actor=self.actor,
            municipality=instance.municipality,
            service=instance.service,
            maturity=instance.maturity,
            state=instance.state,
            online_since=instance.online_since,
            url=instance.url or "",
            solution=instance.solution,
            notes=instance.notes or "",
        )
        instance.pk = saved.pk


COLUMNS = {"municipality": "kommune", "service": "ozg_id", "solution": "loesung"}


def import_errors(result) -> list[str]:
    """Readable errors of an import result, with the line in the file (the header is line 1)."""
    errors = [str(e.error) for e in result.base_errors]
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append(
                _("Line %(line)d: %(message)s") % {"line": number + 1, "message": error.error}
            )
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.error_dict.items():
            for message in messages:
                if field_name == NON_FIELD_ERRORS:
                    text = message
                else:
                    text = f"{COLUMNS.get(field_name, field_name)}: {message}"
                errors.append(
                    _("Line %(line)d: %(message)s") % {"line": invalid.number + 1, "message": text}
                )
    return errors
