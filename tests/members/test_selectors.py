"""Reads of the members app."""

import pytest

from members import selectors
from members.models import Membership, Municipality, User
from tests.members.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_network_overview_counts_towns_the_kreis_and_active_people(
    reference_data, detmold, lemgo, detmold_cdo, django_assert_num_queries
):
    both = UserFactory(full_name="Zwei Kommunen")
    MembershipFactory(user=both, municipality=detmold, role=Membership.Role.DEPUTY)
    MembershipFactory(user=both, municipality=lemgo, role=Membership.Role.CDO)
    gone = UserFactory(full_name="Nicht mehr da", is_active=False)
    third = Municipality.objects.exclude(pk__in=[detmold.pk, lemgo.pk]).exclude(kind="kreis")[0]
    MembershipFactory(user=gone, municipality=third, role=Membership.Role.CDO)
    UserFactory(full_name="Ohne Kommune")
    kreis = Municipality.objects.get(kind=Municipality.Kind.KREIS)

    with django_assert_num_queries(2):
        overview = selectors.network_overview()

    assert overview == {
        "municipality_count": 16,
        "population": kreis.population,
        "population_date": kreis.population_date,
        "people_count": 2,  # Dana Demo and "Zwei Kommunen" (once); not the inactive one
        "cdo_count": 3,  # memberships as CDO, the inactive person's included as before
    }
    assert overview["people_count"] == (
        User.objects.filter(is_active=True, memberships__isnull=False).distinct().count()
    )


def test_network_overview_without_a_kreis_adds_up_the_towns(reference_data):
    Municipality.objects.filter(kind=Municipality.Kind.KREIS).delete()
    towns = Municipality.objects.all()
    overview = selectors.network_overview()
    assert overview["population"] == sum(m.population for m in towns)
    assert overview["population_date"] is None
    assert overview["municipality_count"] == towns.count() == 16
