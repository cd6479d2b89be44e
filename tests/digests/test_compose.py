"""Composition per section and per preference, the watermark's edges, and the MIME structure."""

import datetime as dt
import email
from email import policy

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from digests import services
from digests.models import DigestPreference
from digests.sections import all_sections, available_sections
from members.models import Membership
from tests.digests.conftest import FakeMeeting, FakeRecord, berlin
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


def test_sections_of_missing_apps_or_selectors_are_skipped(db):
    # ozg is not installed; projects and workshops lack the selectors of the other sections.
    assert [s.key for s in available_sections()] == ["my_action_items", "new_members"]
    assert {s.key for s in all_sections()} == {
        "meetings", "my_action_items", "projects", "workshop_results", "ozg", "new_members"
    }  # fmt: skip


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


def test_sections_of_other_apps_through_their_selectors(fake_apps, detmold_cdo):
    fake_apps["updates"] = [FakeRecord(1, "Bürgerserviceportal: in Umsetzung",
                                       NOW - dt.timedelta(days=1), "/projekte/bsp/")]  # fmt: skip
    fake_apps["results"] = [FakeRecord(2, "Ergebnis Workshop", NOW - dt.timedelta(days=2), "/w/2/")]
    fake_apps["actions"] = [
        FakeRecord(3, "Protokoll versenden", NOW, "/a/3/", due_date=dt.date(2026, 3, 1)),
        FakeRecord(4, "Umfrage", NOW, "/a/4/", due_date=dt.date(2026, 4, 1)),
    ]
    fake_apps["ozg"] = [FakeRecord(5, "Wohngeld: online", NOW - dt.timedelta(hours=3), "/ozg/5/")]
    fake_apps["meetings"] = [
        FakeMeeting(7, "CDO-Treffen", NOW + dt.timedelta(days=3)),
        FakeMeeting(8, "Workshop OZG", NOW + dt.timedelta(days=10)),
        FakeMeeting(9, "Zu spät", NOW + dt.timedelta(days=15)),
    ]
    fake_apps["accepted"] = {7}
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    assert keys(digest) == ["meetings", "my_action_items", "projects", "workshop_results", "ozg"]
    meetings = {s.key: items for s, items in digest.sections}["meetings"]
    assert [m.title for m in meetings] == ["CDO-Treffen", "Workshop OZG"]
    assert meetings[0].attachment.filename == "termin-7.ics" and meetings[1].attachment is None
    actions = {s.key: items for s, items in digest.sections}["my_action_items"]
    assert [a.flag for a in actions] == ["überfällig", ""]
    ozg_call = next(kw for name, kw in fake_apps["calls"] if name == "status_changes_between")
    assert ozg_call["municipality_ids"] == [detmold_cdo.memberships.get().municipality_id]
    project_call = next(kw for name, kw in fake_apps["calls"] if name == "status_updates_between")
    assert project_call["municipality_ids"] is None  # whole network by default


def test_scope_mine_is_passed_to_selectors(fake_apps, detmold_cdo, detmold):
    DigestPreferenceFactory(person=detmold_cdo, scope=DigestPreference.Scope.MINE)
    services.compose_digest(person=detmold_cdo, until=NOW)
    project_call = next(kw for name, kw in fake_apps["calls"] if name == "status_updates_between")
    assert project_call["municipality_ids"] == [detmold.pk]


def test_section_is_skipped_when_selector_is_missing(fake_apps, monkeypatch, detmold_cdo):
    import sys

    monkeypatch.delattr(sys.modules["projects.selectors"], "status_updates_between")
    assert "projects" not in [s.key for s in available_sections()]


def test_constant_queries_per_digest(fake_apps, detmold_cdo, lemgo, django_assert_num_queries):
    def count_for(n):
        for _ in range(n):
            MembershipFactory(municipality=lemgo)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            until = timezone.now() + dt.timedelta(minutes=1)
            digest = services.compose_digest(person=detmold_cdo, until=until)
            services.build_message(person=detmold_cdo, digest=digest, period="2026-W11")
        return len(ctx.captured_queries), digest.item_count

    small, items_small = count_for(2)
    large, items_large = count_for(20)
    assert items_large > items_small
    assert small == large <= 4


@override_settings(SITE_URL="https://ikz.example.org")
def test_mime_structure_parsed_back(fake_apps, detmold_cdo, newcomer):
    fake_apps["meetings"] = [FakeMeeting(7, "CDO-Treffen", NOW + dt.timedelta(days=3))]
    fake_apps["accepted"] = {7}
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    message = services.build_message(person=detmold_cdo, digest=digest, period="2026-W11")
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    body = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert body.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert "Wochenübersicht" in str(parsed["Subject"])
    html_text = html.get_content()
    assert '<html lang="de">' in html_text and "<h1" in html_text and "<h2" in html_text
    assert "https://ikz.example.org/termine/7/" in html_text
    assert "https://ikz.example.org/termine/7/" in body.get_content()
    assert "<img" not in html_text
    attachments = list(parsed.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["termin-7.ics"]
    assert attachments[0].get_content_type() == "text/calendar"
    ics = attachments[0].get_content()
    assert "BEGIN:VEVENT" in (ics if isinstance(ics, str) else ics.decode())
    unsubscribe = str(parsed["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://ikz.example.org/digest/abmelden/")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Message-ID"] == f"<digest.2026-W11.{detmold_cdo.pk}@ikz.example.org>"


def test_language_follows_the_person(detmold_cdo, newcomer):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save()
    digest = services.compose_digest(person=detmold_cdo, until=NOW)
    message = services.build_message(person=detmold_cdo, digest=digest)
    assert message.subject.startswith("Weekly digest")
    assert "NEW IN THE NETWORK" in message.body
