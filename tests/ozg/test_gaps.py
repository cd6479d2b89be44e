"""Bulk edit of many rows at once, the lead of a whole Themenfeld, the status import and the
status history (every path writes the change log)."""

import datetime as dt

import pytest
import tablib
from django.test import Client
from django.urls import reverse

from ozg.imports import StatusImportResource
from ozg.models import Assignment, OzgService, ServiceStatus, StatusChange
from ozg.services import StatusImportError, status_import, status_set

pytestmark = pytest.mark.django_db


def _statuses():
    return sorted(
        ServiceStatus.objects.values_list("municipality_id", "service_id", "maturity", "state")
    )


# --- Bulk edit: many rows, one submit ---------------------------------------------------------


def _bulk_data(services, values, **extra):
    data = {"save_all": "1", "services": [s.pk for s in services], **extra}
    for service, (maturity, state) in zip(services, values, strict=True):
        data[f"s{service.pk}-maturity"] = str(maturity)
        data[f"s{service.pk}-state"] = state
    return data


def test_bulk_edit_saves_many_rows_at_once_and_logs_each(detmold_client, detmold, detmold_cdo):
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"}) + "?themenfeld=familie-kind"
    page = detmold_client.get(url).content.decode()
    assert page.count('name="save_all"') == 2 and 'name="services"' in page
    services = list(OzgService.objects.filter(ozg_id__in=["10000", "10001", "10002"]))
    status_set(
        actor=detmold_cdo, municipality=detmold, service=services[2], maturity=1, state="planned"
    )
    data = _bulk_data(services, [(3, "online"), (2, "in_progress"), (1, "planned")], next=url)
    response = detmold_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    got = dict(
        ServiceStatus.objects.filter(municipality=detmold).values_list(
            "service__ozg_id", "maturity"
        )
    )
    assert got == {"10000": 3, "10001": 2, "10002": 1}
    # two changed rows, one unchanged: two new log entries (plus the first one)
    assert StatusChange.objects.filter(municipality=detmold).count() == 3
    assert StatusChange.objects.filter(municipality=detmold, changed_by=detmold_cdo).count() == 3


