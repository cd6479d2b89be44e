from django.urls import path

from legal import views

app_name = "legal"

urlpatterns = [
    path("impressum/", views.imprint, name="impressum"),
    path("datenschutz/", views.privacy, name="datenschutz"),
    path("barrierefreiheit/", views.accessibility, name="barrierefreiheit"),
]
