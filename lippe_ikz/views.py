"""Project-level views: dashboard, health check, language switch, error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from lippe_ikz.panels import dashboard_panels
from members import selectors as member_selectors


def dashboard(request):
    panels = dashboard_panels(request)
    return render(
        request,
        "dashboard.html",
        {
            "my_municipalities": member_selectors.municipalities_for_user(request.user),
            "overview": member_selectors.network_overview(),
            "todo_panels": [p for p in panels if p.slot == "todo"],
            "panels": [p for p in panels if p.slot != "todo"],
        },
    )


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return False, exc.__class__.__name__
    return True, "ok"


def _check_broker() -> tuple[bool, str]:
    if not settings.REDIS_URL:
        return True, "eager (no broker configured)"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except Exception as exc:  # noqa: BLE001
        return False, exc.__class__.__name__
    return True, "ok"


@login_not_required
@never_cache
@require_GET
def healthz(request):
    db_ok, db_detail = _check_database()
    broker_ok, broker_detail = _check_broker()
    healthy = db_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": {"ok": db_ok, "detail": db_detail},
            "broker": {"ok": broker_ok, "detail": broker_detail},
        },
        status=200 if healthy else 503,
    )


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@login_not_required
@require_POST
def language_switch(request):
    """Django's set_language, and for a logged-in person also their stored preference."""
    language = request.POST.get("language", "")
    if (
        request.user.is_authenticated
        and translation.check_for_language(language)
        and language in dict(settings.LANGUAGES)
    ):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return set_language(request)


@login_not_required
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def error_500(request):
    return render(request, "500.html", status=500)
