from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("wissen/", views.article_list, name="article_list"),
    path("wissen/neu/", views.article_create, name="article_create"),
    path("wissen/<slug:slug>/", views.article_detail, name="article_detail"),
    path("wissen/<slug:slug>/bearbeiten/", views.article_edit, name="article_edit"),
    path("wissen/<slug:slug>/versionen/", views.article_history, name="article_history"),
    path(
        "wissen/<slug:slug>/versionen/<int:number>/wiederherstellen/",
        views.article_restore,
        name="article_restore",
    ),
    path("wissen/<slug:slug>/geprueft/", views.article_review, name="article_review"),
    path("wissen/<slug:slug>/status/", views.article_status, name="article_status"),
    path("wissen/<slug:slug>/dateien/neu/", views.file_create, name="file_create"),
    path("wissen/<slug:slug>/dateien/<int:pk>/", views.file_download, name="file_download"),
    path("wissen/<slug:slug>/nutzung/", views.template_usage, name="template_usage"),
    path("wissen/<slug:slug>/uebernehmen/", views.adoption_create, name="adoption_create"),
    path("wissen/<slug:slug>/uebernahmen/", views.adoption_list, name="adoption_list"),
    path(
        "wissen/<slug:slug>/uebernahmen/<slug:kommune>/",
        views.adoption_detail,
        name="adoption_detail",
    ),
    path(
        "wissen/<slug:slug>/uebernahmen/<slug:kommune>/punkte/<int:item>/",
        views.adoption_tick,
        name="adoption_tick",
    ),
    path(
        "wissen/<slug:slug>/uebernahmen/<slug:kommune>/punkte/<int:item>/massnahme/",
        views.adoption_action,
        name="adoption_action",
    ),
    path("netzwerk/", views.story, name="story"),
    path("netzwerk/anfrage/", views.talk_request, name="talk_request"),
    path("netzwerk/anfragen/", views.talk_request_list, name="talk_request_list"),
    path("netzwerk/anfragen/<int:pk>/", views.talk_request_status, name="talk_request_status"),
    path("netzwerk/eintraege/neu/", views.story_entry_edit, name="story_entry_create"),
    path("netzwerk/eintraege/<int:pk>/", views.story_entry_edit, name="story_entry_edit"),
    path("netzwerk/vortraege/neu/", views.talk_edit, name="talk_create"),
    path("netzwerk/vortraege/<int:pk>/", views.talk_edit, name="talk_edit"),
    path("netzwerk/vortraege/<int:pk>/folien/", views.talk_slides, name="talk_slides"),
    path("wer-weiss-was/", views.who_knows_what, name="who_knows_what"),
    path("wer-weiss-was/meine/", views.my_expertise, name="my_expertise"),
    path("wer-weiss-was/meine/<int:pk>/loeschen/", views.expertise_delete, name="expertise_delete"),
]
