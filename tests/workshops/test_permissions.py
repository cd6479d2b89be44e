"""The permission matrix: every denied write answers 403 and changes nothing."""

import pytest

from tests.members.factories import UserFactory
from tests.workshops.factories import ActionItemFactory, SessionFactory
from workshops.models import ActionItem, Attachment, Meeting, Workshop, WorkshopSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_client(client, member):
    client.force_login(member)
    return client


def snapshot():
    return (
        list(Meeting.objects.values()),
        list(Workshop.objects.values()),
        list(WorkshopSession.objects.values()),
        list(ActionItem.objects.values()),
        Attachment.objects.count(),
    )


def denied_requests(meeting, workshop, session, item, detmold, lemgo):
    m, w = meeting.pk, workshop.slug
    return [
        ("get", f"/termine/{m}/bearbeiten/", {}),
        ("post", f"/termine/{m}/bearbeiten/", {"title": "Gekapert", "kind": "network",
                                                "host": detmold.pk, "start": "2030-01-01T10:00",
                                                "end": "2030-01-01T11:00",
                                                "agenda-TOTAL_FORMS": "0",
                                                "agenda-INITIAL_FORMS": "0"}),
        ("get", f"/termine/{m}/protokoll/", {}),
        ("post", f"/termine/{m}/protokoll/", {"minutes": "Gekapert", "decisions": ""}),
        ("post", f"/termine/{m}/absagen/", {}),
        ("post", f"/termine/{m}/folgetermin/", {"weeks": "2"}),
        ("post", f"/workshops/anhaenge/neu/meeting/{m}/", {}),
        ("get", f"/workshops/{w}/bearbeiten/", {}),
        ("post", f"/workshops/{w}/bearbeiten/", {"title": "Gekapert", "organiser": lemgo.pk,
                                                  "goal": "x"}),
        ("post", f"/workshops/{w}/ergebnisse/", {"results": "Gekapert"}),
        ("post", f"/workshops/{w}/teile/neu/", {"title": "X", "start": "2030-01-01T10:00",
                                                 "end": "2030-01-01T11:00"}),
        ("post", f"/workshops/{w}/teile/{session.pk}/", {"title": "Gekapert",
                                                          "start": "2030-01-01T10:00",
                                                          "end": "2030-01-01T11:00"}),
        ("get", f"/workshops/{w}/teile/{session.pk}/absagen/", {}),
        ("post", f"/workshops/{w}/teile/{session.pk}/absagen/", {}),
        ("post", f"/workshops/anhaenge/neu/workshop/{w}/", {}),
        ("post", f"/workshops/massnahmen/{item.pk}/status/", {"status": "done"}),
    ]  # fmt: skip


def test_member_of_another_kommune_gets_403_and_nothing_changes(
    other_client, meeting, workshop, detmold, lemgo
):
    session = SessionFactory(workshop=workshop)
    item = ActionItemFactory(meeting=meeting, responsible_municipality=detmold)
    before = snapshot()
    for method, url, data in denied_requests(meeting, workshop, session, item, detmold, lemgo):
        response = getattr(other_client, method)(url, data)
        assert response.status_code == 403, f"{method.upper()} {url}: {response.status_code}"
    assert snapshot() == before


def test_person_without_kommune_may_not_create(client, detmold):
    client.force_login(UserFactory())
    assert client.get("/termine/neu/").status_code == 403
    assert client.get("/workshops/neu/").status_code == 403
    response = client.post("/workshops/neu/", {"title": "X", "organiser": detmold.pk, "goal": "x"})
    assert response.status_code == 403
    assert not Workshop.objects.exists()


def test_member_cannot_create_for_a_kommune_not_theirs(other_client, detmold):
    response = other_client.post(
        "/termine/neu/",
        {"kind": "network", "title": "X", "host": detmold.pk, "start": "2030-01-01T10:00",
         "end": "2030-01-01T11:00", "agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0"},
    )  # fmt: skip
    # The host list offers only the member's own Kommunen: the choice is invalid.
    assert response.status_code == 200 and "host" in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["responsible_person", "responsible_kommune", "host", "admin"])
def test_allowed_status_updates(
    client, who, member, lemgo, detmold, detmold_cdo, admin_user, meeting
):
    item = ActionItemFactory(meeting=meeting, responsible_municipality=lemgo)
    actor = {"responsible_kommune": member, "host": detmold_cdo, "admin": admin_user}.get(who)
    if who == "responsible_person":
        actor = UserFactory()
        item.responsible_person = actor
        item.save()
    client.force_login(actor)
    response = client.post(f"/workshops/massnahmen/{item.pk}/status/", {"status": "in_progress"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_admin_edits_every_meeting(admin_client, meeting):
    assert admin_client.get(f"/termine/{meeting.pk}/bearbeiten/").status_code == 200
