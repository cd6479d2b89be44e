import shutil

import pytest

from members.models import Membership
from projects.models import Participation
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import (
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    TopicFactory,
)


@pytest.fixture(autouse=True)
def _private_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def topic(db):
    return TopicFactory(name="OZG", slug="ozg")


@pytest.fixture
def provider(db):
    return PartnerFactory(name="regio.IT")


@pytest.fixture
def project(detmold, lemgo, topic):
    """Led by Detmold, Lemgo takes part."""
    project = ProjectFactory(title="Wir machen uns OZG-ready", slug="ozg-ready", topic=topic,
                             lead=detmold)  # fmt: skip
    ParticipationFactory(project=project, municipality=lemgo, role=Participation.Role.PARTICIPANT)
    return project


@pytest.fixture
def lage_cdo(reference_data):
    return MembershipFactory(
        municipality=reference_data["lage"], role=Membership.Role.CDO,
        user=UserFactory(email="cdo.lage@example.org", full_name="Lea Vorlage"),
    ).user  # fmt: skip


@pytest.fixture
def outsider(db):
    """A logged-in person without a Kommune."""
    return UserFactory(email="gast@example.org", full_name="Gast Leser")
