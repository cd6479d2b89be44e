"""The notifications app's part in the privacy duties: export, anonymisation, retention."""

import datetime as dt

from django.contrib import admin
from django.utils import timezone

from lippe_ikz import privacy
from notifications import services
from notifications.models import Activity, Follow, Notification, NotificationPreference
from tests.notifications.test_views import make


def test_export_holds_notifications_follows_and_settings(detmold_cdo, lemgo_cdo, project):
    make(detmold_cdo)
    make(lemgo_cdo)
    services.follow(user=detmold_cdo, obj=project)
    services.preference_update(person=detmold_cdo, data={"email_answer": False})
    parts = {p.name: p.rows for p in privacy.personal_data(detmold_cdo)["notifications"]}
    assert [r["target_title"] for r in parts["notifications"]] == ["E-Akte"]
    assert parts["follows"][0]["item"] == "Bürgerserviceportal"
    assert parts["notification_settings"][0]["email_answer"] is False


def test_retention_deletes_only_old_read_notifications(detmold_cdo, project, settings):
    settings.RETENTION_NOTIFICATIONS_DAYS = 180
    old_read = make(detmold_cdo, days_ago=200, read=True)
    old_unread = make(detmold_cdo, days_ago=200)
    recent_read = make(detmold_cdo, days_ago=10, read=True)
    old_activity = services.activity_record(verb="post", target=project)
    Activity.objects.filter(pk=old_activity.pk).update(
        created_at=timezone.now() - dt.timedelta(days=200)
    )
    services.activity_record(verb="post", target=project)
    deleted = privacy.apply_retention(now=timezone.now())
    assert deleted["notifications.notifications"] == 1
    assert deleted["notifications.activities"] == 1
    remaining = set(Notification.objects.values_list("pk", flat=True))
    assert remaining == {old_unread.pk, recent_read.pk}
    assert old_read.pk not in remaining


def test_anonymise_removes_the_persons_rows_and_name(detmold_cdo, lemgo_cdo, project, admin_user):
    make(detmold_cdo)
    theirs = make(lemgo_cdo, actor=detmold_cdo)
    services.follow(user=detmold_cdo, obj=project)
    services.preference_update(person=detmold_cdo, data={"email_answer": False})
    privacy.anonymise(person=detmold_cdo, actor=admin_user)
    assert not Notification.objects.filter(recipient=detmold_cdo).exists()
    assert not Follow.objects.filter(user=detmold_cdo).exists()
    assert not NotificationPreference.objects.filter(person=detmold_cdo).exists()
    theirs.refresh_from_db()
    assert (theirs.actor, theirs.actor_name) == (None, "")
    assert theirs.message.startswith("Ein ehemaliges Mitglied")


def test_admin_lists_the_models(admin_client, detmold_cdo):
    make(detmold_cdo)
    for model in (Notification, Follow, NotificationPreference, Activity):
        assert model in admin.site._registry
    response = admin_client.get("/admin/notifications/notification/")
    assert response.status_code == 200 and "E-Akte" in response.content.decode()
