from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("kommunen/", views.municipality_list, name="municipality_list"),
    path("kommunen/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("kommunen/<slug:slug>/bearbeiten/", views.municipality_edit, name="municipality_edit"),
    path("personen/", views.person_list, name="person_list"),
    path("profil/", views.profile, name="profile"),
]
