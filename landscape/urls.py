from django.urls import path

from landscape import views

app_name = "landscape"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("produkte/<slug:slug>/", views.product_detail, name="product_detail"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix.csv", views.matrix_export, {"fmt": "csv"}, name="matrix_csv"),
    path("matrix.xlsx", views.matrix_export, {"fmt": "xlsx"}, name="matrix_xlsx"),
    path("beschaffung/", views.windows, name="windows"),
    path("beschaffung/<slug:kategorie>/vorhaben/", views.joint_project, name="joint_project"),
    path("export.csv", views.network_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.network_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("import/", views.network_import, name="import"),
    path("kommunen/<slug:slug>/", views.municipality, name="municipality"),
    path("kommunen/<slug:slug>/gemeinsamkeiten/", views.finder, name="finder"),
    path("kommunen/<slug:slug>/bearbeiten/", views.bulk_edit, name="bulk_edit"),
    path("kommunen/<slug:slug>/import/", views.municipality_import, name="municipality_import"),
    path(
        "kommunen/<slug:slug>/export.csv",
        views.municipality_export,
        {"fmt": "csv"},
        name="municipality_export_csv",
    ),
    path(
        "kommunen/<slug:slug>/export.xlsx",
        views.municipality_export,
        {"fmt": "xlsx"},
        name="municipality_export_xlsx",
    ),
]
