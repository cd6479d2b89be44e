from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    # Termine: meetings and the calendar
    path("termine/", views.event_list, name="event_list"),
    path("termine/neu/", views.meeting_create, name="meeting_create"),
    path("termine/kalender-abo/", views.calendar_feed_manage, name="calendar_feed_manage"),
    path("termine/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("termine/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("termine/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("termine/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path("termine/<int:pk>/protokoll/", views.meeting_minutes, name="meeting_minutes"),
    path("termine/<int:pk>/verlauf/", views.meeting_history, name="meeting_history"),
    path("termine/<int:pk>/teilnahme/", views.meeting_attendance, name="meeting_attendance"),
    path("termine/<int:pk>/absagen/", views.meeting_cancel, name="meeting_cancel"),
    path("termine/<int:pk>/folgetermin/", views.meeting_copy, name="meeting_copy"),
    path("termine/workshop-teil/<int:pk>.ics", views.session_ics, name="session_ics"),
    # Workshops
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/neu/", views.workshop_create, name="workshop_create"),
    path("workshops/massnahmen/", views.my_action_items, name="my_action_items"),
    path(
        "workshops/massnahmen/<int:pk>/status/",
        views.action_item_status,
        name="action_item_status",
    ),
    path("workshops/anhaenge/<int:pk>/", views.attachment_download, name="attachment_download"),
    path(
        "workshops/anhaenge/<int:pk>/loeschen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "workshops/anhaenge/neu/<str:kind>/<str:key>/",
        views.attachment_add,
        name="attachment_add",
    ),
    path("workshops/<slug:slug>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<slug:slug>/bearbeiten/", views.workshop_edit, name="workshop_edit"),
    path("workshops/<slug:slug>/ergebnisse/", views.workshop_results, name="workshop_results"),
    path("workshops/<slug:slug>/verlauf/", views.workshop_history, name="workshop_history"),
    path("workshops/<slug:slug>/teile/neu/", views.session_form, name="session_create"),
    path("workshops/<slug:slug>/teile/<int:pk>/", views.session_form, name="session_edit"),
    path(
        "workshops/<slug:slug>/teile/<int:pk>/absagen/",
        views.session_cancel,
        name="session_cancel",
    ),
]
