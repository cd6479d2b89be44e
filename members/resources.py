"""django-import-export resource for municipalities, validated like the reference command."""

from django.core.exceptions import ValidationError
from import_export import fields, resources

from members.models import Municipality
from members.reference import COLUMNS, ReferenceDataError, validate_municipality_rows
from members.text import german_slugify


class MunicipalityResource(resources.ModelResource):
    ags = fields.Field(attribute="ags", column_name="ags")

    class Meta:
        model = Municipality
        import_id_fields = ("ags",)
        fields = (*COLUMNS, "source")
        export_order = (*COLUMNS, "source")
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        missing = [c for c in COLUMNS if c not in (dataset.headers or [])]
        if missing:
            raise ValidationError(f"Zeile 1: Spalte(n) fehlen: {', '.join(missing)}")
        rows = [dict(zip(dataset.headers, row, strict=False)) for row in dataset]
        try:
            validated = validate_municipality_rows(rows)
        except ReferenceDataError as exc:
            raise ValidationError(exc.errors) from exc
        # Import the normalised values (kind keys, https:// websites, decimal areas).
        self._validated = {row.ags: row for row in validated}

    def before_import_row(self, row, **kwargs):
        validated = self._validated[str(row["ags"]).strip()]
        row["ags"] = validated.ags
        for key, value in validated.as_fields().items():
            row[key] = value

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.slug:
            instance.slug = german_slugify(instance.name)
        instance.full_clean()

    def dehydrate_kind(self, municipality):
        return municipality.get_kind_display()
