import pytest

from tests.members.factories import MembershipFactory, UserFactory
from tests.workshops.factories import MeetingFactory, WorkshopFactory


@pytest.fixture
def member(lemgo):
    """A member of another Kommune (Lemgo): reads everything, edits nothing of Detmold's."""
    return MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Mia Mitglied")).user


@pytest.fixture
def meeting(detmold):
    return MeetingFactory(host=detmold, title="Netzwerktreffen Mai")


@pytest.fixture
def workshop(detmold):
    return WorkshopFactory(organiser=detmold, title="Strategie-Workshop", slug="strategie")
