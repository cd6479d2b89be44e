from django.urls import path

from public_site import views

app_name = "public"

urlpatterns = [
    path("online-dienste/", views.start, name="start"),
    path("online-dienste/suche/", views.find, name="find"),
    path("online-dienste/leistungen/", views.services_list, name="services"),
    path("online-dienste/leistungen/<str:ozg_id>/", views.service, name="service"),
    path("online-dienste/fortschritt/", views.progress, name="progress"),
    path("online-dienste/leichte-sprache/", views.easy_language, name="easy_language"),
    path("online-dienste/daten/", views.data_index, name="data"),
    path("online-dienste/daten/katalog.jsonld", views.catalogue_jsonld, name="dcat"),
    path("online-dienste/daten/alle.csv", views.download, {"fmt": "csv"}, name="download_all_csv"),
    path(
        "online-dienste/daten/alle.json", views.download, {"fmt": "json"}, name="download_all_json"
    ),
    path(
        "online-dienste/daten/<slug:slug>.csv", views.download, {"fmt": "csv"}, name="download_csv"
    ),
    path(
        "online-dienste/daten/<slug:slug>.json",
        views.download,
        {"fmt": "json"},
        name="download_json",
    ),
    path("online-dienste/<slug:slug>/", views.kommune, name="kommune"),
    # Member side (login required):
    path(
        "kommunen/<slug:slug>/veroeffentlichung/",
        views.publication_edit,
        name="publication_edit",
    ),
    path("profil/api-token/", views.token_create, name="token_create"),
    path("profil/api-token/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
]