def test_bulk_edit_bad_input_saves_nothing_and_says_where(detmold_client, detmold):
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"})
    services = list(OzgService.objects.filter(ozg_id__in=["10000", "10001"]))
    before = _statuses()
    response = detmold_client.post(
        url, _bulk_data(services, [(3, "online"), (9, "online")]), follow=False
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "10001" in html and "Nichts wurde gespeichert" in html
    assert _statuses() == before
    response = detmold_client.post(url, {"save_all": "1", "services": ["x"]})
    assert response.status_code == 400 and _statuses() == before
    response = detmold_client.post(url, _bulk_data(services, [(3, "online"), (2, "vielleicht")]))
    assert response.status_code == 400 and _statuses() == before


def test_bulk_edit_denied_for_other_kommunen(client, lemgo_cdo, detmold):
    client.force_login(lemgo_cdo)
    services = list(OzgService.objects.filter(ozg_id__in=["10000", "10001"]))
    before = _statuses()
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"})
    response = client.post(url, _bulk_data(services, [(4, "online"), (4, "online")]))
    assert response.status_code == 403 and _statuses() == before


def test_bulk_edit_row_button_saves_only_its_row(detmold_client, detmold):
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"})
    services = list(OzgService.objects.filter(ozg_id__in=["10000", "10001"]))
    data = _bulk_data(services, [(2, "planned"), (4, "online")], service=services[1].pk)
    del data["save_all"]
    response = detmold_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="row-10001"' in response.content.decode()
    assert list(
        ServiceStatus.objects.filter(municipality=detmold).values_list(
            "service__ozg_id", "maturity"
        )
    ) == [("10001", 4)]


# --- Lead of a whole Themenfeld ---------------------------------------------------------------


def test_admin_assigns_the_lead_of_a_themenfeld(admin_client, detmold, lemgo, familie):
    assert "Familie" in admin_client.get(reverse("ozg:division")).content.decode()
    url = reverse("ozg:themenfeld_assignment_edit", kwargs={"slug": familie.slug})
    assert admin_client.get(url).status_code == 200
    data = {
        "lead": detmold.pk,
        "supporters": [lemgo.pk, detmold.pk],
        "notes": "Abstimmung im CDO-Netzwerk",
        "target_date": "2026-12-31",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assignment = Assignment.objects.get(themenfeld=familie)
    assert assignment.lead == detmold and list(assignment.supporters.all()) == [lemgo]
    assert assignment.target_date == dt.date(2026, 12, 31)
    # change it
    response = admin_client.post(url, {**data, "lead": lemgo.pk, "supporters": []})
    assert response.status_code == 302
    assert Assignment.objects.get(themenfeld=familie).lead == lemgo
    assert Assignment.objects.count() == 1
    # the service page now names the lead
    page = admin_client.get(reverse("ozg:service_detail", kwargs={"ozg_id": "10000"}))
    assert "Lemgo" in page.content.decode()


def test_themenfeld_lead_bad_input_and_non_admin(client, admin_client, detmold_cdo, lemgo, familie):
    url = reverse("ozg:themenfeld_assignment_edit", kwargs={"slug": familie.slug})
    response = admin_client.post(url, {"lead": "", "notes": "x", "target_date": "31.02.2026"})
    assert response.status_code == 400 and not Assignment.objects.exists()
    response = admin_client.post(url, {"lead": 999999})
    assert response.status_code == 400 and not Assignment.objects.exists()
    client.force_login(detmold_cdo)
    assert client.get(url).status_code == 403
    assert client.post(url, {"lead": lemgo.pk}).status_code == 403
    assert not Assignment.objects.exists()
    page = client.get(reverse("ozg:division")).content.decode()
    assert url not in page  # no edit link for non-admins


# --- Status import ----------------------------------------------------------------------------

HEADERS = ["kommune", "ozg_id", "maturity", "state", "online_since", "url", "loesung", "notes"]


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_status_import_goes_through_the_service_and_logs(admin_user, detmold, lemgo):
    status_set(
        actor=admin_user,
        municipality=detmold,
        service=OzgService.objects.get(ozg_id="10000"),
        maturity=1,
        state="planned",
    )
    data = _dataset(
        ["Detmold", "10000", "4", "online", "2025-03-01", "https://www.detmold.de/eg", "", "ok"],
        ["lemgo", "10001", 2.0, "In Umsetzung", "01.02.2025", "", "", ""],
    )
    status_import(actor=admin_user, dataset=data)
    detmold_status = ServiceStatus.objects.get(municipality=detmold, service__ozg_id="10000")
    assert (detmold_status.maturity, detmold_status.state) == (4, "online")
    assert detmold_status.online_since == dt.date(2025, 3, 1)
    lemgo_status = ServiceStatus.objects.get(municipality=lemgo, service__ozg_id="10001")
    assert (lemgo_status.maturity, lemgo_status.state) == (2, "in_progress")
    change = StatusChange.objects.filter(municipality=detmold).first()
    assert (change.old_maturity, change.new_maturity, change.changed_by) == (1, 4, admin_user)
    assert change.values["url"] == [None, "https://www.detmold.de/eg"]
    assert StatusChange.objects.count() == 3


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["Atlantis", "10000", "3", "online", "", "", "", ""], "Zeile 3"),
        (["Detmold", "99999", "3", "online", "", "", "", ""], "99999"),
        (["Detmold", "10001", "5", "online", "", "", "", ""], "0 bis 4"),
        (["Detmold", "10001", "-1", "online", "", "", "", ""], "Zeile 3"),
        (["Detmold", "10001", "3", "fertig", "", "", "", ""], "fertig"),
        (["Detmold", "10001", "3", "online", "gestern", "", "", ""], "gestern"),
        (["Detmold", "10001", "3", "online", "", "kein link", "", ""], "Zeile 3"),
        (["Detmold", "10000", "1", "online", "", "", "", ""], "Zeile 2"),  # duplicate
    ],
)
def test_status_import_rejects_bad_files_and_writes_nothing(admin_user, detmold, row, expected):
    before = _statuses()
    with pytest.raises(StatusImportError) as exc:
        status_import(
            actor=admin_user,
            dataset=_dataset(["Detmold", "10000", "3", "online", "", "", "", ""], row),
        )
    text = " ".join(exc.value.messages)
    assert expected in text and "Zeile 3" in text
    assert _statuses() == before and not StatusChange.objects.exists()


def test_status_import_only_for_admins(detmold_cdo):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        status_import(
            actor=detmold_cdo,
            dataset=_dataset(["Detmold", "10000", "3", "online", "", "", "", ""]),
        )
    assert not ServiceStatus.objects.exists()


