"""Query counts of the pages do not grow with their rows (two data sizes, same bound)."""

import pytest
from django.test.utils import CaptureQueriesContext

from tests.workshops.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    SessionFactory,
    WorkshopFactory,
    in_days,
)
from workshops.models import Attachment

pytestmark = pytest.mark.django_db


def fill(n, detmold, lemgo, meeting, workshop, user):
    for i in range(n):
        MeetingFactory(host=detmold if i % 2 else lemgo, start=in_days(i - n // 2, 10),
                       end=in_days(i - n // 2, 12))  # fmt: skip
        AttendanceFactory(meeting=meeting)
        SessionFactory(workshop=workshop, start=in_days(i + 1, 9), end=in_days(i + 1, 11))
        ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                          responsible_person=user if i % 2 else None)  # fmt: skip
        ActionItemFactory(meeting=None, workshop=workshop, responsible_municipality=lemgo)
        WorkshopFactory(organiser=detmold)
        for origin in ({"meeting": meeting}, {"workshop": workshop}):
            Attachment.objects.create(file=f"private/workshops/{i}.pdf", original_name=f"{i}.pdf",
                                      content_type="application/pdf", size=100,
                                      uploaded_by=user if i % 2 else None, **origin)  # fmt: skip
        meeting.agenda_items.create(position=i + 1, title=f"TOP {i}")


@pytest.mark.parametrize("n", [2, 12])
def test_pages_have_a_fixed_number_of_queries(
    detmold_client, detmold_cdo, detmold, lemgo, meeting, workshop, n,
    django_assert_max_num_queries,
):  # fmt: skip
    fill(n, detmold, lemgo, meeting, workshop, detmold_cdo)
    SessionFactory(workshop=workshop).attending_municipalities.set([detmold, lemgo])
    pages = {
        # Every page: + 1 for the unread count of the notifications bell in the header.
        "/termine/": 15,
        f"/termine/{meeting.pk}/": 18,  # + notifications: the follow button
        "/workshops/": 5,  # exact: parts counted in the database, no prefetch (was 6)
        f"/workshops/{workshop.slug}/": 18,  # + notifications: the follow button
        "/workshops/massnahmen/": 11,
        # + knowledge: articles due for review; the next digest slot from beat; notifications:
        # "Neu seit Ihrem letzten Besuch" (visit, notifications, activity);
        # discussions: open questions; the "To do" cards (replies, OZG upkeep, wishes)
        "/": 32,
        "/kommunen/detmold/": 21,  # + knowledge: checklists and model documents; publication
        f"/termine/{meeting.pk}/bearbeiten/": 13,
        f"/termine/{meeting.pk}/folgetermin/": 9,
    }
    for url, bound in pages.items():
        with django_assert_max_num_queries(bound):
            response = detmold_client.get(url)
        assert response.status_code == 200, url


def test_counts_are_equal_at_both_sizes(
    detmold_client, detmold_cdo, detmold, lemgo, meeting, workshop
):
    """Stronger than a bound: the exact count is the same with 2 and with 12 rows."""
    from django.db import connection

    urls = ["/termine/", f"/termine/{meeting.pk}/", "/workshops/", f"/workshops/{workshop.slug}/",
            "/workshops/massnahmen/", "/", f"/termine/{meeting.pk}/bearbeiten/",
            "/kommunen/detmold/"]  # fmt: skip
    counts = []
    # A first dashboard view records the visit; "Neu seit Ihrem letzten Besuch" reads the
    # activity since then only from the second view on. Both rounds count a repeat visit.
    detmold_client.get("/")
    for n in (2, 10):
        fill(n, detmold, lemgo, meeting, workshop, detmold_cdo)
        row = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                detmold_client.get(url)
            row.append(len(ctx))
        counts.append(row)
    assert counts[0] == counts[1]
