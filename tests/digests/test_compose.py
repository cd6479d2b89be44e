"""Composition per section and per preference, the watermark's edges, and the MIME structure."""

import datetime as dt

import pytest

from digests import services
from digests.models import DigestPreference
from digests.sections import all_sections, available_sections
from members.models import Membership
from tests.digests.conftest import berlin
from tests.digests.factories import DigestPreferenceFactory
from tests.members.factories import MembershipFactory, UserFactory

NOW = berlin(2026, 3, 9, 7, 0)


def keys(digest):
    return [section.key for section, _items in digest.sections]


@pytest.fixture
def newcomer(lemgo):
    membership = MembershipFactory(
        municipality=lemgo, user=UserFactory(full_name="Nora Neu"), role=Membership.Role.STAFF
    )
    Membership.objects.filter(pk=membership.pk).update(created_at=NOW - dt.timedelta(days=2))
    return membership.user


def test_every_section_is_available_with_all_apps_installed(db):
    assert [s.key for s in available_sections()] == [
        "meetings", "discussions", "my_action_items", "projects", "workshop_results", "ozg",
        "landscape_notices", "new_members", "knowledge_review",
    ]  # fmt: skip
    assert {s.key for s in all_sections()} == {s.key for s in available_sections()}


def test_new_members_section_with_absolute_link(detmold_cdo, newcomer):
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    assert keys(digest) == ["new_members"]
    item = digest.sections[0][1][0]
    assert item.title == "Nora Neu"
    assert item.url == "http://127.0.0.1:8000/kommunen/lemgo/"
    # The person never reads about themselves.
    own = services.compose_digest(person=newcomer, until=NOW)
    assert own.is_empty


def test_scope_mine_filters_other_kommunen(detmold_cdo, newcomer):
    DigestPreferenceFactory(person=detmold_cdo, scope=DigestPreference.Scope.MINE)
    assert services.compose_digest(person=detmold_cdo, until=NOW).is_empty


def test_unwanted_section_is_left_out(detmold_cdo, newcomer):
    DigestPreferenceFactory(person=detmold_cdo, sections=["projects"])
    assert services.compose_digest(person=detmold_cdo, until=NOW).is_empty


def test_watermark_edges(detmold_cdo, lemgo):
    """Half-open windows (since, until]: nothing falls between two digests, nothing twice."""
    at_watermark = MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Am Rand"))
    after = MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Danach"))
    at_until = MembershipFactory(municipality=lemgo, user=UserFactory(full_name="Am Ende"))
    watermark = NOW - dt.timedelta(days=7)
    Membership.objects.filter(pk=at_watermark.pk).update(created_at=watermark)
    Membership.objects.filter(pk=after.pk).update(created_at=watermark + dt.timedelta(seconds=1))
    Membership.objects.filter(pk=at_until.pk).update(created_at=NOW)
    DigestPreferenceFactory(person=detmold_cdo, watermark=watermark)
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    assert [i.title for i in digest.sections[0][1]] == ["Danach", "Am Ende"]
    following = services.compose_digest(person=detmold_cdo, since=NOW, until=NOW + dt.timedelta(7))
    assert following.is_empty


def test_language_follows_the_person(detmold_cdo, newcomer):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save()
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    message = services.build_message(person=detmold_cdo, digest=digest)
    assert message.subject.startswith("Weekly digest")
    assert "NEW IN THE NETWORK" in message.body
