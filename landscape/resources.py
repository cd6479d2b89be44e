"""Import and export of software in use (django-import-export, CSV and XLSX).

Columns: kommune, kategorie, produkt, seit, vertragsende, kuendigungsfrist_monate,
kuendigung_bis (export only), lizenzen, jahreskosten, zufriedenheit, kommentar,
ansprechperson (email), plaene. An import is validated like the forms (the model's
``full_clean``: contract end before the start, negative cost, satisfaction outside 1–5, a
comment longer than 500 characters …) and is all or nothing: one bad row rejects the whole
file with line numbers and nothing is written. A row replaces the Kommune's record of the
same product; products not in the file stay as they are.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from landscape.models import Product, Usage
from members.models import Municipality, User
from ozg.imports import DateWidget, LookupWidget

COLUMNS = {
    "municipality": "kommune",
    "product": "produkt",
    "since": "seit",
    "contract_end": "vertragsende",
    "notice_months": "kuendigungsfrist_monate",
    "licences": "lizenzen",
    "yearly_cost": "jahreskosten",
    "satisfaction": "zufriedenheit",
    "comment": "kommentar",
    "contact": "ansprechperson",
    "plans": "plaene",
}


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if text.endswith(".0"):  # spreadsheets hand numbers over as floats
            text = text[:-2]
        if not text.lstrip("-").isdigit():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
        return int(text)


class EuroWidget(widgets.Widget):
    """1234.50, 1234,50 or 1.234,50."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = str(value).strip().replace("€", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("“%(value)s” is not an amount in euro.") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value:.2f}"


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class UsageResource(resources.ModelResource):
    kommune = fields.Field(
        attribute="municipality",
        column_name="kommune",
        widget=LookupWidget(gettext_lazy("Unknown Kommune “%(value)s”.")),
    )
    kategorie = fields.Field(column_name="kategorie", readonly=True)
    produkt = fields.Field(
        attribute="product",
        column_name="produkt",
        widget=LookupWidget(
            gettext_lazy("Unknown product “%(value)s”; an admin adds it to the catalogue first.")
        ),  # fmt: skip
    )
    seit = fields.Field(attribute="since", column_name="seit", widget=DateWidget())
    vertragsende = fields.Field(
        attribute="contract_end", column_name="vertragsende", widget=DateWidget()
    )
    kuendigungsfrist_monate = fields.Field(
        attribute="notice_months", column_name="kuendigungsfrist_monate",
        widget=WholeNumberWidget(),
    )  # fmt: skip
    kuendigung_bis = fields.Field(column_name="kuendigung_bis", readonly=True)
    lizenzen = fields.Field(attribute="licences", column_name="lizenzen",
                            widget=WholeNumberWidget())  # fmt: skip
    jahreskosten = fields.Field(attribute="yearly_cost", column_name="jahreskosten",
                                widget=EuroWidget())  # fmt: skip
    zufriedenheit = fields.Field(attribute="satisfaction", column_name="zufriedenheit",
                                 widget=WholeNumberWidget())  # fmt: skip
    kommentar = fields.Field(attribute="comment", column_name="kommentar", widget=TextWidget())
    ansprechperson = fields.Field(
        attribute="contact",
        column_name="ansprechperson",
        widget=LookupWidget(
            gettext_lazy("Unknown person “%(value)s” (use the email address)."), optional=True
        ),  # fmt: skip
    )
    plaene = fields.Field(attribute="plans", column_name="plaene", widget=TextWidget())

    class Meta:
        model = Usage
        fields = ("kommune", "kategorie", "produkt", "seit", "vertragsende",
                  "kuendigungsfrist_monate", "kuendigung_bis", "lizenzen", "jahreskosten",
                  "zufriedenheit", "kommentar", "ansprechperson", "plaene")  # fmt: skip
        export_order = fields
        import_id_fields = ()
        skip_diff = True
        use_bulk = False
        clean_model_instances = True

    def __init__(self, *, municipality: Municipality | None = None, **kwargs):
        super().__init__(**kwargs)
        self.municipality = municipality
        self.actor = None

    # --- export -----------------------------------------------------------------------------
    def dehydrate_kommune(self, usage):
        return usage.municipality.name

    def dehydrate_kategorie(self, usage):
        return usage.product.category.name

    def dehydrate_produkt(self, usage):
        return usage.product.name

    def dehydrate_kuendigung_bis(self, usage):
        return usage.notice_date.isoformat() if usage.notice_date else ""

    def dehydrate_ansprechperson(self, usage):
        return usage.contact.email if usage.contact else ""

    # --- import -----------------------------------------------------------------------------
    def import_data(self, dataset, **kwargs):
        """All or nothing: always in a transaction, rolled back on any row's error."""
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.actor = kwargs.get("user")
        headers = [str(h or "").strip() for h in (dataset.headers or [])]
        required = ["produkt"] if self.municipality else ["kommune", "produkt"]
        missing = [c for c in required if c not in headers]
        if missing:
            raise ValidationError(
                _("Line 1: missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
            )
        kommunen = {}
        for m in Municipality.objects.all():
            kommunen[m.name.casefold()] = m
            kommunen[m.slug.casefold()] = m
        self.fields["kommune"].widget.table = kommunen
        products: dict[str, Product] = {}
        for product in Product.objects.all():
            products[product.slug.casefold()] = product
            products.setdefault(product.name.casefold(), product)
        self.fields["produkt"].widget.table = products
        self.fields["ansprechperson"].widget.table = {
            u.email.casefold(): u for u in User.objects.filter(is_active=True)
        }
        self.seen: dict[tuple[int, int], int] = {}

    def before_import_row(self, row, **kwargs):
        if self.municipality is not None and not str(row.get("kommune") or "").strip():
            row["kommune"] = self.municipality.slug

    def get_or_init_instance(self, instance_loader, row):
        return Usage(), True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        line = kwargs.get("row_number", 0) + 1
        if self.municipality is not None and instance.municipality_id not in (
            None,
            self.municipality.pk,
        ):
            raise ValidationError(
                {
                    "municipality": _("This file may only contain rows of %(name)s.")
                    % {"name": self.municipality.name}
                }
            )
        key = (instance.municipality_id, instance.product_id)
        if None not in key:
            if key in self.seen:
                raise ValidationError(
                    _("The same Kommune and product as in line %(line)d.")
                    % {"line": self.seen[key]}
                )
            self.seen[key] = line
            existing = (
                Usage.objects.filter(municipality_id=key[0], product_id=key[1])
                .values_list("pk", flat=True)
                .first()
            )
            if existing:
                instance.pk = existing
                instance._state.adding = False

    def do_instance_save(self, instance, is_create):
        from landscape import services

        saved = services.usage_import_row(
            actor=self.actor,
            municipality=instance.municipality,
            data={name: getattr(instance, name) for name in services.USAGE_FIELDS},
        )
        instance.pk = saved.pk


def import_errors(result) -> list[str]:
    """Readable errors of an import result, with the line in the file (the header is line 1)."""
    errors = [str(e.error) for e in result.base_errors]
    for number, row_errors in result.row_errors():
        for error in row_errors:
            message = error.error
            if isinstance(message, ValidationError):
                message = " ".join(message.messages)
            errors.append(
                _("Line %(line)d: %(message)s") % {"line": number + 1, "message": message}
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
