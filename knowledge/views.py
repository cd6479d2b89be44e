"""Thin views: parse input, call one service or selector, render."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knowledge import permissions, selectors, services
from knowledge.filters import ArticleFilter
from knowledge.forms import (
    ActionFromItemForm,
    AdoptForm,
    ArticleFileForm,
    ArticleForm,
    ExpertiseForm,
    StoryEntryForm,
    TalkForm,
    TalkRequestForm,
    TalkRequestStatusForm,
    TemplateUsageForm,
)
from knowledge.models import (
    Adoption,
    Article,
    ArticleFile,
    ChecklistItem,
    Expertise,
    Revision,
    StoryEntry,
    Talk,
    TalkRequest,
)
from members.models import Municipality, User
from members.permissions import municipality_ids_for

PAGE_SIZE = 20
INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif")


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _own_municipalities(user):
    if user.is_staff:
        return Municipality.objects.order_by("name")
    return Municipality.objects.filter(pk__in=municipality_ids_for(user)).order_by("name")


def _article(request, slug: str) -> Article:
    try:
        article = selectors.article_detail(slug=slug)
    except Article.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_read_article(request.user, article):
        raise Http404  # a draft's existence is private to its Kommune
    return article


def _serve(handle, *, name: str, content_type: str):
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- articles ----------------------------------------------------------------------------


@require_GET
def article_list(request):
    filterset = ArticleFilter(request.GET, queryset=selectors.article_list(request.user))
    page = Paginator(filterset.qs.distinct(), PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "filter": filterset,
        "page": page,
        "can_create": permissions.can_create_article(request.user),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "knowledge/partials/results.html", context)
    return render(request, "knowledge/article_list.html", context)


@require_GET
def article_detail(request, slug: str):
    article = _article(request, slug)
    user = request.user
    own_ids = municipality_ids_for(user)
    items = list(article.items.all())
    adoptions = list(article.adoptions.all())
    adoptable = (
        [m for m in _own_municipalities(user) if m.pk not in {a.municipality_id for a in adoptions}]
        if article.is_checklist
        else []
    )
    usages = selectors.usages_of(article) if article.is_template else []
    files = list(article.files.all())
    context = {
        "article": article,
        "revision": selectors.latest_revision(article),
        "items": items,
        "adoptions": adoptions,
        "own_adoptions": [a for a in adoptions if a.municipality_id in own_ids or user.is_staff],
        "adopt_form": AdoptForm(
            municipalities=Municipality.objects.filter(pk__in=[m.pk for m in adoptable]).order_by(
                "name"
            )
        )
        if adoptable and article.status == Article.Status.PUBLISHED
        else None,
        "files": files,
        "latest_file": files[0] if files else None,
        "usages": usages,
        "outdated_own": [u for u in usages if u.is_outdated and u.municipality_id in own_ids],
        "usage_form": TemplateUsageForm(
            municipalities=_own_municipalities(user), files=article.files.all()
        )
        if article.is_template and files and (own_ids or user.is_staff)
        else None,
        "can_edit": permissions.can_edit_article(user, article),
        "can_archive": permissions.can_archive_article(user, article),
    }
    return render(request, "knowledge/article_detail.html", context)


@require_http_methods(["GET", "POST"])
def article_create(request):
    user = request.user
    if not permissions.can_create_article(user):
        raise PermissionDenied
    municipalities = _own_municipalities(user)
    initial = {"owner": user, "municipality": municipalities.first()}
    # "Write an article" on a project, workshop, meeting or OZG service links it from the start.
    for name in selectors.LINK_FIELDS.values():
        ids = [v for v in request.GET.getlist(name) if v.isdigit()]
        if ids:
            initial[name] = ids
    form = ArticleForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(
                actor=user,
                data=form.article_data(),
                m2m=form.m2m_data(),
                items=form.item_lines(),
                note=form.cleaned_data["note"],
                publish=form.cleaned_data["publish"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The article was saved."))
            return redirect(article)
    return render(request, "knowledge/article_form.html", {"form": form, "article": None})


@require_http_methods(["GET", "POST"])
def article_edit(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    user = request.user
    if not permissions.can_edit_article(user, article):
        raise PermissionDenied
    municipalities = _own_municipalities(user) | Municipality.objects.filter(
        pk=article.municipality_id
    )
    conflict = None
    if request.method == "POST":
        form = ArticleForm(
            request.POST,
            instance=Article.objects.get(pk=article.pk),
            municipalities=municipalities.distinct(),
            editing=True,
        )
        if form.is_valid():
            try:
                services.article_update(
                    actor=user,
                    article=article,
                    base_revision=form.cleaned_data.get("base_revision") or 0,
                    data=form.article_data(),
                    m2m=form.m2m_data(),
                    items=form.item_lines(),
                    note=form.cleaned_data["note"],
                )
            except services.StaleRevision as exc:
                conflict = exc.current
                # Keep what this person wrote; let them merge and save on the current revision.
                data = request.POST.copy()
                data["base_revision"] = str(conflict.number if conflict else 0)
                form = ArticleForm(
                    data, instance=article, municipalities=municipalities.distinct(), editing=True
                )
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Someone else saved this article while you were editing it. Nothing was "
                        "overwritten. Compare your text with the current one below, merge them and "
                        "save again."
                    ),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The article was saved as a new revision."))
                return redirect(article)
    else:
        initial = {
            "base_revision": article.revision_number,
            "items": "\n".join(i.text for i in article.items.all()),
        }
        form = ArticleForm(
            instance=article,
            municipalities=municipalities.distinct(),
            editing=True,
            initial=initial,
        )
    context = {"form": form, "article": article, "conflict": conflict}
    if conflict is not None:
        mine = Revision(
            title=request.POST.get("title", ""),
            summary=request.POST.get("summary", ""),
            body=request.POST.get("body", ""),
        )
        context["conflict_diff"] = selectors.revision_diff(conflict, mine)
    return render(request, "knowledge/article_form.html", context)


@require_GET
def article_history(request, slug: str):
    article = _article(request, slug)
    revisions = selectors.revisions_of(article)
    by_number = {r.number: r for r in revisions}
    try:
        new = by_number.get(int(request.GET.get("neu", "")))
        old = by_number.get(int(request.GET.get("alt", "")))
    except ValueError:
        new = old = None
    if new is None and revisions:
        new = revisions[0]
    if old is None and len(revisions) > 1:
        old = next((r for r in revisions if r.number < new.number), revisions[-1])
    diff = selectors.revision_diff(old, new) if old and new else None
    return render(
        request,
        "knowledge/article_history.html",
        {
            "article": article,
            "revisions": revisions,
            "old": old,
            "new": new,
            "diff": diff,
            "can_edit": permissions.can_edit_article(request.user, article),
        },
    )


@require_POST
def article_restore(request, slug: str, number: int):
    article = get_object_or_404(Article, slug=slug)
    revision = get_object_or_404(Revision, article=article, number=number)
    services.article_restore(actor=request.user, article=article, revision=revision)
    messages.success(
        request, _("Revision %(number)s was restored as a new revision.") % {"number": number}
    )
    return redirect("knowledge:article_history", slug=slug)


@require_POST
def article_review(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    services.article_mark_reviewed(actor=request.user, article=article)
    messages.success(request, _("Marked as reviewed and unchanged."))
    return redirect(article)


@require_POST
def article_status(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    try:
        services.article_set_status(
            actor=request.user, article=article, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The status is now: %(status)s") % {"status": article.get_status_display()}
        )
    return redirect(article)


@require_http_methods(["GET", "POST"])
def file_create(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    if not permissions.can_edit_article(request.user, article):
        raise PermissionDenied
    form = ArticleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_file_add(
                actor=request.user,
                article=article,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["upload"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "file" in exc.error_dict:
                exc.error_dict["upload"] = exc.error_dict.pop("file")
            _form_errors(form, exc)
        else:
            messages.success(request, _("The file was uploaded."))
            return redirect(f"{article.get_absolute_url()}#dateien")
    return render(
        request,
        "knowledge/simple_form.html",
        {
            "article": article,
            "form": form,
            "multipart": True,
            "heading": _("Upload a new version") if article.is_template else _("Upload a file"),
            "submit_label": _("Upload"),
        },
    )


@require_GET
def file_download(request, slug: str, pk: int):
    """Attachments are private: served only to people who may read the article."""
    item = get_object_or_404(
        ArticleFile.objects.select_related("article"), pk=pk, article__slug=slug
    )
    if not permissions.can_read_article(request.user, item.article):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return _serve(handle, name=item.original_name, content_type=item.content_type)


@require_POST
def template_usage(request, slug: str):
    article = get_object_or_404(Article, slug=slug, kind=Article.Kind.TEMPLATE)
    form = TemplateUsageForm(
        request.POST, municipalities=Municipality.objects.all(), files=article.files.all()
    )
    if not form.is_valid():
        messages.error(request, _("Choose a Kommune and a version."))
    else:
        services.template_usage_set(
            actor=request.user,
            article=article,
            municipality=form.cleaned_data["municipality"],
            file=form.cleaned_data["file"],
        )
        messages.success(request, _("Recorded which version is in use."))
    return redirect(f"{article.get_absolute_url()}#nutzung")


# --- checklists ----------------------------------------------------------------------------


@require_POST
def adoption_create(request, slug: str):
    article = get_object_or_404(Article, slug=slug, kind=Article.Kind.CHECKLIST)
    form = AdoptForm(request.POST, municipalities=Municipality.objects.all())
    if not form.is_valid():
        messages.error(request, _("Choose a Kommune."))
        return redirect(article)
    municipality = form.cleaned_data["municipality"]
    try:
        adoption = services.adoption_create(
            actor=request.user, article=article, municipality=municipality
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(article)
    messages.success(
        request, _("%(kommune)s has adopted the checklist.") % {"kommune": municipality.name}
    )
    return redirect(adoption)


def _adoption(slug: str, kommune: str) -> Adoption:
    article = get_object_or_404(Article, slug=slug, kind=Article.Kind.CHECKLIST)
    municipality = get_object_or_404(Municipality, slug=kommune)
    try:
        return selectors.adoption_detail(article=article, municipality=municipality)
    except Adoption.DoesNotExist as exc:
        raise Http404 from exc


@require_GET
def adoption_list(request, slug: str):
    article = _article(request, slug)
    if not article.is_checklist:
        raise Http404
    return render(
        request,
        "knowledge/adoption_list.html",
        {
            "article": article,
            "adoptions": selectors.adoption_overview(article=article),
            "item_total": len(article.items.all()),
        },
    )


@require_GET
def adoption_detail(request, slug: str, kommune: str):
    adoption = _adoption(slug, kommune)
    items = list(ChecklistItem.objects.filter(article=adoption.article).order_by("order", "pk"))
    rows = selectors.adoption_rows(adoption, items)
    return render(
        request,
        "knowledge/adoption_detail.html",
        {
            "adoption": adoption,
            "article": adoption.article,
            "rows": rows,
            "done": sum(1 for _i, e in rows if e and e.is_done),
            "total": len(rows),
            "can_write": permissions.can_write_for_municipality(
                request.user, adoption.municipality_id
            ),
        },
    )


@require_POST
def adoption_tick(request, slug: str, kommune: str, item: int):
    adoption = _adoption(slug, kommune)
    checklist_item = get_object_or_404(ChecklistItem, pk=item, article=adoption.article)
    services.adoption_item_set_done(
        actor=request.user,
        adoption=adoption,
        item=checklist_item,
        done=request.POST.get("done") == "1",
    )
    return redirect(f"{adoption.get_absolute_url()}#punkt-{checklist_item.pk}")


@require_http_methods(["GET", "POST"])
def adoption_action(request, slug: str, kommune: str, item: int):
    from workshops.selectors import editable_origins_for

    adoption = _adoption(slug, kommune)
    checklist_item = get_object_or_404(ChecklistItem, pk=item, article=adoption.article)
    if not permissions.can_write_for_municipality(request.user, adoption.municipality_id):
        raise PermissionDenied
    origins = editable_origins_for(user=request.user)
    people = (
        User.objects.filter(memberships__municipality=adoption.municipality, is_active=True)
        .distinct()
        .order_by("full_name")
    )
    form = ActionFromItemForm(
        request.POST or None,
        origins=origins,
        people=people,
        initial={
            "title": checklist_item.text[:200],
            "responsible_person": request.user.pk
            if people.filter(pk=request.user.pk).exists()
            else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_item_to_action(
                actor=request.user,
                adoption=adoption,
                item=checklist_item,
                origin=form.cleaned_data["origin"],
                data=form.cleaned_data,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The item is now an action item (Maßnahme)."))
            return redirect(f"{adoption.get_absolute_url()}#punkt-{checklist_item.pk}")
    return render(
        request,
        "knowledge/action_form.html",
        {
            "adoption": adoption,
            "article": adoption.article,
            "item": checklist_item,
            "form": form,
            "no_origins": not origins["workshops"] and not origins["meetings"],
        },
    )


# --- the network's story -------------------------------------------------------------------


@login_not_required
@require_GET
def story(request):
    public_only = not request.user.is_authenticated
    context = selectors.story(public_only=public_only)
    context.update(
        {"public_only": public_only, "can_edit": permissions.is_coordinator(request.user)}
    )
    return render(request, "knowledge/story.html", context)


@login_not_required
@require_GET
def talk_slides(request, pk: int):
    talk = get_object_or_404(Talk, pk=pk)
    if not talk.slides or (not talk.is_public and not request.user.is_authenticated):
        raise Http404
    try:
        handle = talk.slides.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return _serve(handle, name=talk.slides_name, content_type=talk.slides_content_type)


@login_not_required
@require_http_methods(["GET", "POST"])
def talk_request(request):
    form = TalkRequestForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="talk_request"):
            form.add_error(None, _("Too many requests in a short time. Please try again later."))
        elif form.is_valid():
            services.talk_request_submit(data=form.request_data())
            messages.success(
                request,
                _(
                    "Thank you. Your request was sent to the network's "
                    "coordinators; they will answer you by email."
                ),
            )
            return redirect("knowledge:story")
    return render(request, "knowledge/talk_request_form.html", {"form": form})


def _coordinator(request):
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied


@require_GET
def talk_request_list(request):
    _coordinator(request)
    return render(
        request,
        "knowledge/talk_request_list.html",
        {
            "requests": selectors.talk_requests(),
            "statuses": TalkRequest.Status.choices,
        },
    )


@require_POST
def talk_request_status(request, pk: int):
    _coordinator(request)
    req = get_object_or_404(TalkRequest, pk=pk)
    form = TalkRequestStatusForm(request.POST)
    if form.is_valid():
        services.talk_request_set_status(
            actor=request.user, request=req, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status was changed."))
    return redirect("knowledge:talk_request_list")


@require_http_methods(["GET", "POST"])
def story_entry_edit(request, pk: int | None = None):
    _coordinator(request)
    entry = get_object_or_404(StoryEntry, pk=pk) if pk else StoryEntry()
    form = StoryEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_entry_save(actor=request.user, entry=form.instance)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The story was saved."))
            return redirect("knowledge:story")
    return render(
        request,
        "knowledge/story_form.html",
        {
            "form": form,
            "heading": _("Edit story entry") if pk else _("New story entry"),
        },
    )


@require_http_methods(["GET", "POST"])
def talk_edit(request, pk: int | None = None):
    _coordinator(request)
    talk = get_object_or_404(Talk, pk=pk) if pk else Talk()
    form = TalkForm(request.POST or None, request.FILES or None, instance=talk)
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_save(
                actor=request.user, talk=form.instance, slides=form.cleaned_data.get("upload")
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "slides" in exc.error_dict:
                exc.error_dict["upload"] = exc.error_dict.pop("slides")
            _form_errors(form, exc)
        else:
            messages.success(request, _("The talk was saved."))
            return redirect("knowledge:story")
    return render(
        request,
        "knowledge/story_form.html",
        {
            "form": form,
            "multipart": True,
            "heading": _("Edit talk") if pk else _("New talk"),
        },
    )


# --- Wer weiß was? ---------------------------------------------------------------------------


@require_GET
def who_knows_what(request):
    query = request.GET.get("q", "")[:100]
    context = selectors.who_knows_what(query=query)
    context["query"] = query
    return render(request, "knowledge/who_knows_what.html", context)


@require_http_methods(["GET", "POST"])
def my_expertise(request):
    form = ExpertiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expertise_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your experience was added."))
            return redirect("knowledge:my_expertise")
    return render(
        request,
        "knowledge/my_expertise.html",
        {
            "form": form,
            "expertise": selectors.expertise_of(user=request.user),
        },
    )


@require_POST
def expertise_delete(request, pk: int):
    expertise = get_object_or_404(Expertise, pk=pk)
    services.expertise_delete(actor=request.user, expertise=expertise)
    messages.success(request, _("The entry was removed."))
    return redirect("knowledge:my_expertise")
