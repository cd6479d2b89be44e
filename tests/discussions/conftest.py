import pytest

from discussions import services
from members.models import Membership
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory


@pytest.fixture
def project(detmold):
    """A project led by Detmold (its Federführung answers questions)."""
    return ProjectFactory(title="Gemeinsame E-Akte", lead=detmold)


@pytest.fixture
def stranger(reference_data):
    """A member of another Kommune, neither author nor lead nor moderator."""
    return MembershipFactory(
        municipality=reference_data["blomberg"],
        role=Membership.Role.CDO,
        user=UserFactory(email="cdo.blomberg@example.org", full_name="Bea Beispiel"),
    ).user


@pytest.fixture
def coordinator(reference_data):
    return MembershipFactory(
        municipality=reference_data["kreis-lippe"],
        role=Membership.Role.KREIS_COORDINATION,
        user=UserFactory(email="koordination@example.org", full_name="Klara Kreis"),
    ).user


@pytest.fixture
def question(project, lemgo_cdo):
    return services.post_create(
        author=lemgo_cdo, target=project, body="Wie weit seid ihr?", is_question=True
    )


@pytest.fixture
def reply(question, detmold_cdo):
    return services.reply_create(author=detmold_cdo, parent=question, body="Fast fertig.")
