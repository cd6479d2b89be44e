"""Query counts (issue 11 item 10): the unread count is at most one query per page, and the
notifications page, the "Ich folge" page and the dashboard panel do not grow with their rows."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import Activity, Notification, Visit
from tests.ozg.factories import OzgServiceFactory
from tests.projects.factories import ProjectFactory
from tests.workshops.factories import MeetingFactory


def fill(person, n):
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(recipient=person, kind=Notification.Kind.FOLLOWED_POST,
                     actor_name="Lars Entwurf", target_title=f"Projekt {i}",
                     url=f"/projekte/p-{i}/", thread_key=f"post:{i}")
        for i in range(n)
    )  # fmt: skip
    # Spread them over days, so that the page has several day groups.
    for i, pk in enumerate(
        Notification.objects.filter(recipient=person).values_list("pk", flat=True)
    ):
        if i % 50 == 0:
            Notification.objects.filter(pk__gte=pk, recipient=person).update(
                created_at=now - dt.timedelta(days=i // 50)
            )


def notification_queries(ctx):
    return [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"]]


@pytest.mark.parametrize("url_name", ["dashboard", "projects:list", "members:profile"])
def test_unread_count_costs_one_query_per_page(detmold_client, detmold_cdo, url_name):
    fill(detmold_cdo, 3)
    with CaptureQueriesContext(connection) as ctx:
        response = detmold_client.get(reverse(url_name))
    assert "3 ungelesene Benachrichtigungen" in response.content.decode()
    counts = [q for q in notification_queries(ctx) if "COUNT(" in q.upper()]
    assert len(counts) == 1


def test_no_count_query_without_a_logged_in_person(client, db):
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("account_login"))
    assert notification_queries(ctx) == []


@pytest.mark.parametrize("n", [10, 1000])
def test_notifications_page_has_a_fixed_query_count(detmold_client, detmold_cdo, n,
                                                    django_assert_max_num_queries):  # fmt: skip
    fill(detmold_cdo, n)
    with django_assert_max_num_queries(7):
        response = detmold_client.get(reverse("notifications:list"))
    html = response.content.decode()
    assert html.count('href="/benachrichtigungen/') >= min(n, 50)
    with django_assert_max_num_queries(7):
        detmold_client.get(reverse("notifications:list") + "?seite=2")


@pytest.mark.parametrize("n", [1, 12])
def test_following_page_has_a_fixed_query_count(detmold_client, detmold_cdo, detmold, n,
                                                django_assert_max_num_queries):  # fmt: skip
    for _ in range(n):
        services.follow(user=detmold_cdo, obj=ProjectFactory(lead=detmold))
        services.follow(user=detmold_cdo, obj=OzgServiceFactory())
        services.follow(user=detmold_cdo, obj=MeetingFactory(host=detmold))
    with django_assert_max_num_queries(9):
        response = detmold_client.get(reverse("notifications:following"))
    assert response.content.decode().count("Nicht mehr folgen") == 3 * n


@pytest.mark.parametrize("n", [2, 40])
def test_new_since_last_visit_panel_has_a_fixed_query_count(
    rf, detmold_cdo, detmold, lemgo_cdo, n, django_assert_max_num_queries
):
    project = ProjectFactory(lead=detmold)
    services.follow(user=detmold_cdo, obj=project)
    fill(detmold_cdo, n)
    for _ in range(n):
        services.activity_record(verb="post", target=project, actor=lemgo_cdo)
        services.activity_record(verb="ozg_status", target=OzgServiceFactory(), actor=lemgo_cdo,
                                 municipality=detmold)  # fmt: skip
    request = rf.get("/")
    request.user = detmold_cdo
    config = apps.get_app_config("notifications")
    config.dashboard_panels(request)  # the very first visit creates the person's row
    Visit.objects.filter(person=detmold_cdo).update(
        last_seen_at=timezone.now() - dt.timedelta(days=1)
    )
    request.user = type(detmold_cdo).objects.get(pk=detmold_cdo.pk)  # no cached Kommunen
    # The visit (insert if missing, move on, read), the person's Kommunen, the notifications,
    # the activities.
    with django_assert_max_num_queries(6):
        [panel] = config.dashboard_panels(request)
    assert len(panel.context["notifications"]) == min(n, 10)
    assert len(panel.context["activities"]) == min(2 * n, 10)
    assert Activity.objects.count() == 2 * n
