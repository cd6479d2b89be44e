from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("profil/datenexport/", views.export_request, name="export_request"),
    path(
        "profil/datenexport/<int:pk>/<str:token>/",
        views.export_download,
        name="export_download",
    ),
    path("verwaltung/offboarding/", views.offboarding, name="offboarding"),
]
