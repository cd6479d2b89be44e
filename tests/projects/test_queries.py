"""Query counts do not grow with the number of rows."""

import pytest

from members.models import Municipality
from projects.models import Participation
from tests.projects.factories import (
    CostItemFactory,
    ParticipationFactory,
    ProjectFactory,
    StatusUpdateFactory,
    WishFactory,
)

LIST_BOUND = 14
DETAIL_BOUND = 26


def _fill(project_count, towns, topic):
    for i in range(project_count):
        project = ProjectFactory(topic=topic, lead=towns[i % len(towns)])
        for town in towns[1 : 1 + project_count % 5 + 2]:
            if town != towns[i % len(towns)]:
                ParticipationFactory(project=project, municipality=town)
        StatusUpdateFactory(project=project)


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries(detmold_client, reference_data, topic, django_assert_max_num_queries, count):
    _fill(count, list(Municipality.objects.order_by("name")), topic)
    with django_assert_max_num_queries(LIST_BOUND):
        response = detmold_client.get("/projekte/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_detail_queries(detmold_client, project, provider, django_assert_max_num_queries, size):
    towns = list(Municipality.objects.exclude(project_participations__project=project))
    for town in towns[:size]:
        ParticipationFactory(
            project=project, municipality=town, role=Participation.Role.PARTICIPANT
        )
    for i in range(size):
        StatusUpdateFactory(project=project, text=f"Update {i}")
        CostItemFactory(
            project=project, title=f"Posten {i}", allocation_key="population" if i % 2 else "equal"
        )
        wish = WishFactory(project=project, provider=provider, municipality=towns[0])
        wish.votes.create(municipality=towns[1])
    with django_assert_max_num_queries(DETAIL_BOUND):
        response = detmold_client.get(f"/projekte/{project.slug}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_and_kommune_page_queries(
    detmold_client, detmold, topic, django_assert_max_num_queries, count
):
    for _ in range(count):
        StatusUpdateFactory(project=ProjectFactory(topic=topic, lead=detmold))
    # Both pages also carry the panels of workshops, OZG and digests: a fixed number each;
    # the notifications' bell (1) and on the dashboard "Neu seit Ihrem letzten Besuch" (5);
    # discussions: open questions (1); the dashboard's "To do" of issue 15 (5).
    # The dashboard's network overview: 2.
    with django_assert_max_num_queries(30):
        assert detmold_client.get("/").status_code == 200
    with django_assert_max_num_queries(21):
        assert detmold_client.get("/kommunen/detmold/").status_code == 200
