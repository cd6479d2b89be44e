"""The bell, the notifications page, following, settings and unsubscribing (items 4, 5, 9)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import selectors, services
from notifications.models import Follow, Notification, NotificationPreference
from tests.knowledge.factories import ArticleFactory
from tests.notifications.conftest import publish_post
from tests.ozg.factories import OzgServiceFactory
from tests.workshops.factories import MeetingFactory, WorkshopFactory

LIST = "/benachrichtigungen/"


def make(recipient, *, kind=Notification.Kind.MENTION, days_ago=0, read=False, **extra):
    n = Notification.objects.create(
        recipient=recipient, kind=kind, actor_name="Lars Entwurf", target_title="E-Akte",
        url="/projekte/e-akte/", thread_key="post:1", **extra,
    )  # fmt: skip
    when = timezone.now() - dt.timedelta(days=days_ago)
    Notification.objects.filter(pk=n.pk).update(created_at=when, read_at=when if read else None)
    n.refresh_from_db()
    return n


def test_bell_shows_the_unread_count_as_text(detmold_client, detmold_cdo):
    make(detmold_cdo)
    make(detmold_cdo)
    make(detmold_cdo, read=True)
    html = detmold_client.get(reverse("dashboard")).content.decode()
    assert 'href="/benachrichtigungen/"' in html
    assert "2 ungelesene Benachrichtigungen" in html
    assert 'portal-bell__count portal-bell__count--unread" aria-hidden="true">2<' in html


def test_page_groups_by_day_and_opening_marks_read(detmold_client, detmold_cdo):
    today = make(detmold_cdo)
    make(detmold_cdo, days_ago=1)
    old = make(detmold_cdo, days_ago=10)
    html = detmold_client.get(LIST).content.decode()
    assert ">Heute</h2>" in html and ">Gestern</h2>" in html
    assert timezone.localdate(old.created_at).strftime("%Y") in html
    assert "Lars Entwurf hat Sie in „E-Akte“ erwähnt" in html
    response = detmold_client.get(reverse("notifications:open", args=[today.pk]))
    assert response.status_code == 302 and response["Location"] == "/projekte/e-akte/"
    today.refresh_from_db()
    assert today.read_at is not None


def test_another_persons_notification_is_404_and_stays_unread(detmold_client, lemgo_cdo):
    theirs = make(lemgo_cdo)
    assert detmold_client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "E-Akte" not in detmold_client.get(LIST).content.decode()


def test_open_never_redirects_off_site(detmold_client, detmold_cdo):
    n = make(detmold_cdo)
    Notification.objects.filter(pk=n.pk).update(url="https://evil.example/")
    response = detmold_client.get(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == LIST


def test_mark_all_read_only_mine_and_only_by_post(detmold_client, detmold_cdo, lemgo_cdo):
    make(detmold_cdo)
    make(detmold_cdo)
    theirs = make(lemgo_cdo)
    url = reverse("notifications:mark_all_read")
    assert detmold_client.get(url).status_code == 405
    assert selectors.unread_count(detmold_cdo) == 2
    response = detmold_client.post(url, follow=True)
    assert "Alle Benachrichtigungen sind als gelesen markiert." in response.content.decode()
    assert selectors.unread_count(detmold_cdo) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("factory", ["project", "service", "meeting", "workshop", "article"])
def test_follow_button_on_every_followable_page(detmold_client, detmold_cdo, detmold, project,
                                                factory):  # fmt: skip
    obj = {
        "project": lambda: project,
        "service": lambda: OzgServiceFactory(name="Wohngeld"),
        "meeting": lambda: MeetingFactory(host=detmold),
        "workshop": lambda: WorkshopFactory(organiser=detmold),
        "article": lambda: ArticleFactory(municipality=detmold, created_by=detmold_cdo),
    }[factory]()
    page = detmold_client.get(obj.get_absolute_url()).content.decode()
    assert 'value="follow"' in page and f'name="item_id" value="{obj.pk}"' in page
    response = detmold_client.post(
        reverse("notifications:follow"),
        {"item_type": obj._meta.label_lower, "item_id": obj.pk, "action": "follow",
         "next": obj.get_absolute_url()},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == obj.get_absolute_url()
    assert selectors.is_following(user=detmold_cdo, obj=obj)
    page = detmold_client.get(obj.get_absolute_url()).content.decode()
    assert 'value="unfollow"' in page
    detmold_client.post(reverse("notifications:follow"),
                        {"item_type": obj._meta.label_lower, "item_id": obj.pk,
                         "action": "unfollow"})  # fmt: skip
    assert not selectors.is_following(user=detmold_cdo, obj=obj)


def test_follow_with_htmx_swaps_the_panel(detmold_client, detmold_cdo, project):
    response = detmold_client.post(
        reverse("notifications:follow"),
        {"item_type": "projects.project", "item_id": project.pk, "action": "follow"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert (
        'id="folgen"' in response.content.decode()
        and 'value="unfollow"' in response.content.decode()
    )


@pytest.mark.parametrize(
    "data",
    [
        {"item_type": "members.user", "item_id": "1"},  # not followable
        {"item_type": "projects.project", "item_id": "999999"},  # no such project
        {"item_type": "projects.project", "item_id": "x"},  # nonsense
        {},
    ],
)
def test_follow_bad_input_is_404_and_changes_nothing(detmold_client, data):
    assert detmold_client.post(reverse("notifications:follow"), data).status_code == 404
    assert not Follow.objects.exists()


def test_following_page_lists_and_unfollows_only_my_own(detmold_client, detmold_cdo, lemgo_cdo,
                                                       project):  # fmt: skip
    services.follow(user=detmold_cdo, obj=project)
    theirs = services.follow(user=lemgo_cdo, obj=project)
    html = detmold_client.get(reverse("notifications:following")).content.decode()
    assert "Bürgerserviceportal" in html and "Nicht mehr folgen" in html
    # A stranger's follow: 404, nothing changed.
    url = reverse("notifications:follow_delete", args=[theirs.pk])
    assert detmold_client.post(url).status_code == 404
    assert Follow.objects.filter(pk=theirs.pk).exists()
    mine = Follow.objects.get(user=detmold_cdo)
    response = detmold_client.post(reverse("notifications:follow_delete", args=[mine.pk]))
    assert response.status_code == 302
    assert not Follow.objects.filter(user=detmold_cdo).exists()


def test_settings_page_from_profile_and_list(detmold_client, detmold_cdo):
    settings_url = reverse("notifications:settings")
    assert settings_url in detmold_client.get(reverse("members:profile")).content.decode()
    assert settings_url in detmold_client.get(LIST).content.decode()
    response = detmold_client.post(settings_url, {"email_answer": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(person=detmold_cdo)
    assert (preference.email_mention, preference.email_answer) == (False, True)


def test_unsubscribe_one_click_per_kind(client, detmold_cdo):
    token = services.unsubscribe_token(person=detmold_cdo, kind="mention")
    url = reverse("notifications:unsubscribe", args=[token])
    assert client.get(url).status_code == 200  # GET changes nothing
    assert selectors.preference_for(detmold_cdo).email_mention is True
    assert client.post(url).status_code == 200  # RFC 8058: no session, no CSRF token
    preference = selectors.preference_for(detmold_cdo)
    assert (preference.email_mention, preference.email_answer) == (False, True)


def test_unsubscribe_with_a_forged_token_changes_nothing(client, detmold_cdo):
    token = services.unsubscribe_token(person=detmold_cdo, kind="mention")[:-2] + "xx"
    response = client.post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()
    # A digest token is not a notifications token.
    from digests.services import unsubscribe_token as digest_token

    bad = digest_token(person=detmold_cdo, kind="mention")
    assert client.post(reverse("notifications:unsubscribe", args=[bad])).status_code == 400


def test_anonymous_visitors_are_sent_to_login(client, detmold_cdo):
    n = make(detmold_cdo)
    for url in (LIST, reverse("notifications:open", args=[n.pk]),
                reverse("notifications:following"), reverse("notifications:settings")):  # fmt: skip
        assert client.get(url).status_code == 302
    n.refresh_from_db()
    assert n.read_at is None


def test_dashboard_shows_whats_new_since_the_previous_visit(detmold_client, detmold_cdo,
                                                           lemgo_cdo, project):  # fmt: skip
    services.follow(user=detmold_cdo, obj=project)
    # First visit: the last seven days.
    html = detmold_client.get(reverse("dashboard")).content.decode()
    assert "Neu seit Ihrem letzten Besuch" in html
    # An hour later someone posts where Detmold follows.
    from notifications.models import Visit

    Visit.objects.filter(person=detmold_cdo).update(
        last_seen_at=timezone.now() - dt.timedelta(hours=1)
    )
    publish_post(author=lemgo_cdo, target=project, body="Pilot startet im Mai")
    html = detmold_client.get(reverse("dashboard")).content.decode()
    assert "Lars Entwurf hat einen neuen Beitrag in „Bürgerserviceportal“ geschrieben" in html
    assert "Neuer Beitrag" in html  # the activity on the followed project
    visit = Visit.objects.get(person=detmold_cdo)
    assert visit.previous_visit_at is not None
    assert timezone.now() - visit.last_seen_at < dt.timedelta(minutes=1)
    # Ten minutes later: the same visit, nothing written.
    seen = visit.last_seen_at
    detmold_client.get(reverse("dashboard"))
    assert Visit.objects.get(person=detmold_cdo).last_seen_at == seen
