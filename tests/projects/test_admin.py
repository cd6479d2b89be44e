"""The Django admin of the projects app: every model's pages load for admins, exports parse,
and members who are not staff are refused everywhere."""

import csv
import io
from decimal import Decimal
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from members.models import Municipality
from projects import services
from projects.models import (
    Award,
    CostItem,
    CostShare,
    Document,
    Milestone,
    Participation,
    Partner,
    Project,
    ProjectLink,
    StatusUpdate,
    Topic,
    Wish,
    WishVote,
)
from tests.conftest import shared_rows
from tests.members.factories import UserFactory
from tests.projects.factories import PartnerFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _project(admin, lead, title, topic, status, partners=()):
    return services.project_create(
        actor=admin, lead_municipality=lead, status=status, partners=partners,
        data={"title": title, "summary": "Gemeinsam.", "topic": topic},
    )  # fmt: skip


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    """Two projects with one record of every kind each; searches and filters find only A's.

    Made once for the module (41 tests read them; what a test changes is rolled back)."""
    with shared_rows(django_db_blocker):
        yield _records()


@pytest.fixture
def admin_client(client, records):
    client.force_login(records["admin"])
    return client


def _records():
    admin_user = UserFactory(email="admin@example.org", full_name="Ada Admin", is_staff=True,
                             is_superuser=True)  # fmt: skip
    detmold = Municipality.objects.get(slug="detmold")
    lemgo = Municipality.objects.get(slug="lemgo")
    portal = Topic.objects.get(name="Bürgerservice & Portale")  # reference data
    ozg = Topic.objects.get(name="OZG")
    regio = PartnerFactory(name="regio.IT", kind=Partner.Kind.IT_PROVIDER)
    detecon = PartnerFactory(name="DETECON", kind=Partner.Kind.CONSULTANCY)
    a = _project(admin_user, detmold, "Bürgerserviceportal", portal, "implementation", [regio])
    b = _project(admin_user, lemgo, "Wir machen uns OZG-ready", ozg, "idea", [detecon])
    services.participation_add(actor=admin_user, project=a, municipality=lemgo,
                               role=Participation.Role.PARTICIPANT)  # fmt: skip
    services.project_set_details(
        actor=admin_user, project=a,
        links=[{"title": "Portal Detmold", "url": "https://service.detmold.de"}],
        milestones=[{"title": "Pilot Detmold", "due_date": "2021-06-30", "reached": True}],
        awards=[{"title": "Top 3 Kooperationsprojekt", "year": 2021,
                 "awarded_by": "eGovernment-Wettbewerb"}],
    )  # fmt: skip
    services.project_set_details(
        actor=admin_user, project=b,
        links=[{"title": "OZG-Info", "url": "https://ozg.example.org"}],
        milestones=[{"title": "Katalog", "due_date": "2022-01-31", "reached": False}],
        awards=[{"title": "Anerkennung", "year": 2022, "awarded_by": ""}],
    )  # fmt: skip
    services.cost_item_create(
        actor=admin_user, project=a,
        data={"title": "Lizenz Portal", "kind": "licence", "amount": Decimal("1000"),
              "recurrence": "yearly", "allocation_key": "custom", "note": ""},
        percentages={detmold.pk: Decimal("60"), lemgo.pk: Decimal("40")},
    )  # fmt: skip
    services.cost_item_create(
        actor=admin_user, project=b,
        data={"title": "Workshop", "kind": "service", "amount": Decimal("500"),
              "recurrence": "one_off", "allocation_key": "custom", "note": ""},
        percentages={lemgo.pk: Decimal("100")},
    )  # fmt: skip
    wish = services.wish_create(actor=admin_user, project=a, municipality=detmold,
                                provider=regio, title="Single Sign-on")  # fmt: skip
    services.wish_support(actor=admin_user, wish=wish, municipality=lemgo)
    other = services.wish_create(actor=admin_user, project=b, municipality=lemgo, provider=regio,
                                 title="Formularservice")  # fmt: skip
    services.wish_set_status(actor=admin_user, wish=other, status="submitted", provider_answer="")
    services.document_add(actor=admin_user, project=a, title="Konzept Portal",
                          uploaded_file=SimpleUploadedFile("konzept.pdf", PDF))  # fmt: skip
    services.document_add(actor=admin_user, project=b, title="Foto",
                          uploaded_file=SimpleUploadedFile("foto.png", PNG))  # fmt: skip
    return {"a": a, "b": b, "portal": portal, "detmold": detmold, "lemgo": lemgo,
            "admin": admin_user}  # fmt: skip


