"""The permission matrix: every denied write answers 403 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Membership
from projects.models import (
    CostItem,
    Document,
    Participation,
    Project,
    StatusUpdate,
    Wish,
    WishVote,
)
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import CostItemFactory, WishFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def snapshot(project):
    project.refresh_from_db()
    return (
        project.title, project.status, project.summary,
        sorted(project.participations.values_list("municipality_id", "role")),
        StatusUpdate.objects.count(), CostItem.objects.count(), Document.objects.count(),
        list(Wish.objects.values_list("status", "provider_answer")), Project.objects.count(),
        sorted(CostItem.objects.values_list("title", "amount", "allocation_key")),
        sorted(WishVote.objects.values_list("wish_id", "municipality_id")),
    )  # fmt: skip


@pytest.fixture
def setup(project, lemgo, provider, reference_data):
    cost = CostItemFactory(project=project)
    wish = WishFactory(project=project, provider=provider, municipality=lemgo)
    WishVote.objects.create(wish=wish, municipality=project.lead)  # Detmold supports it
    return {"project": project, "cost": cost, "wish": wish, "lage": reference_data["lage"]}


def _writes(setup, lemgo):
    """(name, url, data) for every write on a project."""
    p, slug = setup["project"], setup["project"].slug
    lemgo_part = p.participations.get(municipality=lemgo)
    part_url = f"/projekte/{slug}/beteiligte/{lemgo_part.pk}/"
    provider_id = setup["wish"].provider_id
    return {
        "edit": (f"/projekte/{slug}/bearbeiten/", {"title": "Gekapert", "summary": "x",
                                                   "topic": p.topic_id}),
        "delete": (f"/projekte/{slug}/loeschen/", {}),
        "update": (f"/projekte/{slug}/zeitstrahl/neu/", {"text": "x", "new_status": "paused"}),
        "cost": (f"/projekte/{slug}/kosten/neu/", {"title": "x", "kind": "licence",
                                                   "amount": "10", "recurrence": "one_off",
                                                   "allocation_key": "equal"}),
        "cost_edit": (f"/projekte/{slug}/kosten/{setup['cost'].pk}/bearbeiten/",
                      {"title": "x", "kind": "licence", "amount": "1", "recurrence": "one_off",
                       "allocation_key": "equal"}),
        "wish_withdraw": (f"/projekte/{slug}/wuensche/{setup['wish'].pk}/"
                          "unterstuetzung-zurueckziehen/", {"municipality": p.lead.pk}),
        "cost_delete": (f"/projekte/{slug}/kosten/{setup['cost'].pk}/loeschen/", {}),
        "participants": (f"/projekte/{slug}/beteiligte/", {"municipality": setup["lage"].pk,
                                                           "role": "participant"}),
        "role": (part_url, {f"p{lemgo_part.pk}-role": "lead"}),
        "remove": (part_url, {"action": "remove"}),
        "wish": (f"/projekte/{slug}/wuensche/neu/", {"title": "x", "provider": provider_id,
                                                     "municipality": lemgo.pk}),
        "wish_status": (f"/projekte/{slug}/wuensche/{setup['wish'].pk}/",
                        {"status": "rejected", "provider_answer": "Nein"}),
        "document": (f"/projekte/{slug}/dokumente/neu/",
                     {"title": "x", "file": SimpleUploadedFile("a.pdf", PDF)}),
    }  # fmt: skip


# Who is denied what (everything else is allowed for them).
MATRIX = {
    "outsider": {"edit", "delete", "update", "cost", "cost_edit", "cost_delete", "participants",
                 "role", "remove", "wish", "wish_status", "wish_withdraw", "document"},
    "lage": {"edit", "delete", "update", "cost", "cost_edit", "cost_delete", "participants",
             "role", "remove", "wish", "wish_status", "wish_withdraw", "document"},
    "lemgo": {"delete", "participants", "role", "wish_status", "wish_withdraw"},
}  # fmt: skip


@pytest.fixture
def people(lemgo_cdo, lage_cdo, outsider):
    return {"outsider": outsider, "lage": lage_cdo, "lemgo": lemgo_cdo}


@pytest.mark.parametrize(
    ("who", "action"), [(w, a) for w, actions in MATRIX.items() for a in sorted(actions)]
)
def test_denied_writes_answer_403_and_change_nothing(client, setup, people, lemgo, who, action):
    client.force_login(people[who])
    url, data = _writes(setup, lemgo)[action]
    before = snapshot(setup["project"])
    response = client.post(url, data)
    assert response.status_code == 403, f"{who} {action}: {response.status_code}"
    assert snapshot(setup["project"]) == before
    if action not in {"cost_delete", "remove", "role", "wish_withdraw"}:
        assert client.get(url).status_code in (403, 405)


def test_participant_edits_and_posts_updates(client, setup, lemgo_cdo, lemgo):
    client.force_login(lemgo_cdo)
    writes = _writes(setup, lemgo)
    for action in ("update", "cost", "cost_edit", "edit"):
        url, data = writes[action]
        data = {**data}
        if action == "edit":
            for prefix in ("links", "milestones", "awards"):
                data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        response = client.post(url, data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    project = setup["project"]
    project.refresh_from_db()
    assert project.title == "Gekapert" and project.status == "paused"


def test_lead_manages_roles_and_deletes(client, setup, detmold_cdo, lemgo):
    client.force_login(detmold_cdo)
    writes = _writes(setup, lemgo)
    url, data = writes["participants"]
    assert client.post(url, data).status_code == 302
    url, data = writes["wish_status"]
    assert client.post(url, data).status_code == 302
    assert Wish.objects.get().status == "rejected"
    url, data = writes["delete"]
    assert client.post(url, data).status_code == 302
    assert not Project.objects.exists()


def test_admin_does_everything(admin_client, setup, lemgo):
    url, data = _writes(setup, lemgo)["role"]
    assert admin_client.post(url, data).status_code == 302
    assert setup["project"].participations.get(role="lead").municipality == lemgo


def test_only_cdos_deputies_and_staff_create(client, outsider, detmold, topic):
    client.force_login(outsider)
    assert client.get("/projekte/neu/").status_code == 403
    assert client.post("/projekte/neu/", {"title": "x"}).status_code == 403
    deputy = MembershipFactory(municipality=detmold, role=Membership.Role.DEPUTY).user
    client.force_login(deputy)
    response = client.post(
        "/projekte/neu/",
        {"title": "Neues Projekt", "summary": "x", "topic": topic.pk,
         "lead_municipality": detmold.pk, "initial_status": "idea"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Project.objects.get().lead == detmold


def test_nobody_leads_for_a_kommune_they_do_not_belong_to(client, lemgo_cdo, detmold, topic):
    client.force_login(lemgo_cdo)
    response = client.post(
        "/projekte/neu/",
        {"title": "Fremd", "summary": "x", "topic": topic.pk, "lead_municipality": detmold.pk,
         "initial_status": "idea"},
    )  # fmt: skip
    assert response.status_code == 200  # not a valid choice
    assert not Project.objects.exists()


def test_every_member_reads_everything(client, setup, outsider):
    client.force_login(outsider)
    slug = setup["project"].slug
    assert client.get(f"/projekte/{slug}/").status_code == 200
    assert client.get("/projekte/").status_code == 200


def test_a_kommune_joins_with_a_role_and_leaves(client, setup, lage_cdo):
    client.force_login(lage_cdo)
    slug, lage = setup["project"].slug, setup["lage"]
    response = client.post(f"/projekte/{slug}/mitmachen/",
                           {"municipality": lage.pk, "role": "interested"})  # fmt: skip
    assert response.status_code == 302
    part = Participation.objects.get(municipality=lage)
    assert part.role == "interested"
    assert client.post(f"/projekte/{slug}/mitmachen/",
                       {"municipality": lage.pk, "role": "lead"}).status_code == 403  # fmt: skip
    response = client.post(f"/projekte/{slug}/beteiligte/{part.pk}/", {"action": "remove"})
    assert response.status_code == 302
    assert not Participation.objects.filter(municipality=lage).exists()


def test_staff_of_another_kommune_cannot_support_as_someone_else(client, setup, lemgo_cdo, detmold):
    client.force_login(lemgo_cdo)
    wish = setup["wish"]
    wish.votes.filter(municipality=detmold).delete()
    response = client.post(
        f"/projekte/{setup['project'].slug}/wuensche/{wish.pk}/unterstuetzen/",
        {"municipality": detmold.pk},
    )
    assert response.status_code == 302  # the form rejects a Kommune that is not one's own
    assert not wish.votes.filter(municipality=detmold).exists()


def test_people_without_kommune_cannot_support(client, setup, outsider):
    client.force_login(outsider)
    wish = setup["wish"]
    url = f"/projekte/{setup['project'].slug}/wuensche/{wish.pk}/unterstuetzen/"
    before = list(wish.votes.values_list("municipality_id", flat=True))
    assert client.post(url, {"municipality": 1}).status_code == 403
    assert list(wish.votes.values_list("municipality_id", flat=True)) == before


def test_inactive_member_cannot_write(client, setup, lemgo):
    user = UserFactory(is_active=True)
    MembershipFactory(user=user, municipality=lemgo, role=Membership.Role.STAFF)
    from projects.permissions import can_edit_project

    assert can_edit_project(user, setup["project"])
    user.is_active = False
    assert not can_edit_project(user, setup["project"])
