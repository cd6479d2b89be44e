from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from members.models import Municipality
from ozg import exports, selectors, services
from ozg.filters import CatalogueFilter
from ozg.forms import (
    AssignmentForm,
    AssignmentNotesForm,
    FormTemplateForm,
    QuickStatusForm,
    StatusForm,
)
from ozg.models import Assignment, FormTemplate, OzgService, Themenfeld
from ozg.permissions import can_assign_lead, can_edit_service_work, can_edit_status
from ozg.rendering import matrix_body, matrix_head

PAGE_SIZE = 50


def _service(ozg_id: str) -> OzgService:
    return get_object_or_404(OzgService.objects.select_related("themenfeld"), ozg_id=ozg_id)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def catalogue(request):
    data = request.GET.copy()
    own = selectors.own_municipalities(request.user)
    if "kommune" not in data and own:
        data["kommune"] = own[0].slug
    filterset = CatalogueFilter(data, queryset=selectors.catalogue_queryset())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    kommune = filterset.form.cleaned_data.get("kommune") if filterset.is_bound else None
    selectors.annotate_catalogue_rows(page.object_list, municipality=kommune)
    return render(
        request,
        "ozg/catalogue.html",
        {"filter": filterset, "page": page, "kommune": kommune, "own": own},
    )


def service_detail(request, ozg_id: str):
    try:
        context = selectors.service_detail(ozg_id=ozg_id, user=request.user)
    except OzgService.DoesNotExist as exc:
        raise Http404 from exc
    context["can_assign"] = can_assign_lead(request.user)
    return render(request, "ozg/service_detail.html", context)


@require_http_methods(["GET", "POST"])
def status_edit(request, ozg_id: str, slug: str):
    service = _service(ozg_id)
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_edit_status(request.user, municipality):
        raise PermissionDenied
    status = selectors.status_for_edit(municipality=municipality, service=service)
    form = StatusForm(request.POST or None, instance=status)
    if request.method == "POST" and form.is_valid():
        services.status_set(
            actor=request.user, municipality=municipality, service=service, **form.cleaned_data
        )
        messages.success(
            request,
            _("The status of %(service)s in %(kommune)s was saved.")
            % {"service": service.ozg_id, "kommune": municipality.name},
        )
        return redirect(_safe_next(request, service.get_absolute_url()))
    return render(
        request,
        "ozg/status_form.html",
        {"form": form, "service": service, "municipality": municipality},
    )


@require_http_methods(["GET", "POST"])
def assignment_edit(request, ozg_id: str):
    """Admins set the lead of the service; the lead Kommune edits notes and target date."""
    service = _service(ozg_id)
    context = selectors.service_detail(ozg_id=ozg_id, user=request.user)
    assignment: Assignment | None = context["assignment"]
    is_admin = can_assign_lead(request.user)
    if not is_admin and not (
        assignment and can_edit_service_work(request.user, assignment.lead_id)
    ):
        raise PermissionDenied
    if is_admin:
        own = assignment if assignment and assignment.service_id == service.pk else None
        form = AssignmentForm(request.POST or None, instance=own)
    else:
        form = AssignmentNotesForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if is_admin:
            services.assignment_set(
                actor=request.user,
                service=service,
                lead=data["lead"],
                supporters=list(data["supporters"]),
                notes=data["notes"],
                target_date=data["target_date"],
            )
        else:
            services.assignment_update_notes(
                actor=request.user,
                assignment=assignment,
                notes=data["notes"],
                target_date=data["target_date"],
            )
        messages.success(request, _("The division of labour was saved."))
        return redirect(service)
    return render(
        request,
        "ozg/assignment_form.html",
        {"form": form, "service": service, "assignment": assignment, "is_admin": is_admin},
    )


