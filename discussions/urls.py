from django.urls import path

from discussions import views

app_name = "discussions"

urlpatterns = [
    path(
        "neu/<str:app_label>/<str:model_name>/<int:object_id>/",
        views.post_create,
        name="post_create",
    ),
    path("beitrag/<int:pk>/antworten/", views.reply_create, name="reply_create"),
    path("beitrag/<int:pk>/bearbeiten/", views.post_edit, name="post_edit"),
    path("beitrag/<int:pk>/loeschen/", views.post_delete, name="post_delete"),
    path("beitrag/<int:pk>/ausblenden/", views.post_hide, name="post_hide"),
    path("beitrag/<int:pk>/melden/", views.post_report, name="post_report"),
    path("beitrag/<int:pk>/als-antwort/", views.answer_mark, name="answer_mark"),
    path("vorschlaege/", views.suggest, name="suggest"),
]
