import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Municipality

pytestmark = pytest.mark.django_db

HEADER = "ags,name,kind,population,population_date,area_km2,website,source\n"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/members/municipality/",
        "/admin/members/municipality/?kind__exact=stadt",
        "/admin/members/user/",
        "/admin/members/user/?q=detmold",
        "/admin/members/membership/",
        "/admin/members/user/einladen/",
        "/admin/legal/legalpage/",
        "/admin/legal/accessibilityfeedback/",
        "/admin/members/municipality/export/",
        "/admin/members/municipality/import/",
    ],
)
def test_admin_pages_load(admin_client, detmold_cdo, url):
    assert admin_client.get(url).status_code == 200


def test_admin_change_pages_and_history_load(admin_client, detmold, detmold_cdo):
    assert admin_client.get(f"/admin/members/municipality/{detmold.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/members/municipality/{detmold.pk}/history/").status_code == 200
    assert admin_client.get(f"/admin/members/user/{detmold_cdo.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/members/user/{detmold_cdo.pk}/history/").status_code == 200


def _import(admin_client, content: str):
    upload = SimpleUploadedFile("kommunen.csv", content.encode(), content_type="text/csv")
    return admin_client.post(
        "/admin/members/municipality/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )


def test_admin_import_rejects_a_bad_file_with_line_number(admin_client, reference_data):
    before = list(Municipality.objects.values_list("ags", "population"))
    response = _import(
        admin_client,
        HEADER
        + "05766020,Detmold,Stadt,74000,2023-12-31,129.39,www.detmold.de,x\n"
        + "05766020,Detmold II,Stadt,1,2023-12-31,1,www.x.de,x\n",
    )
    html = response.content.decode()
    assert "Zeile 3" in html
    assert list(Municipality.objects.values_list("ags", "population")) == before


def test_admin_import_accepts_a_good_file_for_confirmation(admin_client, reference_data):
    response = _import(
        admin_client, HEADER + "05766020,Detmold,Stadt,74000,2023-12-31,129.39,www.detmold.de,x\n"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "confirm" in html.lower() or "bestätigen" in html.lower()
