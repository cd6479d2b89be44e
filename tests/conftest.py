"""Fixtures shared by the whole suite."""

import io
import os
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction

from members.models import Membership, Municipality
from tests.members.factories import MembershipFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data (Kommunen, OZG catalogue, legal pages) once per test database.

    Every test runs in a transaction that is rolled back, so the rows stay for the next one;
    tests that need an empty database use the `empty_reference_data` fixture.
    """
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=io.StringIO())


@contextmanager
def shared_rows(django_db_blocker):
    """Rows that several tests of a class or module read, made once instead of per test.

    Use it in a class- or module-scoped fixture: `with shared_rows(django_db_blocker): <create
    rows>; yield`. The rows live in a transaction around the tests; each test's own
    transaction is a savepoint inside it, so what a test changes is still rolled back after
    it, and the shared rows are rolled back after the last test. Only for `db` tests (not
    `transactional_db`, whose flush would empty the tables under the open transaction).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def reference_data(db):
    """The 17 real Kommunen (and whatever else load_reference_data loads).

    Loaded once per session; reloaded only after a transactional test emptied the tables
    (on SQLite: the browser tests on PostgreSQL put the rows back themselves, see
    tests/browser/conftest.py).
    """
    if not Municipality.objects.exists():
        call_command("load_reference_data", stdout=io.StringIO())
    return {m.slug: m for m in Municipality.objects.all()}


@pytest.fixture
def empty_reference_data(db):
    """A database without reference rows, for tests of the loaders themselves."""
    from django.apps import apps

    for label in ("ozg", "projects", "legal", "members"):
        if not apps.is_installed(label):
            continue
        for model in reversed(list(apps.get_app_config(label).get_models())):
            model._base_manager.all().delete()


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
