from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.csv", views.project_export, name="export"),
    path("neu/", views.project_create, name="create"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.project_edit, name="edit"),
    path("<slug:slug>/loeschen/", views.project_delete, name="delete"),
    path("<slug:slug>/mitmachen/", views.participation_join, name="join"),
    path("<slug:slug>/beteiligte/", views.participants, name="participants"),
    path(
        "<slug:slug>/beteiligte/<int:pk>/",
        views.participation_change,
        name="participation_change",
    ),
    path("<slug:slug>/zeitstrahl/neu/", views.update_create, name="update_create"),
    path("<slug:slug>/kosten/neu/", views.cost_item_create, name="cost_create"),
    path("<slug:slug>/kosten/<int:pk>/bearbeiten/", views.cost_item_edit, name="cost_edit"),
    path("<slug:slug>/kosten/<int:pk>/loeschen/", views.cost_item_delete, name="cost_delete"),
    path("<slug:slug>/kosten.csv", views.cost_export, name="cost_export"),
    path("<slug:slug>/wuensche/neu/", views.wish_create, name="wish_create"),
    path("<slug:slug>/wuensche/<int:pk>/", views.wish_edit, name="wish_edit"),
    path("<slug:slug>/wuensche/<int:pk>/unterstuetzen/", views.wish_support, name="wish_support"),
    path(
        "<slug:slug>/wuensche/<int:pk>/unterstuetzung-zurueckziehen/",
        views.wish_withdraw,
        name="wish_withdraw",
    ),
    path("<slug:slug>/dokumente/neu/", views.document_create, name="document_create"),
    path("<slug:slug>/dokumente/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/dokumente/<int:pk>/loeschen/", views.document_delete, name="document_delete"),
]