# model → (search term, filter query, the object found) — each finds exactly one row.
def _cases(r):
    a, detmold, lemgo = r["a"], r["detmold"], r["lemgo"]
    return {
        Topic: ("Bürger", "projects__status__exact=implementation", r["portal"]),
        Partner: ("regio", "kind__exact=it_provider", Partner.objects.get(name="regio.IT")),
        Project: ("Bürgerservice", "status__exact=implementation", a),
        Participation: ("Bürgerservice", "role__exact=lead", a.participations.get(role="lead")),
        StatusUpdate: ("Bürgerservice", "new_status__exact=implementation", a.updates.get()),
        CostItem: ("Lizenz", "kind__exact=licence", a.cost_items.get()),
        CostShare: ("Lizenz", f"municipality__id__exact={detmold.pk}",
                    CostShare.objects.get(municipality=detmold)),
        Wish: ("Single", "status__exact=open", a.wishes.get()),
        WishVote: ("Single", f"municipality__id__exact={lemgo.pk}",
                   WishVote.objects.get(wish__project=a, municipality=lemgo)),
        Document: ("Konzept", "content_type__exact=application/pdf", a.documents.get()),
        ProjectLink: ("Portal", f"project__topic__id__exact={r['portal'].pk}", a.links.get()),
        Milestone: ("Pilot", f"project__topic__id__exact={r['portal'].pk}", a.milestones.get()),
        Award: ("Top 3", f"project__topic__id__exact={r['portal'].pk}", a.awards.get()),
    }  # fmt: skip


MODELS = [Topic, Partner, Project, Participation, StatusUpdate, CostItem, CostShare, Wish,
          WishVote, Document, ProjectLink, Milestone, Award]  # fmt: skip


def _base(model) -> str:
    return f"/admin/projects/{model._meta.model_name}/"


def _export_data(response, fmt: str) -> dict:
    """The export form's POST data: the chosen format, the first resource, all its fields."""
    form = response.context["form"]
    data = {"format": fmt, "resource": "0"}
    for name, field in form.fields.items():
        if getattr(field, "is_selectable_field", False) and field.resource_index == 0:
            data[name] = "on"
    return data


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_admin_changelist_searches_and_filters(admin_client, records, model):
    term, query, expected = _cases(records)[model]
    assert model.objects.count() >= 2
    total = model.objects.count()
    for params in ({"q": term}, query):
        qs = urlencode(params) if isinstance(params, dict) else params
        response = admin_client.get(f"{_base(model)}?{qs}")
        assert response.status_code == 200, response.get("Location")  # ?e=1 on a bad filter
        found = list(response.context["cl"].result_list)
        assert expected in found and len(found) < total
    response = admin_client.get(f"{_base(model)}?{query}&{urlencode({'q': term})}")
    assert list(response.context["cl"].result_list) == [expected]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_admin_add_change_and_history_pages_load(admin_client, records, model):
    obj = _cases(records)[model][2]
    add = admin_client.get(f"{_base(model)}add/")
    # Documents only arrive through the portal's checked upload form.
    assert add.status_code == (403 if model is Document else 200)
    change = admin_client.get(f"{_base(model)}{obj.pk}/change/")
    assert change.status_code == 200
    assert escape(str(obj)) in change.content.decode()
    history = admin_client.get(f"{_base(model)}{obj.pk}/history/")
    assert history.status_code == 200
    records_shown = history.context["page_obj"].object_list
    assert [r.history_type for r in records_shown][-1] == "+"  # the creation is recorded


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_admin_export_as_csv_and_xlsx(admin_client, records, model):
    url = f"{_base(model)}export/"
    form_page = admin_client.get(url)
    assert form_page.status_code == 200
    response = admin_client.post(url, _export_data(form_page, "0"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == model.objects.count()
    assert {str(pk) for pk in model.objects.values_list("pk", flat=True)} == {r["id"] for r in rows}
    response = admin_client.post(url, _export_data(form_page, "1"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == model.objects.count() + 1  # header + one row per record


def test_project_csv_export_carries_lead_participants_and_readable_status(admin_client, records):
    url = "/admin/projects/project/export/"
    response = admin_client.post(url, _export_data(admin_client.get(url), "0"))
    rows = {
        r["title"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    portal = rows["Bürgerserviceportal"]
    assert portal["lead"] == "Detmold"
    assert portal["status"] == "In Umsetzung"
    assert "Lemgo (Mitwirkung)" in portal["participants"]
    assert portal["topic"] == "Bürgerservice & Portale"


def test_admin_pages_are_refused_to_members_who_are_not_staff(client, detmold_cdo, records):
    client.force_login(detmold_cdo)
    for model in MODELS:
        obj = _cases(records)[model][2]
        for url in (_base(model), f"{_base(model)}add/", f"{_base(model)}{obj.pk}/change/",
                    f"{_base(model)}{obj.pk}/history/", f"{_base(model)}export/"):  # fmt: skip
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/"), url
        response = client.post(f"{_base(model)}export/", {"format": "0", "resource": "0"})
        assert response.status_code == 302
        assert not response.get("Content-Disposition")
    before = Project.objects.values_list("title", flat=True).order_by("title")
    response = client.post(f"/admin/projects/project/{records['a'].pk}/change/", {"title": "x"})
    assert response.status_code == 302
    assert list(Project.objects.values_list("title", flat=True).order_by("title")) == list(before)
