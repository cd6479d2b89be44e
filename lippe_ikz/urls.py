from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from lippe_ikz import views
from lippe_ikz.admin_setup import configure_admin_site
from public_site import views as public_views
from public_site.sitemaps import SITEMAPS

configure_admin_site(admin.site)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/sprache/", views.language_switch, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("legal.urls")),
    path("projekte/", include("projects.urls")),
    path("", include("workshops.urls")),
    path("ozg/", include("ozg.urls")),
    path("software/", include("landscape.urls")),
    path("", include("digests.urls")),
    path("", include("knowledge.urls")),
    path("suche/", include("search.urls")),
    path("benachrichtigungen/", include("notifications.urls")),
    path("diskussion/", include("discussions.urls")),
    path("", include("public_site.urls")),
    path("api/v1/", include("public_site.api.urls")),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", login_not_required(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("privacy.urls")),
]

handler403 = "lippe_ikz.views.error_403"
handler404 = "lippe_ikz.views.error_404"
handler500 = "lippe_ikz.views.error_500"
