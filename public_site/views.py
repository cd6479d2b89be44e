"""Public pages (no login), open data, and the member pages of the publication settings.

Public pages are cached for anonymous visitors under the cache versions of public.cache and
answer conditional GETs (ETag, Last-Modified → 304); anonymous visitors are rate-limited
per address (PUBLIC_RATE_LIMIT, 429 with a page saying so).
"""

import csv
import functools
import io
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date, parse_http_date_safe, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from members.models import Municipality
from members.permissions import can_edit_municipality
from ozg.models import OzgService
from public_site import cache, dcat, search, selectors, services
from public_site.filters import PublicServiceFilter, PublicStatusFilter
from public_site.forms import ExceptionForm, PublicationForm, TokenForm
from public_site.models import ApiToken

PAGE_SIZE = 50


# --- Plumbing: rate limit, cache, conditional GET -------------------------------------------


def too_many_requests(request) -> HttpResponse:
    response = render(request, "public/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def rate_limited(request) -> bool:
    if request.user.is_authenticated:
        return False
    return is_ratelimited(
        request,
        group="public-pages",
        key="ip",
        rate=settings.PUBLIC_RATE_LIMIT,
        increment=True,
    )


def public_view(view):
    """No login, GET and HEAD only (crawlers and link checkers send HEAD), rate-limited for
    anonymous visitors."""

    @login_not_required
    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if rate_limited(request):
            return too_many_requests(request)
        return view(request, *args, **kwargs)

    return wrapper


def _not_modified(request, etag: str, modified: float) -> bool:
    match = request.headers.get("If-None-Match")
    if match:
        return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(modified) <= since


def cached(request, kind: str, names: tuple[str, ...], build) -> HttpResponse:
    """Answer from the cache when possible; `build()` makes (content, content_type, status,
    extra headers). Only answers with status 200 are cached."""
    versions = cache.versions(*names)
    key = cache.entry_key(kind, versions, request.get_full_path(), translation.get_language())
    etag = cache.etag_for(key)
    modified = max(versions)
    if _not_modified(request, etag, modified):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    anonymous = not request.user.is_authenticated
    entry = cache.get(key) if anonymous else None
    if entry is None:
        entry = build()
        if anonymous and entry[2] == 200:
            cache.put(key, entry)
    content, content_type, status, headers = entry
    response = HttpResponse(content, content_type=content_type, status=status)
    for name, value in headers.items():
        response[name] = value
    if status == 200:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = "public, max-age=60" if anonymous else "private, no-cache"
    return response


def _html(request, template: str, context: dict, status: int = 200):
    return (render_to_string(template, context, request=request), "text/html; charset=utf-8",
            status, {})  # fmt: skip


def _not_found(request):
    return _html(request, "public/404.html", {}, status=404)


# --- Pages ----------------------------------------------------------------------------------


@public_view
def start(request):
    def build():
        kommunen = selectors.municipalities()
        return _html(
            request,
            "public/start.html",
            {"kommunen": kommunen, "themenfelder": selectors.themenfelder()},
        )

    return cached(request, "start", cache.scope_names(), build)


@public_view
def find(request):
    """The start page's search form: to the Kommune's page, or to the service list."""
    slug = request.GET.get("kommune", "")
    query = request.GET.get("q", "")[:200]
    if slug:
        if not Municipality.objects.filter(slug=slug).exists():
            return render(request, "public/404.html", status=404)
        url = reverse("public:kommune", kwargs={"slug": slug})
    else:
        url = reverse("public:services")
    return redirect(f"{url}?q={query}" if query else url)


@public_view
def kommune(request, slug: str):
    def build():
        municipality = selectors.municipality_by_slug(slug)
        if municipality is None:
            return _not_found(request)
        (catalogue_version,) = cache.versions("catalogue")
        filterset = PublicStatusFilter(
            request.GET, queryset=selectors.status_queryset(municipality=municipality)
        )
        filterset.version = catalogue_version
        if not filterset.is_valid():
            return _html(
                request,
                "public/kommune.html",
                {"municipality": municipality, "filter": filterset, "page": None},
                status=400,
            )
        qs = filterset.qs.order_by("-maturity", "service__name")
        query = filterset.form.cleaned_data.get("q") or ""
        if query:  # ranked by the matcher: order in Python (a few rows)
            rows = selectors.status_rows(qs)
            ranked = search.search(query, version=catalogue_version) or []
            ids = dict(OzgService.objects.filter(pk__in=ranked).values_list("ozg_id", "pk"))
            position = {pk: i for i, pk in enumerate(ranked)}
            rows.sort(key=lambda r: position.get(ids.get(r["ozg_id"]), 10**6))
            page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
        else:  # COUNT and one page of rows in SQL
            page = Paginator(selectors.status_values(qs), PAGE_SIZE).get_page(
                request.GET.get("seite")
            )
            page.object_list = [selectors.row(v) for v in page.object_list]
        return _html(
            request,
            "public/kommune.html",
            {
                "municipality": municipality,
                "filter": filterset,
                "page": page,
                "summary": selectors.kommune_summary(municipality=municipality),
                "query": query,
                "total_services": selectors.active_service_count(),
            },
        )

    return cached(request, "kommune", cache.scope_names(kommune=slug), build)


@public_view
def services_list(request):
    def build():
        (catalogue_version,) = cache.versions("catalogue")
        filterset = PublicServiceFilter(request.GET, queryset=selectors.service_queryset())
        filterset.version = catalogue_version
        if not filterset.is_valid():
            return _html(
                request, "public/services.html", {"filter": filterset, "page": None}, status=400
            )
        services_ = list(filterset.qs)
        query = filterset.form.cleaned_data.get("q") or ""
        if query:
            ranked = search.search(query, version=catalogue_version) or []
            position = {pk: i for i, pk in enumerate(ranked)}
            services_.sort(key=lambda s: position.get(s.pk, 10**6))
        page = Paginator(services_, PAGE_SIZE).get_page(request.GET.get("seite"))
        selectors.attach_online_counts(page.object_list)
        return _html(
            request,
            "public/services.html",
            {"filter": filterset, "page": page, "query": query},
        )

    return cached(request, "services", cache.scope_names(), build)


@public_view
def service(request, ozg_id: str):
    def build():
        context = selectors.service_page(ozg_id=ozg_id)
        if context is None:
            return _not_found(request)
        return _html(request, "public/service.html", context)

    return cached(request, "service", cache.scope_names(), build)


@public_view
def progress(request):
    def build():
        return _html(request, "public/progress.html", selectors.progress())

    return cached(request, "progress", cache.scope_names(), build)


@public_view
def easy_language(request):
    return render(request, "public/leichte_sprache.html")


# --- Open data ------------------------------------------------------------------------------


@public_view
def data_index(request):
    def build():
        return _html(
            request,
            "public/data.html",
            {
                "kommunen": selectors.municipalities(),
                "fields": dcat.FIELD_DESCRIPTIONS,
                "license": dcat.license_info(),
            },
        )

    return cached(request, "data", cache.scope_names(), build)


def _rows_for(municipality: Municipality | None):
    qs = selectors.status_queryset(municipality=municipality)
    return selectors.status_rows(qs.order_by("municipality__name", "service__ozg_id"))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    fields = selectors.PUBLIC_STATUS_FIELDS
    writer = csv.writer(out, delimiter=";")
    writer.writerow(fields)
    writer.writerows([_cell(row[k]) for k in fields] for row in rows)
    return "\ufeff" + out.getvalue()


@public_view
def download(request, slug: str | None = None, fmt: str = "csv"):
    names = cache.scope_names(kommune=slug) if slug else cache.scope_names()

    def build():
        municipality = None
        if slug is not None:
            municipality = selectors.municipality_by_slug(slug)
            if municipality is None:
                return _not_found(request)
        with translation.override("de"):
            rows = _rows_for(municipality)
        filename = f"ozg-online-dienste-{slug or 'alle'}.{fmt}"
        headers = {
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Link": f'<{dcat.license_info()["url"]}>; rel="license"',
        }
        if fmt == "csv":
            return _csv(rows), "text/csv; charset=utf-8", 200, headers
        body = {
            "lizenz": dcat.license_info(),
            "quelle": settings.PORTAL_NAME,
            "felder": list(selectors.PUBLIC_STATUS_FIELDS),
            "daten": rows,
        }
        return json.dumps(body, ensure_ascii=False), "application/json", 200, headers

    return cached(request, f"download-{fmt}", names, build)


@public_view
def catalogue_jsonld(request):
    def build():
        body = dcat.catalogue(request, selectors.municipalities())
        return (json.dumps(body, ensure_ascii=False, indent=2), "application/ld+json", 200, {})

    return cached(request, "dcat", cache.scope_names(), build)


@public_view
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Allow: /online-dienste/",
        "Allow: /api/v1/",
        "Allow: /impressum/",
        "Allow: /datenschutz/",
        "Allow: /barrierefreiheit/",
        "Disallow: /",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- Member side: release settings and API tokens -------------------------------------------


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def publication_edit(request, slug: str):
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_edit_municipality(request.user, municipality):
        raise PermissionDenied
    setting = selectors.publication_of(municipality)
    form = PublicationForm(
        request.POST if request.method == "POST" and "statuses_public_form" in request.POST
        else None,
        initial={"statuses_public": setting.statuses_public},
    )  # fmt: skip
    exception_form = ExceptionForm(
        request.POST if request.method == "POST" and "exception_form" in request.POST else None
    )
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            services.publication_setting_update(
                municipality=municipality,
                statuses_public=form.cleaned_data["statuses_public"],
                actor=request.user,
            )
            messages.success(request, _("The publication setting was saved."))
            return redirect("public:publication_edit", slug=slug)
        if exception_form.is_bound and exception_form.is_valid():
            data = exception_form.cleaned_data
            services.publication_exception_set(
                municipality=municipality,
                service=data["service"],
                public={"show": True, "hide": False, "remove": None}[data["mode"]],
                actor=request.user,
            )
            messages.success(request, _("The exception was saved."))
            return redirect("public:publication_edit", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "public/publication_edit.html",
        {
            "municipality": municipality,
            "setting": setting,
            "form": form,
            "exception_form": exception_form,
            "exceptions": selectors.exceptions_of(municipality),
        },
        status=status,
    )


@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the token a name (at most 100 characters)."))
        return redirect("members:profile")
    token, raw = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    return render(request, "public/token_created.html", {"token": token, "raw": raw})


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect(_safe_next(request, reverse("members:profile")))
