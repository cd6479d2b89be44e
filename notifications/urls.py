from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("alle-gelesen/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("folgen/", views.follow_toggle, name="follow"),
    path("folge-ich/", views.following, name="following"),
    path("folge-ich/<int:pk>/entfernen/", views.follow_delete, name="follow_delete"),
    path("einstellungen/", views.preferences, name="settings"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
