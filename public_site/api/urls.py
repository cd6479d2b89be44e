from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from public_site.api import views

app_name = "api"


def public(view):
    return login_not_required(view)


urlpatterns = [
    path("", public(views.Root.as_view()), name="root"),
    path("kommunen/", public(views.KommuneList.as_view()), name="kommunen"),
    path("kommunen/<slug:slug>/", public(views.KommuneDetail.as_view()), name="kommune"),
    path("leistungen/", public(views.LeistungList.as_view()), name="leistungen"),
    path("leistungen/<str:ozg_id>/", public(views.LeistungDetail.as_view()), name="leistung"),
    path("status/", public(views.StatusList.as_view()), name="status"),
    path("netzwerk/", public(views.NetzwerkList.as_view()), name="netzwerk"),
    path("termine/", public(views.TerminList.as_view()), name="termine"),
    path("schema/", public(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "dokumentation/",
        public(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="public/api_docs.html"
            )
        ),
        name="docs",
    ),
]
