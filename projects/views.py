"""Thin views: parse input, call one service or selector, render."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.models import Municipality
from members.permissions import municipality_ids_for
from projects import permissions, selectors, services
from projects.filters import ProjectFilter
from projects.forms import (
    MAX_DETAIL_ROWS,
    AwardFormSet,
    CostItemForm,
    DocumentForm,
    LinkFormSet,
    MilestoneFormSet,
    ParticipationAddForm,
    ProjectForm,
    RoleForm,
    StatusUpdateForm,
    SupportForm,
    WishForm,
    WishStatusForm,
    formset_rows,
)
from projects.models import CostItem, Document, Participation, Project, Wish

PAGE_SIZE = 20


def _form_errors(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form it came from."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _project(slug: str) -> Project:
    try:
        return selectors.project_detail(slug=slug)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def _own_municipalities(user, ids=None):
    ids = municipality_ids_for(user) if ids is None else ids
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def _euro_plain(value) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True)


# --- list ---------------------------------------------------------------------------------


@require_GET
def project_list(request):
    filterset = ProjectFilter(request.GET, queryset=selectors.project_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "filter": filterset,
        "page": page,
        "can_create": permissions.can_create_project(request.user),
        "export_query": request.GET.urlencode(),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "projects/partials/results.html", context)
    return render(request, "projects/project_list.html", context)


@require_GET
def project_export(request):
    """The filtered list as CSV (semicolon-separated, UTF-8 with BOM for spreadsheets)."""
    filterset = ProjectFilter(request.GET, queryset=selectors.project_list())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="projekte-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Title"), _("Status"), _("Progress in percent"), _("Topic"), _("Lead Kommune"),
         _("Participating Kommunen"), _("Start"), _("Planned end"), _("Summary"), _("Address")]
    )  # fmt: skip
    # Plain rows (values_list), not model instances: the labels, the participants and the
    # address are looked up per row from dicts built once (docs/benchmarks.md, projects).
    projects = filterset.qs.prefetch_related(None).values_list(
        "pk", "title", "status", "progress", "topic__name", "start_date", "planned_end_date",
        "summary", "slug",
    )  # fmt: skip
    statuses = {value: str(label) for value, label in Project.Status.choices}
    roles = {value: str(label) for value, label in Participation.Role.choices}
    participants, leads = {}, {}
    for project_id, role, name in selectors.participations_for_export(filterset.qs.values("pk")):
        participants.setdefault(project_id, []).append(f"{name} ({roles.get(role, role)})")
        if role == Participation.Role.LEAD:
            leads.setdefault(project_id, name)
    marker = "__slug__"
    address = request.build_absolute_uri(reverse("projects:detail", kwargs={"slug": marker}))
    before, after = address.split(marker)
    writer.writerows(
        [
            _csv_safe(title),
            statuses.get(status, status),
            "" if progress is None else progress,
            topic,
            leads.get(pk, ""),
            ", ".join(participants.get(pk, ())),
            start.isoformat() if start else "",
            end.isoformat() if end else "",
            _csv_safe(summary),
            f"{before}{slug}{after}",
        ]
        for pk, title, status, progress, topic, start, end, summary, slug in projects
    )
    return response


def _csv_safe(value: str) -> str:
    """Defuse spreadsheet formulas in member-written text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# --- detail -------------------------------------------------------------------------------


@require_GET
def project_detail(request, slug: str):
    project = _project(slug)
    user = request.user
    can_edit = permissions.can_edit_project(user, project)
    joinable = permissions.joinable_municipality_ids(user, project)
    own_ids = municipality_ids_for(user)
    wishes = list(project.wishes.all())
    for wish in wishes:
        supporting = {v.municipality_id for v in wish.votes.all()}
        wish.can_support_ids = own_ids - supporting
        wish.can_withdraw_ids = (own_ids & supporting) - {wish.municipality_id}
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "participations": list(project.participations.all()),
            "costs": selectors.cost_overview(project),
            "wishes": wishes,
            "can_edit": can_edit,
            "can_manage": permissions.can_manage_project(user, project),
            "join_form": ParticipationAddForm(municipalities=_own_municipalities(user, joinable))
            if joinable
            else None,
            "leavable": permissions.leavable_participations(user, project),
            "update_form": StatusUpdateForm() if can_edit else None,
            "support_municipalities": Municipality.objects.filter(pk__in=own_ids).order_by("name")
            if own_ids
            else [],
        },
    )


