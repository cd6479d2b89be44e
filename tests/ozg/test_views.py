"""Pages: permissions over HTTP, filters, query counts at two sizes, exports parsed back."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from members.models import Municipality
from ozg.models import Assignment, FormTemplate, OzgService, ServiceStatus, StatusChange
from ozg.services import assignment_set, status_set
from tests.members.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def grow(n_extra_kommunen: int = 5) -> None:
    """A bigger network: more Kommunen and a status for every Kommune × service."""
    for _ in range(n_extra_kommunen):
        MunicipalityFactory()
    services = list(OzgService.objects.values_list("pk", flat=True)[:250])
    ServiceStatus.objects.bulk_create(
        [
            ServiceStatus(municipality_id=m, service_id=s, maturity=(m + s) % 5)
            for m in Municipality.objects.values_list("pk", flat=True)
            for s in services
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    for m in Municipality.objects.all()[:5]:
        Assignment.objects.create(service=OzgService.objects.get(ozg_id="10002"), lead=m) if (
            not Assignment.objects.filter(service__ozg_id="10002").exists()
        ) else None


PAGES = [
    ("ozg:catalogue", {}, ""),
    ("ozg:catalogue", {}, "?maturity=3&open=on&q=geld&themenfeld=familie-kind"),
    ("ozg:service_detail", {"ozg_id": "10000"}, ""),
    ("ozg:matrix", {}, "?themenfeld=familie-kind"),
    ("ozg:matrix", {}, "?themenfeld=alle"),
    ("ozg:progress", {}, ""),
    ("ozg:division", {}, ""),
    ("ozg:bulk_edit", {"slug": "detmold"}, "?themenfeld=alle"),
    ("members:municipality_detail", {"slug": "detmold"}, ""),
    ("dashboard", {}, ""),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES)
def test_query_count_does_not_grow_with_the_network(
    detmold_client,
    detmold,
    detmold_cdo,
    admin_user,
    django_assert_max_num_queries,
    name,
    kwargs,
    query,
):
    assignment_set(
        actor=admin_user, themenfeld=OzgService.objects.get(ozg_id="10000").themenfeld, lead=detmold
    )
    status_set(
        actor=detmold_cdo,
        municipality=detmold,
        service=OzgService.objects.get(ozg_id="10000"),
        maturity=3,
        state="online",
    )
    url = reverse(name, kwargs=kwargs) + query
    # (The dashboard carries every app's panels; notifications' bell and visit panel: 6;
    # discussions' open questions: 1; the "To do" of issue 15: 6.)
    with django_assert_max_num_queries(33 if name == "dashboard" else 27) as small:
        assert detmold_client.get(url).status_code == 200
    grow()
    with django_assert_max_num_queries(len(small.captured_queries)) as _big:
        assert detmold_client.get(url).status_code == 200


def test_catalogue_filters(detmold_client, detmold, detmold_cdo, lemgo, admin_user, familie):
    elterngeld = OzgService.objects.get(ozg_id="10000")
    status_set(
        actor=detmold_cdo, municipality=detmold, service=elterngeld, maturity=3, state="online"
    )
    assignment_set(actor=admin_user, themenfeld=familie, lead=lemgo)
    url = reverse("ozg:catalogue")

    def ids(query):
        response = detmold_client.get(url + query)
        return [s.ozg_id for s in response.context["page"].object_list], response

    found, response = ids("?themenfeld=familie-kind")
    assert len(found) == 37 and response.context["page"].paginator.count == 37
    assert ids("?q=Elterngeld")[0][0] == "10000"
    assert ids("?q=99041006013000")[0] == ["10000"]  # LeiKa key
    assert ids("?maturity=3")[0] == ["10000"]  # Detmold's status by default
    assert ids("?maturity=3&kommune=lemgo")[0] == []
    open_ids, _ = ids("?themenfeld=familie-kind&open=on")
    assert "10000" not in open_ids and len(open_ids) == 36
    assert ids("?state=online")[0] == ["10000"]
    lead_ids, _ = ids("?lead=lemgo")
    assert len(lead_ids) == 37
    assert ids("?lead=detmold")[0] == []
    lage = elterngeld.lebenslage_id
    assert "10000" in ids(f"?lebenslage={lage}")[0]
    page = detmold_client.get(url).content.decode()
    assert "Elterngeld" in page and "557" in page


def test_matrix_shows_number_and_text_and_exports_parse_back(detmold_client, detmold, detmold_cdo):
    elterngeld = OzgService.objects.get(ozg_id="10000")
    status_set(
        actor=detmold_cdo, municipality=detmold, service=elterngeld, maturity=4, state="online"
    )
    html = detmold_client.get(reverse("ozg:matrix") + "?themenfeld=familie-kind").content.decode()
    assert 'id="ozg-10000"' in html
    assert "4&nbsp;Transaktion" in html or "4&nbsp;Transaction" in html
    assert html.count('<th scope="row"') == 37

    response = detmold_client.get(reverse("ozg:matrix_csv") + "?themenfeld=familie-kind")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 37 and len(header) == 2 + 17
    detmold_col = header.index("Detmold")
    elterngeld_row = next(r for r in body if r[0] == "10000")
    assert elterngeld_row[1] == "Elterngeld" and elterngeld_row[detmold_col] == "4"
    assert elterngeld_row[header.index("Lemgo")] == ""

    response = detmold_client.get(reverse("ozg:matrix_xlsx") + "?themenfeld=alle")
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 557
    row = next(r for r in rows[1:] if r[0] == "10000")
    assert row[list(rows[0]).index("Detmold")] == 4


def test_status_edit_page_saves_and_logs(detmold_client, detmold, detmold_cdo):
    url = reverse("ozg:status_edit", kwargs={"ozg_id": "10000", "slug": "detmold"})
    assert detmold_client.get(url).status_code == 200
    response = detmold_client.post(
        url,
        {
            "maturity": "3",
            "state": "online",
            "online_since": "2025-06-01",
            "url": "www.detmold.de/elterngeld",
            "notes": "",
        },
    )
    assert response.status_code == 302
    status = ServiceStatus.objects.get(municipality=detmold, service__ozg_id="10000")
    assert status.maturity == 3 and status.url == "https://www.detmold.de/elterngeld"
    assert status.online_since == dt.date(2025, 6, 1)
    page = detmold_client.get(reverse("ozg:service_detail", kwargs={"ozg_id": "10000"}))
    assert "Wer hat es schon online?" in page.content.decode()


def test_bulk_edit_with_htmx_and_without_javascript(detmold_client, detmold):
    service = OzgService.objects.get(ozg_id="10000")
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"})
    page = detmold_client.get(url + "?themenfeld=familie-kind")
    assert page.status_code == 200 and 'hx-post="' in page.content.decode()
    data = {
        "service": service.pk,
        f"s{service.pk}-maturity": "2",
        f"s{service.pk}-state": "in_progress",
        "next": url + "?themenfeld=familie-kind",
    }
    response = detmold_client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("familie-kind")
    assert ServiceStatus.objects.get(municipality=detmold, service=service).maturity == 2
    data[f"s{service.pk}-maturity"] = "3"
    response = detmold_client.post(url, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(
        '<tr class="kern-table__row" id="row-10000"'
    )
    assert "3 – Online" in html
    assert StatusChange.objects.filter(municipality=detmold).count() == 2


def _state():
    return (
        list(ServiceStatus.objects.values_list("municipality_id", "service_id", "maturity")),
        list(Assignment.objects.values_list("lead_id", "notes")),
        FormTemplate.objects.count(),
    )


def test_permission_matrix_denies_with_403_and_changes_nothing(
    client, detmold, lemgo, lemgo_cdo, detmold_cdo, admin_user, familie
):
    assignment_set(actor=admin_user, themenfeld=familie, lead=detmold, notes="Start")
    service = OzgService.objects.get(ozg_id="10000")
    client.force_login(lemgo_cdo)  # Lemgo: member, but neither Detmold nor lead
    before = _state()
    denied = [
        ("get", reverse("ozg:status_edit", kwargs={"ozg_id": "10000", "slug": "detmold"}), {}),
        (
            "post",
            reverse("ozg:status_edit", kwargs={"ozg_id": "10000", "slug": "detmold"}),
            {"maturity": "4", "state": "online"},
        ),
        ("get", reverse("ozg:bulk_edit", kwargs={"slug": "detmold"}), {}),
        (
            "post",
            reverse("ozg:bulk_edit", kwargs={"slug": "detmold"}),
            {
                "service": service.pk,
                f"s{service.pk}-maturity": "4",
                f"s{service.pk}-state": "online",
            },
        ),
        ("get", reverse("ozg:assignment_edit", kwargs={"ozg_id": "10000"}), {}),
        (
            "post",
            reverse("ozg:assignment_edit", kwargs={"ozg_id": "10000"}),
            {"notes": "Übernommen", "lead": lemgo.pk},
        ),
        ("get", reverse("ozg:form_create", kwargs={"ozg_id": "10000"}), {}),
        (
            "post",
            reverse("ozg:form_create", kwargs={"ozg_id": "10000"}),
            {
                "title": "X",
                "kind": "form",
                "version": "1",
                "status": "draft",
                "link": "https://x.org",
            },
        ),
    ]
    for method, url, data in denied:
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert _state() == before
    # reading is allowed for every member
    for url in ["/ozg/", "/ozg/leistungen/10000/", "/ozg/matrix/", "/ozg/fortschritt/"]:
        assert client.get(url).status_code == 200

    # Detmold leads Familie & Kind: edits notes, but cannot reassign the lead
    client.force_login(detmold_cdo)
    url = reverse("ozg:assignment_edit", kwargs={"ozg_id": "10000"})
    response = client.post(
        url, {"notes": "Abgestimmt", "target_date": "2026-06-30", "lead": lemgo.pk}
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(themenfeld=familie)
    assert (assignment.lead, assignment.notes) == (detmold, "Abgestimmt")
    response = client.post(
        reverse("ozg:form_create", kwargs={"ozg_id": "10000"}),
        {
            "title": "Antrag",
            "kind": "form",
            "version": "1.0",
            "status": "draft",
            "link": "https://example.org/antrag.pdf",
        },
    )
    assert response.status_code == 302
    assert FormTemplate.objects.get().owner == detmold

    # admins assign the lead of a single service
    client.force_login(admin_user)
    response = client.post(
        url, {"lead": lemgo.pk, "supporters": [detmold.pk], "notes": "", "target_date": ""}
    )
    assert response.status_code == 302
    assert Assignment.objects.get(service=service).lead == lemgo


def test_admin_pages_and_catalogue_import(admin_client, catalogue):
    from ozg.reference import SERVICES_FILE

    for url in [
        "/admin/ozg/ozgservice/",
        "/admin/ozg/servicestatus/?reifegrad=3",
        "/admin/ozg/statuschange/",
        "/admin/ozg/assignment/",
        "/admin/ozg/formtemplate/",
        "/admin/ozg/solution/",
        "/admin/ozg/ozgservice/katalog-importieren/",
    ]:
        assert admin_client.get(url).status_code == 200, url
    lines = SERVICES_FILE.read_text(encoding="utf-8").splitlines()
    bad = "\n".join([*lines, lines[1]]).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/admin/ozg/ozgservice/katalog-importieren/",
        {"services_file": SimpleUploadedFile("s.csv", bad), "withdraw_missing": "on"},
    )
    assert "Zeile 559: doppelte OZG-ID 10000 (zuerst in Zeile 2)" in response.content.decode()
    assert OzgService.objects.filter(withdrawn_at__isnull=False).count() == 0
    good = "\n".join(lines[:-1]).encode()
    response = admin_client.post(
        "/admin/ozg/ozgservice/katalog-importieren/",
        {"services_file": SimpleUploadedFile("s.csv", good), "withdraw_missing": "on"},
    )
    assert response.status_code == 200
    assert OzgService.objects.filter(withdrawn_at__isnull=False).count() == 1
