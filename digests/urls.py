from django.urls import path

from digests import views

app_name = "digests"

urlpatterns = [
    path("digest/einstellungen/", views.preferences, name="preferences"),
    path("digest/vorschau/", views.preview, name="preview"),
    path("digest/vorschau/email/", views.preview_html, name="preview_html"),
    path("digest/test-senden/", views.send_test, name="send_test"),
    path("digest/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