# --- create / edit / delete ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def project_create(request):
    user = request.user
    if not permissions.can_create_project(user):
        raise PermissionDenied
    lead_choices = (
        Municipality.objects.order_by("name") if user.is_staff else _own_municipalities(user)
    )
    form = ProjectForm(request.POST or None, lead_choices=lead_choices)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PROJECT_FIELDS}
        try:
            project = services.project_create(
                actor=user,
                lead_municipality=form.cleaned_data["lead_municipality"],
                data=data,
                partners=form.cleaned_data["partners"],
                contacts=form.cleaned_data["contacts"],
                status=form.cleaned_data["initial_status"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The project was created."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@require_http_methods(["GET", "POST"])
def project_edit(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    post = request.POST if request.method == "POST" else None
    # "Add another row" (works without JavaScript): re-render with one more empty row, save nothing.
    add_row = post.get("add_row") if post is not None else None
    if add_row in DETAIL_PREFIXES:
        post = _with_one_more_row(post, add_row)
    form = ProjectForm(post, instance=project)
    links = LinkFormSet(post, prefix="links", initial=list(project.links.values("title", "url")))
    milestones = MilestoneFormSet(
        post, prefix="milestones",
        initial=list(project.milestones.values("title", "due_date", "reached")),
    )  # fmt: skip
    awards = AwardFormSet(
        post, prefix="awards", initial=list(project.awards.values("title", "year", "awarded_by"))
    )
    formsets = [links, milestones, awards]
    saving = post is not None and not add_row
    if saving and form.is_valid() and all(f.is_valid() for f in formsets):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PROJECT_FIELDS}
        try:
            with transaction.atomic():
                services.project_update(
                    actor=request.user,
                    project=project,
                    data=data,
                    partners=form.cleaned_data["partners"],
                    contacts=form.cleaned_data["contacts"],
                )
                services.project_set_details(
                    actor=request.user,
                    project=project,
                    links=formset_rows(links),
                    milestones=formset_rows(milestones),
                    awards=formset_rows(awards),
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(project)
    if post is not None:
        project.refresh_from_db()
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "formsets": formsets,
         "links": links, "milestones": milestones, "awards": awards,
         "formset_errors": saving and any(f.total_error_count() for f in formsets)},
    )  # fmt: skip


DETAIL_PREFIXES = ("links", "milestones", "awards")


def _with_one_more_row(post, prefix: str):
    """A copy of the POST data whose formset `prefix` has one more (empty) row, up to the max."""
    post = post.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(post.get(key, 0))
    except ValueError:
        total = 0
    post[key] = str(min(max(total, 0) + 1, MAX_DETAIL_ROWS))
    return post


@require_http_methods(["GET", "POST"])
def project_delete(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    if request.method == "POST":
        title = project.title
        services.project_delete(actor=request.user, project=project)
        messages.success(request, _("The project “%(title)s” was deleted.") % {"title": title})
        return redirect("projects:list")
    return render(request, "projects/project_confirm_delete.html", {"project": project})


# --- participants -------------------------------------------------------------------------


@require_POST
def participation_join(request, slug: str):
    """ "Unsere Kommune macht mit": one of the user's Kommunen joins with a role."""
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    joinable = permissions.joinable_municipality_ids(request.user, project)
    if not joinable:
        raise PermissionDenied
    form = ParticipationAddForm(
        request.POST, municipalities=Municipality.objects.filter(pk__in=joinable)
    )
    if form.is_valid():
        services.participation_add(
            actor=request.user,
            project=project,
            municipality=form.cleaned_data["municipality"],
            role=form.cleaned_data["role"],
        )
        messages.success(
            request,
            _("%(name)s now takes part in the project.")
            % {"name": form.cleaned_data["municipality"].name},
        )
    else:
        messages.error(request, _("Choose one of your Kommunen and a role."))
    return redirect(project)


@require_http_methods(["GET", "POST"])
def participants(request, slug: str):
    """The lead's page: add Kommunen, change roles, remove participants."""
    project = get_object_or_404(Project, slug=slug)
    participations = list(project.participations.select_related("municipality"))
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    taken = {p.municipality_id for p in participations}
    add_form = ParticipationAddForm(
        request.POST or None,
        municipalities=Municipality.objects.exclude(pk__in=taken).order_by("name"),
    )
    if request.method == "POST" and add_form.is_valid():
        try:
            services.participation_add(
                actor=request.user,
                project=project,
                municipality=add_form.cleaned_data["municipality"],
                role=add_form.cleaned_data["role"],
            )
        except ValidationError as exc:
            _form_errors(add_form, exc)
        else:
            messages.success(
                request,
                _("%(name)s was added.") % {"name": add_form.cleaned_data["municipality"].name},
            )
            return redirect("projects:participants", slug=project.slug)
    for p in participations:
        p.role_form = RoleForm(initial={"role": p.role}, prefix=f"p{p.pk}")
    return render(
        request,
        "projects/participants.html",
        {"project": project, "participations": participations, "add_form": add_form},
    )


@require_POST
def participation_change(request, slug: str, pk: int):
    participation = get_object_or_404(
        Participation.objects.select_related("project", "municipality"),
        pk=pk,
        project__slug=slug,
    )
    project = participation.project
    if request.POST.get("action") == "remove":
        services.participation_remove(actor=request.user, participation=participation)
        messages.success(
            request, _("%(name)s no longer takes part.") % {"name": participation.municipality}
        )
        if permissions.can_manage_project(request.user, project):
            return redirect("projects:participants", slug=slug)
        return redirect(project)
    form = RoleForm(request.POST, prefix=f"p{participation.pk}")
    if not permissions.can_manage_project(request.user, project):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.participation_set_role(
                actor=request.user, participation=participation, role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The role was changed."))
    return redirect("projects:participants", slug=slug)


# --- timeline -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def update_create(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = StatusUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_update_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The status update was posted."))
            return redirect(f"{project.get_absolute_url()}#zeitstrahl")
    return render(
        request,
        "projects/update_form.html",
        {"project": project, "form": form, "heading": _("Post a status update"),
         "submit_label": _("Post update")},
    )  # fmt: skip


# --- costs --------------------------------------------------------------------------------


def _sharing(project: Project) -> list[Municipality]:
    return [
        p.municipality
        for p in project.participations.select_related("municipality").order_by(
            "municipality__name"
        )
        if p.role in Participation.COST_SHARING_ROLES
    ]


@require_http_methods(["GET", "POST"])
def cost_item_create(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = CostItemForm(request.POST or None, sharing=_sharing(project))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in CostItemForm.Meta.fields}
        try:
            services.cost_item_create(
                actor=request.user, project=project, data=data, percentages=form.percentages()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The cost item was added."))
            return redirect(f"{project.get_absolute_url()}#kosten")
    return render(
        request,
        "projects/cost_item_form.html",
        {"project": project, "form": form, "heading": _("Add a cost item"),
         "submit_label": _("Add cost item")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def cost_item_edit(request, slug: str, pk: int):
    item = get_object_or_404(
        CostItem.objects.select_related("project").prefetch_related("custom_shares"),
        pk=pk,
        project__slug=slug,
    )
    project = item.project
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = CostItemForm(request.POST or None, instance=item, sharing=_sharing(project))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in CostItemForm.Meta.fields}
        try:
            services.cost_item_update(
                actor=request.user, cost_item=item, data=data, percentages=form.percentages()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The cost item was saved."))
            return redirect(f"{project.get_absolute_url()}#kosten")
    return render(
        request,
        "projects/cost_item_form.html",
        {"project": project, "form": form, "heading": _("Edit cost item"),
         "submit_label": _("Save")},
    )  # fmt: skip


@require_POST
def cost_item_delete(request, slug: str, pk: int):
    item = get_object_or_404(CostItem.objects.select_related("project"), pk=pk, project__slug=slug)
    services.cost_item_delete(actor=request.user, cost_item=item)
    messages.success(request, _("The cost item was deleted."))
    return redirect(f"{item.project.get_absolute_url()}#kosten")


@require_GET
def cost_export(request, slug: str):
    project = _project(slug)
    overview = selectors.cost_overview(project)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kosten-{project.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Cost item"), _("Kind"), _("Recurrence"), _("Allocation key"), _("Kommune"),
         _("Share in euro")]
    )  # fmt: skip
    for allocation in overview.items:
        item = allocation.item
        for municipality in overview.municipalities:
            if municipality.pk in allocation.shares:
                writer.writerow(
                    [_csv_safe(item.title), item.get_kind_display(), item.get_recurrence_display(),
                     item.get_allocation_key_display(), municipality.name,
                     _euro_plain(allocation.shares[municipality.pk])]
                )  # fmt: skip
        writer.writerow(
            [_csv_safe(item.title), item.get_kind_display(), item.get_recurrence_display(),
             item.get_allocation_key_display(), _("Total"), _euro_plain(item.amount)]
        )  # fmt: skip
    return response


# --- wishes -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def wish_create(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    own = (
        Municipality.objects.filter(pk__in=project.participations.values("municipality_id"))
        if request.user.is_staff
        else _own_municipalities(request.user)
    )
    form = WishForm(request.POST or None, municipalities=own)
    if request.method == "POST" and form.is_valid():
        try:
            services.wish_create(
                actor=request.user,
                project=project,
                municipality=form.cleaned_data["municipality"],
                provider=form.cleaned_data["provider"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The wish was recorded."))
            return redirect(f"{project.get_absolute_url()}#wuensche")
    return render(
        request,
        "projects/wish_form.html",
        {"project": project, "form": form, "heading": _("Raise a wish"),
         "submit_label": _("Record wish")},
    )  # fmt: skip


@require_POST
def wish_support(request, slug: str, pk: int):
    wish = get_object_or_404(Wish.objects.select_related("project"), pk=pk, project__slug=slug)
    own = municipality_ids_for(request.user)
    if not own:
        raise PermissionDenied
    form = SupportForm(request.POST, municipalities=Municipality.objects.filter(pk__in=own))
    if form.is_valid():
        try:
            services.wish_support(
                actor=request.user, wish=wish, municipality=form.cleaned_data["municipality"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your Kommune supports the wish."))
    else:
        messages.error(request, _("Choose one of your Kommunen."))
    return redirect(f"{wish.project.get_absolute_url()}#wuensche")


@require_POST
def wish_withdraw(request, slug: str, pk: int):
    """A Kommune takes back its support; only its own people (or admins) may do so."""
    wish = get_object_or_404(Wish.objects.select_related("project"), pk=pk, project__slug=slug)
    form = SupportForm(request.POST, municipalities=Municipality.objects.all())
    if not form.is_valid():
        messages.error(request, _("Choose one of your Kommunen."))
        return redirect(f"{wish.project.get_absolute_url()}#wuensche")
    municipality = form.cleaned_data["municipality"]
    try:
        services.wish_withdraw_support(actor=request.user, wish=wish, municipality=municipality)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer supports the wish.") % {"name": municipality.name},
        )
    return redirect(f"{wish.project.get_absolute_url()}#wuensche")


@require_http_methods(["GET", "POST"])
def wish_edit(request, slug: str, pk: int):
    wish = get_object_or_404(Wish.objects.select_related("project"), pk=pk, project__slug=slug)
    if not permissions.can_manage_project(request.user, wish.project):
        raise PermissionDenied
    form = WishStatusForm(request.POST or None, instance=wish)
    if request.method == "POST" and form.is_valid():
        services.wish_set_status(
            actor=request.user,
            wish=wish,
            status=form.cleaned_data["status"],
            provider_answer=form.cleaned_data["provider_answer"],
        )
        messages.success(request, _("The wish was updated."))
        return redirect(f"{wish.project.get_absolute_url()}#wuensche")
    if request.method == "POST":
        wish.refresh_from_db()
    return render(
        request,
        "projects/wish_status_form.html",
        {"project": wish.project, "wish": wish, "form": form,
         "heading": _("Record status and answer"), "submit_label": _("Save")},
    )  # fmt: skip


# --- documents ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def document_create(request, slug: str):
    project = get_object_or_404(Project.objects.prefetch_related("participations"), slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                project=project,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect(f"{project.get_absolute_url()}#dokumente")
    return render(
        request,
        "projects/document_form.html",
        {"project": project, "form": form, "heading": _("Upload a document"),
         "submit_label": _("Upload"), "multipart": True},
    )  # fmt: skip


@require_GET
def document_download(request, slug: str, pk: int):
    """Documents are private: served only through this login-protected view."""
    document = get_object_or_404(Document, pk=pk, project__slug=slug)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    inline = document.content_type in ("application/pdf", "image/png", "image/jpeg", "image/gif")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_delete(request, slug: str, pk: int):
    document = get_object_or_404(
        Document.objects.select_related("project"), pk=pk, project__slug=slug
    )
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return redirect(f"{document.project.get_absolute_url()}#dokumente")
