from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from lippe_ikz.admin_setup import LabelledTabularInline
from members.reference import ReferenceDataError
from ozg import services
from ozg.forms import CatalogueImportForm
from ozg.imports import StatusImportResource
from ozg.models import (
    Assignment,
    FormAdoption,
    FormTemplate,
    Lebenslage,
    LeikaService,
    OzgService,
    ServiceStatus,
    Solution,
    StatusChange,
    Themenfeld,
)
from ozg.permissions import can_import_catalogue
from ozg.reference import parse_catalogue


class ServiceResource(resources.ModelResource):
    """Export in the shape of ozg_services.csv (plus withdrawn)."""

    themenfeld = fields.Field(attribute="themenfeld__name", column_name="themenfeld")
    lebenslage = fields.Field(attribute="lebenslage__name", column_name="lebenslage")

    class Meta:
        model = OzgService
        fields = ("ozg_id", "name", "themenfeld", "lebenslage", "leika_types", "withdrawn_at")
        export_order = fields


class StatusResource(resources.ModelResource):
    kommune = fields.Field(attribute="municipality__name", column_name="kommune")
    ozg_id = fields.Field(attribute="service__ozg_id", column_name="ozg_id")
    leistung = fields.Field(attribute="service__name", column_name="leistung")
    solution_name = fields.Field(attribute="solution__name", column_name="loesung")

    class Meta:
        model = ServiceStatus
        fields = ("kommune", "ozg_id", "leistung", "maturity", "state", "online_since", "url",
                  "solution_name", "notes", "updated_at")  # fmt: skip
        export_order = fields


@admin.register(Themenfeld)
class ThemenfeldAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    search_fields = ["name"]


@admin.register(Lebenslage)
class LebenslageAdmin(admin.ModelAdmin):
    list_display = ["name", "themenfeld"]
    list_filter = ["themenfeld"]
    search_fields = ["name"]


class LeikaInline(LabelledTabularInline):
    model = LeikaService
    extra = 0
    fields = ["key", "name", "typ"]


@admin.register(OzgService)
class OzgServiceAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [ServiceResource]
    formats = [CSV, XLSX]
    list_display = ["ozg_id", "name", "themenfeld", "lebenslage", "withdrawn_at"]
    list_filter = ["themenfeld", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["ozg_id", "name", "leika__key", "leika__name"]
    list_select_related = ["themenfeld", "lebenslage"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [LeikaInline]
    change_list_template = "admin/ozg/ozgservice/change_list.html"

    def get_urls(self):
        return [
            path(
                "katalog-importieren/",
                self.admin_site.admin_view(self.import_catalogue_view),
                name="ozg_ozgservice_import_catalogue",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_catalogue_url": reverse("admin:ozg_ozgservice_import_catalogue"),
        }
        return super().changelist_view(request, extra_context)

    def import_catalogue_view(self, request):
        """Import a newer catalogue file; the report lists every change."""
        if not can_import_catalogue(request.user):
            return redirect("admin:index")
        form = CatalogueImportForm(request.POST or None, request.FILES or None)
        report_lines, errors = None, None
        if request.method == "POST" and form.is_valid():
            try:
                catalogue = parse_catalogue(
                    services_text=form.cleaned_data["services_file"].read().decode("utf-8-sig"),
                    leika_text=form.cleaned_data["leika_file"].read().decode("utf-8-sig")
                    if form.cleaned_data["leika_file"]
                    else None,
                    known_themenfelder=set(Themenfeld.objects.values_list("name", flat=True)),
                )
            except UnicodeDecodeError:
                errors = [_("The file is not UTF-8 encoded.")]
            except ReferenceDataError as exc:
                errors = exc.errors
            else:
                report = services.catalogue_import(
                    catalogue=catalogue,
                    withdraw_missing=form.cleaned_data["withdraw_missing"],
                    actor=request.user,
                )
                report_lines = report.lines()
                self.message_user(request, report.summary(), messages.SUCCESS)
            if errors:
                self.message_user(
                    request, _("The file was rejected, nothing was written."), messages.ERROR
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a newer OZG catalogue"),
            "form": form,
            "errors": errors,
            "report_lines": report_lines,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/ozg/ozgservice/import_catalogue.html", context)


@admin.register(Solution)
class SolutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "provider", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "provider"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "themenfeld", "service", "lead", "target_date", "is_demo"]
    list_filter = ["lead", "themenfeld", "is_demo"]
    search_fields = ["service__ozg_id", "service__name", "themenfeld__name", "lead__name"]
    autocomplete_fields = ["service"]
    filter_horizontal = ["supporters"]
    list_select_related = ["themenfeld", "service", "lead"]


class ReifegradFilter(admin.SimpleListFilter):
    title = _("Reifegrad")
    parameter_name = "reifegrad"

    def lookups(self, request, model_admin):
        from ozg.models import Maturity

        return Maturity.numbered_choices(as_str=True)

    def queryset(self, request, queryset):
        if self.value() is not None:
            return queryset.filter(maturity=int(self.value()))
        return queryset


@admin.register(ServiceStatus)
class ServiceStatusAdmin(ImportExportMixin, admin.ModelAdmin):
    """Import goes row by row through `services.status_set` (change log); all or nothing."""

    resource_classes = [StatusResource]
    formats = [CSV, XLSX]
    # Five columns fit beside the navigation and the filters at 1280 px; solution, author and
    # demo flag are filters and on the change form.
    list_display = ["service", "municipality", "maturity", "state", "updated_at"]
    list_display_links = ["service"]
    list_filter = [
        "municipality",
        "service__themenfeld",
        ReifegradFilter,
        "state",
        "solution",
        "is_demo",
    ]
    search_fields = ["service__ozg_id", "service__name", "municipality__name"]
    list_select_related = ["municipality", "service", "solution", "updated_by"]
    autocomplete_fields = ["service"]
    readonly_fields = ["updated_at", "updated_by"]

    def get_import_resource_classes(self, request):
        return [StatusImportResource]

    def get_export_resource_classes(self, request):
        return [StatusResource]

    def has_import_permission(self, request):
        return can_import_catalogue(request.user)

    def has_delete_permission(self, request, obj=None):
        """Statuses are never deleted (that would lose their history); set Reifegrad 0."""
        return False

    def save_model(self, request, obj, form, change):
        """Go through the service so that the change log records who and when."""
        services.status_set(
            actor=request.user,
            municipality=obj.municipality,
            service=obj.service,
            maturity=obj.maturity,
            state=obj.state,
            online_since=obj.online_since,
            url=obj.url,
            solution=obj.solution,
            notes=obj.notes,
        )
        saved = ServiceStatus.objects.get(municipality=obj.municipality, service=obj.service)
        obj.pk = saved.pk


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The history of statuses: read only."""

    list_display = ["changed_at", "municipality", "service", "old_maturity", "new_maturity",
                    "new_state", "changed_by"]  # fmt: skip
    list_filter = ["municipality", "service__themenfeld", "new_maturity"]
    search_fields = ["service__ozg_id", "service__name", "municipality__name"]
    list_select_related = ["municipality", "service", "changed_by"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AdoptionInline(LabelledTabularInline):
    model = FormAdoption
    extra = 0


@admin.register(FormTemplate)
class FormTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "service", "version", "status", "owner", "is_demo"]
    list_filter = ["status", "kind", "owner", "is_demo"]
    search_fields = ["title", "service__ozg_id", "service__name"]
    autocomplete_fields = ["service"]
    inlines = [AdoptionInline]
