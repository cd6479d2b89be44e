"""Fixtures shared by the whole suite."""

import io
import os

import pytest
from django.core.management import call_command

from members.models import Membership, Municipality
from tests.members.factories import MembershipFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture
def reference_data(db):
    """The 17 real Kommunen (and whatever else load_reference_data loads)."""
    call_command("load_reference_data", stdout=io.StringIO())
    return {m.slug: m for m in Municipality.objects.all()}


@pytest.fixture
def detmold(reference_data) -> Municipality:
    return reference_data["detmold"]


@pytest.fixture
def lemgo(reference_data) -> Municipality:
    return reference_data["lemgo"]


@pytest.fixture
def detmold_cdo(detmold):
    return MembershipFactory(
        municipality=detmold,
        role=Membership.Role.CDO,
        user=UserFactory(email="cdo.detmold@example.org", full_name="Dana Demo"),
    ).user


@pytest.fixture
def lemgo_cdo(lemgo):
    return MembershipFactory(
        municipality=lemgo,
        role=Membership.Role.CDO,
        user=UserFactory(email="cdo.lemgo@example.org", full_name="Lars Entwurf"),
    ).user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", full_name="Ada Admin", is_staff=True,
                       is_superuser=True)  # fmt: skip


@pytest.fixture
def detmold_client(client, detmold_cdo):
    client.force_login(detmold_cdo)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's sync API keeps an event loop in the main thread
    for the rest of the session, which Django's async-safety check would see in later tests."""
    items.sort(key=lambda item: "/tests/browser/" in str(item.fspath).replace("\\", "/"))