def division(request):
    """The division of labour per Themenfeld: lead, supporters, target date, notes."""
    return render(
        request,
        "ozg/division.html",
        {
            "rows": selectors.themenfeld_assignments(),
            "can_assign": can_assign_lead(request.user),
            "own_municipalities": selectors.own_municipalities(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def themenfeld_assignment_edit(request, slug: str):
    """Admins assign the lead Kommune and the supporters of a whole Themenfeld."""
    if not can_assign_lead(request.user):
        raise PermissionDenied
    themenfeld = get_object_or_404(Themenfeld, slug=slug)
    assignment = selectors.themenfeld_assignment(themenfeld)
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_set(
                actor=request.user,
                themenfeld=themenfeld,
                lead=data["lead"],
                supporters=list(data["supporters"]),
                notes=data["notes"],
                target_date=data["target_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The lead of the Themenfeld %(name)s was saved.") % {"name": themenfeld.name},
            )
            return redirect(reverse("ozg:division") + f"#tf-{themenfeld.slug}")
    return render(
        request,
        "ozg/themenfeld_assignment_form.html",
        {"form": form, "themenfeld": themenfeld, "assignment": assignment},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def form_edit(request, ozg_id: str, pk: int | None = None):
    service = _service(ozg_id)
    lead_id = selectors.lead_id_for(service)
    if not can_edit_service_work(request.user, lead_id):
        raise PermissionDenied
    instance = get_object_or_404(FormTemplate, pk=pk, service=service) if pk else None
    form = FormTemplateForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.form_template_save(
                actor=request.user,
                service=service,
                lead_id=lead_id,
                data=form.cleaned_data,
                form=instance,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The uniform form was saved."))
            return redirect(service)
    return render(
        request,
        "ozg/form_template_form.html",
        {"form": form, "service": service, "instance": instance},
    )


def form_file(request, ozg_id: str, pk: int):
    template = get_object_or_404(FormTemplate, pk=pk, service__ozg_id=ozg_id)
    if not template.file:
        raise Http404
    return FileResponse(template.file.open("rb"), as_attachment=True)


@require_POST
def form_adopt(request, ozg_id: str, pk: int):
    template = get_object_or_404(FormTemplate, pk=pk, service__ozg_id=ozg_id)
    municipality = get_object_or_404(Municipality, pk=request.POST.get("municipality") or 0)
    services.form_adopt(actor=request.user, form=template, municipality=municipality)
    messages.success(
        request,
        _("%(kommune)s now uses version %(version)s of %(form)s.")
        % {"kommune": municipality.name, "version": template.version, "form": template.title},
    )
    return redirect(template.service)


def _matrix_themenfeld(request) -> tuple[Themenfeld | None, list[Themenfeld], bool]:
    themenfelder = selectors.themenfelder()
    chosen = request.GET.get("themenfeld", "")
    if chosen == "alle":
        return None, themenfelder, True
    by_slug = {t.slug: t for t in themenfelder}
    return by_slug.get(chosen) or (themenfelder[0] if themenfelder else None), themenfelder, False


def matrix(request):
    themenfeld, themenfelder, all_services = _matrix_themenfeld(request)
    data = selectors.matrix(themenfeld=themenfeld)
    body = matrix_body(data)
    head = matrix_head(data)
    return render(
        request,
        "ozg/matrix.html",
        {
            "matrix": data,
            "body": body,
            "head": head,
            "themenfeld": themenfeld,
            "themenfelder": themenfelder,
            "all_services": all_services,
            "query": request.GET.urlencode(),
            "maturity_choices": selectors.MATURITY_LABELS,
            "own_municipalities": selectors.own_municipalities(request.user),
        },
    )


def matrix_export(request, fmt: str):
    themenfeld, _themenfelder, _all = _matrix_themenfeld(request)
    data = selectors.matrix(themenfeld=themenfeld)
    name = f"ozg-matrix-{themenfeld.slug if themenfeld else 'alle'}"
    if fmt == "csv":
        response = HttpResponse(exports.matrix_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            exports.matrix_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def progress(request):
    by_municipality = selectors.progress_by_municipality()
    by_themenfeld = selectors.progress_by_themenfeld()
    return render(
        request,
        "ozg/progress.html",
        {
            "by_municipality": by_municipality,
            "by_themenfeld": by_themenfeld,
            "municipality_chart": selectors.share_chart(
                [
                    {"label": r["municipality"].name, "share": r["compliant_share"]}
                    for r in by_municipality
                ]
            ),
            "themenfeld_chart": selectors.share_chart(
                [
                    {"label": r["themenfeld"].name, "share": r["compliant_share"]}
                    for r in by_themenfeld
                ]
            ),
            "levels": selectors.MATURITY_LABELS,
            "own_municipalities": selectors.own_municipalities(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def bulk_edit(request, slug: str):
    """A Kommune's own statuses as one form: "Save all" saves every row at once; each row's
    own button saves just that row (with htmx in place, without JavaScript as a full post)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_edit_status(request.user, municipality):
        raise PermissionDenied
    themenfelder = selectors.themenfelder()
    by_slug = {t.slug: t for t in themenfelder}
    chosen = request.GET.get("themenfeld", "")
    themenfeld = by_slug.get(chosen) or (None if chosen == "alle" else themenfelder[0])
    page = Paginator(
        selectors.bulk_edit_services(municipality=municipality, themenfeld=themenfeld), 100
    ).get_page(request.GET.get("seite"))
    if request.method == "POST" and request.POST.get("service"):
        return _bulk_edit_row(request, municipality)
    if request.method == "POST":
        rows = selectors.services_by_ids(request.POST.getlist("services"))
        rows = selectors.attach_statuses(rows, municipality=municipality)
        for service in rows:
            service.form = QuickStatusForm(request.POST, prefix=f"s{service.pk}")
        invalid = [s for s in rows if not s.form.is_valid()]
        if rows and not invalid:
            try:
                changed = services.status_bulk_set(
                    actor=request.user,
                    municipality=municipality,
                    items=[
                        (s, s.form.cleaned_data["maturity"], s.form.cleaned_data["state"])
                        for s in rows
                    ],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d status was changed.",
                        "%(count)d statuses were changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(_safe_next(request, request.get_full_path()))
        elif not rows:
            messages.error(request, _("Nothing was saved: the form contained no services."))
        else:
            messages.error(
                request,
                _("Nothing was saved. Please check the rows marked as wrong: %(ids)s.")
                % {"ids": ", ".join(s.ozg_id for s in invalid)},
            )
        status = 400
    else:
        rows = selectors.attach_statuses(page.object_list, municipality=municipality)
        for service in rows:
            service.form = _quick_form(service)
        status = 200
    return render(
        request,
        "ozg/bulk_edit.html",
        {
            "municipality": municipality,
            "themenfelder": themenfelder,
            "themenfeld": themenfeld,
            "page": page,
            "rows": rows,
            "next": request.get_full_path(),
            "own_municipalities": selectors.own_municipalities(request.user),
        },
        status=status,
    )


def _bulk_edit_row(request, municipality: Municipality):
    """Save the one row whose button was pressed."""
    service = get_object_or_404(selectors.active_services(), pk=request.POST["service"])
    form = QuickStatusForm(request.POST, prefix=f"s{service.pk}")
    if form.is_valid():
        services.status_quick_set(
            actor=request.user,
            municipality=municipality,
            service=service,
            maturity=form.cleaned_data["maturity"],
            state=form.cleaned_data["state"],
        )
    [service] = selectors.attach_statuses([service], municipality=municipality)
    next_url = _safe_next(request, request.get_full_path())
    if request.htmx:
        service.saved = form.is_valid()
        service.form = form if not form.is_valid() else _quick_form(service)
        return render(
            request,
            "ozg/partials/bulk_row.html",
            {"service": service, "municipality": municipality, "next": next_url},
            status=200 if form.is_valid() else 400,
        )
    if form.is_valid():
        messages.success(request, _("%(service)s was saved.") % {"service": service.ozg_id})
    else:
        messages.error(request, _("Nothing was saved. Please check your input."))
    return redirect(next_url)


def _quick_form(service) -> QuickStatusForm:
    status = service.own_status
    initial = (
        {"maturity": status.maturity, "state": status.state}
        if status
        else {"maturity": 0, "state": "not_started"}
    )
    return QuickStatusForm(initial=initial, prefix=f"s{service.pk}")
