"""Offboarding: roles, project contacts and open Maßnahmen go to the successor in one step,
the account is anonymised, the network's records stay readable; admins only."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client

from members.models import Membership, User
from privacy import services
from privacy.models import Offboarding
from projects.models import StatusUpdate
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory, StatusUpdateFactory, TopicFactory
from tests.workshops.factories import ActionItemFactory, AttendanceFactory, MeetingFactory
from workshops.models import ActionItem, Attendance, CalendarFeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaving(detmold, detmold_cdo):
    """Dana, CDO of Detmold, with a project contact, an update, Maßnahmen, an answer, 2FA."""
    project = ProjectFactory(title="Digitalisierungsstrategie", topic=TopicFactory(), lead=detmold)
    project.contacts.add(detmold_cdo)
    StatusUpdateFactory(project=project, author=detmold_cdo, text="Workshop mit DETECON")
    meeting = MeetingFactory(title="Netzwerktreffen", host=detmold)
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold, title="Offen",
                      responsible_person=detmold_cdo)  # fmt: skip
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold, title="Erledigt",
                      responsible_person=detmold_cdo, status=ActionItem.Status.DONE)  # fmt: skip
    AttendanceFactory(meeting=meeting, user=detmold_cdo, response=Attendance.Response.ACCEPTED)
    EmailAddress.objects.get_or_create(user=detmold_cdo, email=detmold_cdo.email)
    Authenticator.objects.create(user=detmold_cdo, type=Authenticator.Type.TOTP, data={"s": 1})
    CalendarFeed.objects.create(user=detmold_cdo, token="geheim")
    session_client = Client()
    session_client.force_login(detmold_cdo)
    return project


@pytest.fixture
def successor(detmold):
    return MembershipFactory(
        municipality=detmold, role=Membership.Role.DEPUTY,
        user=UserFactory(email="stv.detmold@example.org", full_name="Nora Nachfolge"),
    ).user  # fmt: skip


def test_admin_offboards_a_cdo_to_a_successor(admin_client, detmold_cdo, successor, leaving):
    response = admin_client.post(
        "/verwaltung/offboarding/",
        {"person": detmold_cdo.pk, "successor": successor.pk, "confirm": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "ist ausgeschieden" in page and "1 Rolle" in page and "1 offene Maßnahme" in page

    person = User.objects.get(pk=detmold_cdo.pk)
    assert person.full_name == "ehemaliges Mitglied"
    assert person.email.endswith(".invalid") and "detmold" not in person.email
    assert not person.is_active and not person.has_usable_password()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert not any(
        str(s.get_decoded().get("_auth_user_id")) == str(person.pk) for s in Session.objects.all()
    )
    assert not person.history.filter(email="cdo.detmold@example.org").exists()
    # Roles, contacts and open Maßnahmen are the successor's now; done ones stay as they were.
    cdo = Membership.objects.get(municipality__slug="detmold", role=Membership.Role.CDO)
    assert cdo.user == successor
    assert list(leaving.contacts.all()) == [successor]
    assert ActionItem.objects.get(title="Offen").responsible_person == successor
    assert ActionItem.objects.get(title="Erledigt").responsible_person == person
    # The upcoming meeting is declined; the records stay and read "ehemaliges Mitglied".
    assert Attendance.objects.get(user=person).response == Attendance.Response.DECLINED
    update = StatusUpdate.objects.get(text="Workshop mit DETECON")
    assert str(update.author) == "ehemaliges Mitglied"
    project_page = admin_client.get(leaving.get_absolute_url())
    assert project_page.status_code == 200
    record = Offboarding.objects.get()
    assert (record.person, record.successor) == (person, successor)
    # The old account cannot log in any more.
    assert not Client().login(email="cdo.detmold@example.org", password="ikz-demo-2026")


def test_a_role_the_successor_already_has_is_dropped(admin_user, detmold, lemgo):
    person = MembershipFactory(municipality=lemgo, role=Membership.Role.STAFF).user
    successor = MembershipFactory(municipality=lemgo, role=Membership.Role.STAFF).user
    services.person_offboard(actor=admin_user, person=person, successor=successor)
    assert Membership.objects.filter(municipality=lemgo, role="staff").get().user == successor


def test_a_non_admin_cannot_offboard(detmold_client, lemgo_cdo, detmold_cdo):
    assert detmold_client.get("/verwaltung/offboarding/").status_code == 403
    response = detmold_client.post(
        "/verwaltung/offboarding/",
        {"person": lemgo_cdo.pk, "successor": detmold_cdo.pk, "confirm": "on"},
    )
    assert response.status_code == 403
    lemgo_cdo.refresh_from_db()
    assert lemgo_cdo.is_active and lemgo_cdo.full_name == "Lars Entwurf"
    with pytest.raises(PermissionDenied):
        services.person_offboard(actor=detmold_cdo, person=lemgo_cdo, successor=detmold_cdo)
    assert not Offboarding.objects.exists()


def test_same_person_or_no_confirmation_changes_nothing(admin_client, detmold_cdo):
    response = admin_client.post(
        "/verwaltung/offboarding/", {"person": detmold_cdo.pk, "successor": detmold_cdo.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nachfolge muss eine andere Person sein" in page
    detmold_cdo.refresh_from_db()
    assert detmold_cdo.is_active and detmold_cdo.full_name == "Dana Demo"


def test_admin_cannot_offboard_themselves(admin_user, detmold_cdo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.person_offboard(actor=admin_user, person=admin_user, successor=detmold_cdo)


def test_dashboard_links_admins_to_offboarding(admin_user, detmold_cdo):
    admin, cdo = Client(), Client()
    admin.force_login(admin_user)
    cdo.force_login(detmold_cdo)
    assert "/verwaltung/offboarding/" in admin.get("/").content.decode()
    assert "/verwaltung/offboarding/" not in cdo.get("/").content.decode()
