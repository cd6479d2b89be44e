"""Each section composed from real objects of its app, per preference (section off, scope),
and the query count of one digest with every section populated at two network sizes."""

import datetime as dt
import email
from email import policy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from digests import services
from digests.models import DigestPreference
from ozg.models import Assignment, ServiceStatus, StatusChange
from tests.digests.factories import DigestPreferenceFactory
from tests.members.factories import MembershipFactory, UserFactory
from tests.ozg.factories import OzgServiceFactory, ServiceStatusFactory, ThemenfeldFactory
from tests.projects.factories import ProjectFactory, StatusUpdateFactory
from tests.workshops.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    SessionFactory,
    WorkshopFactory,
)
from workshops.models import ActionItem, EventStatus

MINE = DigestPreference.Scope.MINE


@pytest.fixture
def now():
    return timezone.now()


def compose(person, now, **kwargs):
    return services.compose_digest(person=person, until=now + dt.timedelta(seconds=1), **kwargs)


def section(digest, key):
    return {s.key: items for s, items in digest.sections}.get(key)


def titles(digest, key):
    return [item.title for item in section(digest, key) or []]


def status_change(*, municipality, service, when, old=1, new=3):
    status = ServiceStatus.objects.filter(municipality=municipality, service=service).first()
    status = status or ServiceStatusFactory(municipality=municipality, service=service)
    return StatusChange.objects.create(
        status=status, municipality=municipality, service=service, old_maturity=old,
        new_maturity=new, old_state="planned", new_state="online", changed_at=when,
    )  # fmt: skip


# --- projects ---------------------------------------------------------------------------------


def test_projects_section_with_scope(detmold_cdo, detmold, lemgo, now):
    own = ProjectFactory(title="Bürgerserviceportal", lead=detmold)
    other = ProjectFactory(title="Glasfaser Lemgo", lead=lemgo)
    contact = ProjectFactory(title="Wir machen uns OZG-ready", lead=lemgo)
    contact.contacts.add(detmold_cdo)
    StatusUpdateFactory(project=own, created_at=now - dt.timedelta(days=1), new_status="operation")
    StatusUpdateFactory(project=other, created_at=now - dt.timedelta(days=2))
    StatusUpdateFactory(project=contact, created_at=now - dt.timedelta(days=3))
    StatusUpdateFactory(project=own, created_at=now - dt.timedelta(days=9))  # before the window
    digest = compose(detmold_cdo, now)
    items = section(digest, "projects")
    assert [i.title for i in items] == [
        "Bürgerserviceportal", "Glasfaser Lemgo", "Wir machen uns OZG-ready"
    ]  # fmt: skip
    assert items[0].meta == "Im Betrieb"
    assert items[0].url.startswith(f"http://127.0.0.1:8000{own.get_absolute_url()}#update-")
    DigestPreferenceFactory(person=detmold_cdo, scope=MINE)
    assert titles(compose(detmold_cdo, now), "projects") == [
        "Bürgerserviceportal", "Wir machen uns OZG-ready"
    ]  # fmt: skip


# --- workshops: meetings ------------------------------------------------------------------------


def test_meetings_section_with_ics_for_accepted_and_scope(detmold_cdo, detmold, lemgo, now):
    accepted = MeetingFactory(title="CDO-Treffen", host=lemgo, start=now + dt.timedelta(days=3))
    AttendanceFactory(meeting=accepted, user=detmold_cdo)
    own = MeetingFactory(title="Jour fixe Detmold", host=detmold, start=now + dt.timedelta(days=5))
    MeetingFactory(title="Lemgo intern", host=lemgo, start=now + dt.timedelta(days=6))
    MeetingFactory(title="Abgesagt", host=lemgo, start=now + dt.timedelta(days=7),
                   status=EventStatus.CANCELLED)  # fmt: skip
    SessionFactory(workshop=WorkshopFactory(title="Digitalisierungsstrategie", organiser=detmold),
                   title="Teil 1", start=now + dt.timedelta(days=8))  # fmt: skip
    MeetingFactory(title="Zu spät", host=detmold, start=now + dt.timedelta(days=15))
    items = section(compose(detmold_cdo, now), "meetings")
    assert [i.title for i in items] == [
        "CDO-Treffen", "Jour fixe Detmold", "Lemgo intern", "Abgesagt",
        "Digitalisierungsstrategie: Teil 1",
    ]  # fmt: skip
    assert [i.flag for i in items] == ["zugesagt", "", "", "abgesagt", ""]
    assert items[0].attachment.filename == f"termin-{accepted.pk}.ics"
    assert b"BEGIN:VEVENT" in items[0].attachment.content
    assert [i.attachment for i in items[1:]] == [None] * 4
    assert items[1].url == f"http://127.0.0.1:8000{own.get_absolute_url()}"
    DigestPreferenceFactory(person=detmold_cdo, scope=MINE)
    assert titles(compose(detmold_cdo, now), "meetings") == [
        "CDO-Treffen", "Jour fixe Detmold", "Digitalisierungsstrategie: Teil 1"
    ]  # fmt: skip


