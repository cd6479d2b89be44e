from django.urls import path

from ozg import views

app_name = "ozg"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix.csv", views.matrix_export, {"fmt": "csv"}, name="matrix_csv"),
    path("matrix.xlsx", views.matrix_export, {"fmt": "xlsx"}, name="matrix_xlsx"),
    path("fortschritt/", views.progress, name="progress"),
    path("federfuehrung/", views.division, name="division"),
    path(
        "themenfelder/<slug:slug>/federfuehrung/",
        views.themenfeld_assignment_edit,
        name="themenfeld_assignment_edit",
    ),
    path("leistungen/<str:ozg_id>/", views.service_detail, name="service_detail"),
    path("leistungen/<str:ozg_id>/status/<slug:slug>/", views.status_edit, name="status_edit"),
    path("leistungen/<str:ozg_id>/federfuehrung/", views.assignment_edit, name="assignment_edit"),
    path("leistungen/<str:ozg_id>/formulare/neu/", views.form_edit, name="form_create"),
    path("leistungen/<str:ozg_id>/formulare/<int:pk>/", views.form_edit, name="form_edit"),
    path("leistungen/<str:ozg_id>/formulare/<int:pk>/datei/", views.form_file, name="form_file"),
    path(
        "leistungen/<str:ozg_id>/formulare/<int:pk>/uebernehmen/",
        views.form_adopt,
        name="form_adopt",
    ),
    path("kommunen/<slug:slug>/", views.bulk_edit, name="bulk_edit"),
]
