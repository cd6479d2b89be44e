from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from landscape import exports, selectors, services
from landscape.filters import ProductFilter
from landscape.forms import ImportForm, JointProjectForm, UsageFormSet, WindowForm
from landscape.models import Category, Product
from landscape.permissions import can_curate_catalogue, can_edit_landscape, can_import_network
from landscape.rendering import matrix_body, matrix_head
from members.models import Municipality

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes | str, name: str, fmt: str) -> HttpResponse:
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _base(request, **extra) -> dict:
    return {
        "own_municipalities": selectors.own_municipalities(request.user),
        "has_demo": selectors.has_demo_data(),
        **extra,
    }


def overview(request):
    """The network view: fragmentation per category and the products shared most."""
    return render(
        request, "landscape/overview.html", _base(request, **selectors.network_overview())
    )


def catalogue(request):
    filterset = ProductFilter(
        request.GET, queryset=selectors.catalogue_queryset().order_by("category__position", "name")
    )
    page = Paginator(filterset.qs, 100).get_page(request.GET.get("seite"))
    return render(
        request,
        "landscape/catalogue.html",
        _base(request, filter=filterset, page=page, can_curate=can_curate_catalogue(request.user)),
    )


def product_detail(request, slug: str):
    try:
        context = selectors.product_detail(slug=slug)
    except Product.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "landscape/product_detail.html", _base(request, **context))


def matrix(request):
    data = selectors.matrix()
    return render(
        request,
        "landscape/matrix.html",
        _base(
            request,
            matrix=data,
            head=matrix_head(data),
            body=matrix_body(data),
        ),
    )


def matrix_export(request, fmt: str):
    data = selectors.matrix()
    content = exports.matrix_csv(data) if fmt == "csv" else exports.matrix_xlsx(data)
    return _download(content, "softwarelandschaft-matrix", fmt)


def municipality(request, slug: str):
    kommune = get_object_or_404(Municipality, slug=slug)
    return render(
        request,
        "landscape/municipality.html",
        _base(
            request,
            municipality=kommune,
            usages=selectors.municipality_usages(kommune),
            history=selectors.usage_history(municipality=kommune),
            can_edit=can_edit_landscape(request.user, kommune),
        ),
    )


def finder(request, slug: str):
    kommune = get_object_or_404(Municipality, slug=slug)
    return render(
        request,
        "landscape/finder.html",
        _base(
            request,
            municipality=kommune,
            rows=selectors.finder(municipality=kommune),
            can_edit=can_edit_landscape(request.user, kommune),
        ),
    )


@require_http_methods(["GET", "POST"])
def bulk_edit(request, slug: str):
    """The Kommune's whole landscape in one form: every row saved at once, or none."""
    kommune = get_object_or_404(Municipality, slug=slug)
    if not can_edit_landscape(request.user, kommune):
        raise PermissionDenied
    queryset = selectors.export_usages(municipality=kommune)
    formset = UsageFormSet(
        request.POST or None, queryset=queryset, municipality=kommune, prefix="u"
    )
    if request.method == "POST" and formset.is_valid():
        rows, delete = [], []
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                if form.instance.pk:
                    delete.append(form.instance)
                continue
            if not form.has_changed():
                continue
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("id", "DELETE")}
            rows.append((form.instance if form.instance.pk else None, data))
        try:
            count = services.usage_bulk_save(
                actor=request.user, municipality=kommune, rows=rows, delete=delete
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext("%(count)d row was saved.", "%(count)d rows were saved.", count)
                % {"count": count},
            )
            return redirect("landscape:municipality", slug=kommune.slug)
    return render(
        request,
        "landscape/bulk_edit.html",
        _base(request, municipality=kommune, formset=formset),
        status=400 if request.method == "POST" else 200,
    )


def _window_form(request) -> tuple[WindowForm, int, Category | None]:
    form = WindowForm(request.GET or None)
    months, category = 24, None
    if form.is_valid():
        months = form.cleaned_data["horizont"] or 24
        category = form.cleaned_data["kategorie"]
    return form, months, category


def windows(request):
    form, months, category = _window_form(request)
    groups = selectors.procurement_windows(months=months, category=category)
    return render(
        request,
        "landscape/windows.html",
        _base(request, form=form, windows=groups, months=months),
    )


@require_http_methods(["GET", "POST"])
def joint_project(request, kategorie: str):
    """ "Gemeinsames Vorhaben anlegen" from a procurement window."""
    category = get_object_or_404(Category, slug=kategorie)
    own = selectors.own_municipalities(request.user)
    if not own and not request.user.is_staff:
        raise PermissionDenied
    if request.user.is_staff and not own:
        own = list(Municipality.objects.order_by("name"))
    _form, months, _category = _window_form(request)
    [window] = selectors.procurement_windows(months=months, category=category) or [None]
    window_usages = window.usages if window else []
    initial = {
        "title": _("Joint procurement: %(category)s") % {"category": category.name},
        "lead": own[0].pk,
        "usages": [u.pk for u in window_usages],
    }
    form = JointProjectForm(
        request.POST or None, initial=initial, own=own, window_usages=window_usages
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.joint_project_create(
                actor=request.user,
                lead_municipality=data["lead"],
                category=category,
                usages=list(data["usages"]),
                title=data["title"],
                topic=data["topic"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The joint project “%(title)s” was created; the other Kommunen are invited.")
                % {"title": project.title},
            )
            return redirect(project)
    return render(
        request,
        "landscape/joint_project.html",
        _base(request, form=form, category=category, window=window),
        status=400 if request.method == "POST" else 200,
    )


def _usages_export(queryset, fmt: str):
    return exports.usages_csv(queryset) if fmt == "csv" else exports.usages_xlsx(queryset)


def network_export(request, fmt: str):
    return _download(_usages_export(selectors.export_usages(), fmt), "softwarelandschaft", fmt)


def municipality_export(request, slug: str, fmt: str):
    kommune = get_object_or_404(Municipality, slug=slug)
    content = _usages_export(selectors.export_usages(municipality=kommune), fmt)
    return _download(content, f"softwarelandschaft-{kommune.slug}", fmt)


def _import(request, *, municipality: Municipality | None, back: str):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.read_dataset(form.cleaned_data["file"])
            totals = services.usage_import(
                actor=request.user, dataset=dataset, municipality=municipality
            )
        except services.ImportRejected as exc:
            errors = exc.messages
        else:
            count = totals.get("new", 0) + totals.get("update", 0)
            messages.success(
                request,
                ngettext("%(count)d row was imported.", "%(count)d rows were imported.", count)
                % {"count": count},
            )
            return redirect(back)
    return render(
        request,
        "landscape/import.html",
        _base(request, form=form, errors=errors, municipality=municipality, back=back),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def municipality_import(request, slug: str):
    kommune = get_object_or_404(Municipality, slug=slug)
    if not can_edit_landscape(request.user, kommune):
        raise PermissionDenied
    return _import(
        request, municipality=kommune, back=reverse("landscape:municipality", args=[kommune.slug])
    )


@require_http_methods(["GET", "POST"])
def network_import(request):
    if not can_import_network(request.user):
        raise PermissionDenied
    return _import(request, municipality=None, back=reverse("landscape:matrix"))