# --- workshops: results and action items --------------------------------------------------------


def test_workshop_results_section_with_scope(detmold_cdo, detmold, lemgo, now):
    meeting = MeetingFactory(title="Netzwerktreffen März", host=detmold,
                             start=now - dt.timedelta(days=4))  # fmt: skip
    meeting.minutes_updated_at = now - dt.timedelta(days=3)
    meeting.save()
    workshop = WorkshopFactory(title="Stadt.Land.Digital", organiser=lemgo, results="Top 3")
    workshop.results_updated_at = now - dt.timedelta(days=2)
    workshop.save()
    ActionItemFactory(title="Umfrage versenden", meeting=meeting, responsible_municipality=lemgo)
    old = WorkshopFactory(title="Alt", organiser=detmold)
    old.results_updated_at = now - dt.timedelta(days=30)
    old.save()
    items = section(compose(detmold_cdo, now), "workshop_results")
    assert [(i.title, i.meta) for i in items] == [
        ("Netzwerktreffen März", "Protokoll"),
        ("Stadt.Land.Digital", "Ergebnisse"),
        ("Umfrage versenden", "Maßnahme aus Netzwerktreffen März"),
    ]
    DigestPreferenceFactory(person=detmold_cdo, scope=MINE)
    assert titles(compose(detmold_cdo, now), "workshop_results") == ["Netzwerktreffen März"]


def test_my_action_items_open_and_overdue(detmold_cdo, detmold, lemgo, now):
    today = timezone.localdate()
    ActionItemFactory(title="Später", responsible_municipality=detmold,
                      due_date=today + dt.timedelta(days=10))  # fmt: skip
    ActionItemFactory(
        title="Überfällig",
        responsible_municipality=lemgo,
        responsible_person=detmold_cdo,
        due_date=today - dt.timedelta(days=2),
    )
    ActionItemFactory(title="Erledigt", responsible_municipality=detmold,
                      status=ActionItem.Status.DONE)  # fmt: skip
    ActionItemFactory(title="Nicht meins", responsible_municipality=lemgo)
    items = section(compose(detmold_cdo, now), "my_action_items")
    assert [(i.title, i.flag) for i in items] == [("Überfällig", "überfällig"), ("Später", "")]


# --- ozg ------------------------------------------------------------------------------------


def test_ozg_section_own_kommune_and_led_services(detmold_cdo, detmold, lemgo, now):
    wohngeld = OzgServiceFactory(name="Wohngeld")
    led_by_field = OzgServiceFactory(name="Bauantrag", themenfeld=ThemenfeldFactory(name="Bauen"))
    other = OzgServiceFactory(name="Hundesteuer")
    Assignment.objects.create(service=wohngeld, lead=detmold)
    Assignment.objects.create(themenfeld=led_by_field.themenfeld, lead=detmold)
    status_change(municipality=detmold, service=other, when=now - dt.timedelta(days=1))
    status_change(municipality=lemgo, service=wohngeld, when=now - dt.timedelta(days=2))
    status_change(municipality=lemgo, service=led_by_field, when=now - dt.timedelta(days=3))
    status_change(municipality=lemgo, service=other, when=now - dt.timedelta(days=4))
    status_change(municipality=detmold, service=other, when=now - dt.timedelta(days=8))
    items = section(compose(detmold_cdo, now), "ozg")
    assert [i.title for i in items] == [
        "Bauantrag (Lemgo)", "Wohngeld (Lemgo)", "Hundesteuer (Detmold)"
    ]  # fmt: skip
    assert items[0].url == f"http://127.0.0.1:8000{led_by_field.get_absolute_url()}"
    assert "→" in items[0].meta
    # A person without a Kommune has no OZG section.
    assert section(compose(UserFactory(), now), "ozg") is None