def test_admin_status_import_via_django_import_export(admin_client, admin_user, detmold):
    url = reverse("admin:ozg_servicestatus_import")
    page = admin_client.get(url)
    assert page.status_code == 200
    csv_text = "kommune,ozg_id,maturity,state\nDetmold,10000,3,online\nDetmold,10001,7,online\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("s.csv", csv_text.encode(), content_type="text/csv")
    response = admin_client.post(
        url, {"import_file": bad, "format": "0", "resource": "0"}, follow=True
    )
    html = response.content.decode()
    assert "0 bis 4" in html and not ServiceStatus.objects.exists()
    good = SimpleUploadedFile(
        "s.csv", b"kommune,ozg_id,maturity,state\nDetmold,10000,3,online\n", content_type="text/csv"
    )
    response = admin_client.post(url, {"import_file": good, "format": "0", "resource": "0"})
    assert response.status_code == 200 and not ServiceStatus.objects.exists()  # dry run only
    confirm = response.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:ozg_servicestatus_process_import"),
        dict(confirm.initial),
    )
    assert response.status_code == 302
    status = ServiceStatus.objects.get()
    assert status.maturity == 3 and status.updated_by == admin_user
    assert StatusChange.objects.get().changed_by == admin_user


def test_resource_columns_match_the_export():
    assert set(HEADERS) <= {f.column_name for f in StatusImportResource().get_import_fields()}


# --- History ----------------------------------------------------------------------------------


def test_every_path_logs_and_the_service_page_shows_the_history(
    admin_user, detmold_client, detmold_cdo, detmold
):
    admin_client = Client()
    admin_client.force_login(admin_user)
    service = OzgService.objects.get(ozg_id="10000")
    # portal form
    detmold_client.post(
        reverse("ozg:status_edit", kwargs={"ozg_id": "10000", "slug": "detmold"}),
        {"maturity": "1", "state": "planned", "url": "", "notes": "Start", "online_since": ""},
    )
    # bulk edit
    detmold_client.post(
        reverse("ozg:bulk_edit", kwargs={"slug": "detmold"}),
        _bulk_data([service], [(2, "in_progress")]),
    )
    # admin change form
    status = ServiceStatus.objects.get(municipality=detmold, service=service)
    response = admin_client.post(
        reverse("admin:ozg_servicestatus_change", args=[status.pk]),
        {
            "municipality": detmold.pk,
            "service": service.pk,
            "maturity": "3",
            "state": "online",
            "online_since": "2025-05-01",
            "url": "https://www.detmold.de/elterngeld",
            "solution": "",
            "notes": "Start",
        },
    )
    assert response.status_code == 302 and "/admin/ozg/servicestatus/" in response["Location"]
    # import
    status_import(
        actor=admin_user,
        dataset=_dataset(
            [
                "Detmold",
                "10000",
                "4",
                "online",
                "2025-05-01",
                "https://www.detmold.de/elterngeld",
                "",
                "Fertig",
            ]
        ),  # fmt: skip
    )
    changes = list(StatusChange.objects.filter(service=service).order_by("changed_at", "pk"))
    assert [(c.old_maturity, c.new_maturity) for c in changes] == [
        (None, 1),
        (1, 2),
        (2, 3),
        (3, 4),
    ]
    assert [c.changed_by for c in changes] == [detmold_cdo, detmold_cdo, admin_user, admin_user]
    assert changes[2].values["online_since"] == [None, "2025-05-01"]
    assert changes[3].values["notes"] == ["Start", "Fertig"]
    html = detmold_client.get(reverse("ozg:service_detail", kwargs={"ozg_id": "10000"}))
    html = html.content.decode()
    assert "Verlauf" in html and "Fertig" in html and "2 Formular-Assistent →" in html
    # statuses cannot be deleted in the admin (the history would go with them)
    response = admin_client.post(reverse("admin:ozg_servicestatus_delete", args=[status.pk]))
    assert response.status_code == 403 and ServiceStatus.objects.filter(pk=status.pk).exists()


def test_bulk_save_keeps_unrecorded_rows_unrecorded(detmold_client, detmold):
    url = reverse("ozg:bulk_edit", kwargs={"slug": "detmold"})
    services = list(OzgService.objects.filter(ozg_id__in=["10000", "10001"]))
    response = detmold_client.post(url, _bulk_data(services, [(0, "not_started"), (1, "planned")]))
    assert response.status_code == 302
    assert list(
        ServiceStatus.objects.filter(municipality=detmold).values_list("service__ozg_id", flat=True)
    ) == ["10001"]
