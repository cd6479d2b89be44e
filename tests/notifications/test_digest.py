"""The digest's section "Diskussionen" (issue 11 item 5)."""

import datetime as dt

from django.utils import timezone

from digests import services as digest_services
from digests.forms import section_choices
from digests.sections import all_sections, available_sections
from digests.sections.notifications import DiscussionsSection
from notifications.models import Notification
from tests.notifications.test_views import make


def section_items(digest):
    return {s.key: items for s, items in digest.sections}.get("discussions", [])


def test_section_lists_unread_and_not_emailed_notifications_of_the_window(detmold_cdo, lemgo_cdo):
    now = timezone.now()
    shown = make(detmold_cdo, kind=Notification.Kind.FOLLOWED_POST, days_ago=1)
    make(detmold_cdo, days_ago=2, read=True)  # read in the portal
    make(detmold_cdo, days_ago=2, emailed_at=now)  # already emailed
    make(detmold_cdo, days_ago=20)  # before the window
    make(lemgo_cdo, days_ago=1)  # someone else's
    digest = digest_services.compose_digest(
        person=detmold_cdo, since=now - dt.timedelta(days=7), until=now
    )
    items = section_items(digest)
    assert [i.title for i in items] == [
        "Lars Entwurf hat einen neuen Beitrag in „E-Akte“ geschrieben"
    ]
    assert items[0].url == f"http://127.0.0.1:8000/benachrichtigungen/{shown.pk}/"
    section = next(s for s, _ in digest.sections if s.key == "discussions")
    assert section.title == "Diskussionen"


def test_section_has_a_toggle_in_the_digest_settings(db):
    assert "discussions" in [key for key, _label in section_choices()]
    assert "discussions" in [s.key for s in available_sections()]
    assert {s.key for s in all_sections()} == {s.key for s in available_sections()}


def test_bulk_prefetch_gives_the_same_items(detmold_cdo, lemgo_cdo):
    now = timezone.now()
    make(detmold_cdo, kind=Notification.Kind.PROJECT_STATUS, days_ago=1, detail="In Planung")
    make(lemgo_cdo, kind=Notification.Kind.MEETING_CANCELLED, days_ago=3)
    since = now - dt.timedelta(days=7)
    direct = {
        p.pk: section_items(digest_services.compose_digest(person=p, since=since, until=now))
        for p in (detmold_cdo, lemgo_cdo)
    }
    section = DiscussionsSection()
    prefetched = {"discussions": section.prefetch(
        municipality_ids_by_person={detmold_cdo.pk: [], lemgo_cdo.pk: []})}  # fmt: skip
    for person in (detmold_cdo, lemgo_cdo):
        digest = digest_services.compose_digest(person=person, since=since, until=now,
                                                prefetched=prefetched)  # fmt: skip
        assert [i.title for i in section_items(digest)] == [i.title for i in direct[person.pk]]
    assert direct[detmold_cdo.pk][0].title == (
        "Das Projekt „E-Akte“ hat jetzt den Status „In Planung“"
    )