# --- preferences over all sections ------------------------------------------------------------


def _populate(detmold_cdo, detmold, lemgo, now, n=1):
    """n of everything in every section, in the window."""
    for k in range(n):
        StatusUpdateFactory(project=ProjectFactory(lead=detmold), created_at=now)
        meeting = MeetingFactory(host=detmold, start=now + dt.timedelta(days=2, hours=k))
        AttendanceFactory(meeting=meeting, user=detmold_cdo)
        SessionFactory(workshop=WorkshopFactory(organiser=lemgo), start=now + dt.timedelta(days=3))
        ActionItemFactory(meeting=meeting, responsible_municipality=detmold)
        ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                          due_date=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
        workshop = WorkshopFactory(organiser=detmold)
        workshop.results_updated_at = now
        workshop.save()
        status_change(municipality=detmold, service=OzgServiceFactory(), when=now)
        MembershipFactory(municipality=lemgo)


ALL = ["meetings", "my_action_items", "projects", "workshop_results", "ozg", "new_members"]


def test_sections_switched_off(detmold_cdo, detmold, lemgo, now):
    _populate(detmold_cdo, detmold, lemgo, now)
    assert [s.key for s, _ in compose(detmold_cdo, now).sections] == ALL
    DigestPreferenceFactory(person=detmold_cdo, sections=["ozg", "meetings"])
    assert [s.key for s, _ in compose(detmold_cdo, now).sections] == ["meetings", "ozg"]


def test_a_missing_app_or_selector_leaves_the_rest(monkeypatch, detmold_cdo, detmold, lemgo, now):
    from django.apps import apps

    import ozg.selectors

    _populate(detmold_cdo, detmold, lemgo, now)
    monkeypatch.delattr(ozg.selectors, "status_changes_since")
    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda label: label != "projects" and real(label))
    keys = [s.key for s, _ in compose(detmold_cdo, now).sections]
    assert keys == ["meetings", "my_action_items", "workshop_results", "new_members"]


def test_constant_queries_per_digest_with_every_section(detmold_cdo, detmold, lemgo, now):
    def measure(n):
        _populate(detmold_cdo, detmold, lemgo, now, n)
        with CaptureQueriesContext(connection) as ctx:
            digest = compose(detmold_cdo, now, since=now - dt.timedelta(days=1))
            services.build_message(person=detmold_cdo, digest=digest, period="2026-W11")
        assert [s.key for s, _ in digest.sections] == ALL
        return len(ctx.captured_queries), digest.item_count

    small, items_small = measure(2)
    large, items_large = measure(12)
    assert items_large > items_small
    # One read per section: the section "Diskussionen" (notifications) added the 15th.
    assert small == large <= 15


@override_settings(SITE_URL="https://ikz.example.org")
def test_mime_structure_parsed_back(detmold_cdo, detmold, lemgo, now):
    meeting = MeetingFactory(title="CDO-Treffen", host=lemgo, start=now + dt.timedelta(days=3))
    AttendanceFactory(meeting=meeting, user=detmold_cdo)
    MembershipFactory(municipality=lemgo)
    digest = compose(detmold_cdo, now)
    message = services.build_message(person=detmold_cdo, digest=digest, period="2026-W11")
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    body = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert body.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert "Wochenübersicht" in str(parsed["Subject"])
    html_text = html.get_content()
    assert '<html lang="de">' in html_text and "<h1" in html_text and "<h2" in html_text
    link = f"https://ikz.example.org{meeting.get_absolute_url()}"
    assert link in html_text and link in body.get_content()
    assert "<img" not in html_text
    attachments = list(parsed.iter_attachments())
    assert [a.get_filename() for a in attachments] == [f"termin-{meeting.pk}.ics"]
    assert attachments[0].get_content_type() == "text/calendar"
    ics = attachments[0].get_content()
    assert "BEGIN:VEVENT" in (ics if isinstance(ics, str) else ics.decode())
    unsubscribe = str(parsed["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://ikz.example.org/digest/abmelden/")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Message-ID"] == f"<digest.2026-W11.{detmold_cdo.pk}@ikz.example.org>"
