"""A citizen's and a developer's journey through the public part, anonymously, as issue 13
asks: from the public start page find "Wohngeld" for Lügde, see that it is online and follow
the link where to apply; download the CSV and parse it back; call the API without and with a
member's personal token (created on the profile page). axe-core checks every page on the way;
the public pages are also checked at 360 px (no sideways scrolling) and in print.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.cache import cache

from members.models import Municipality
from ozg.models import OzgService, ServiceStatus
from public_site.models import PublicationSetting
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

APPLY_URL = "https://www.luegde.example/buergerservice/wohngeld"


@pytest.fixture
def luegde_released(reference_data, detmold):
    """Lügde releases its statuses, Wohngeld is online there; Detmold releases nothing and has
    a private Wohngeld status with a note."""
    cache.clear()  # cache versions live in the process; rows were flushed by the last test
    luegde = Municipality.objects.get(slug="luegde")
    wohngeld = OzgService.objects.get(ozg_id="10092")
    PublicationSetting.objects.create(municipality=luegde, statuses_public=True)
    ServiceStatus.objects.create(
        municipality=luegde,
        service=wohngeld,
        maturity=3,
        state="online",
        online_since=dt.date(2024, 4, 2),
        url=APPLY_URL,
        notes="interne Notiz",
    )
    ServiceStatus.objects.create(
        municipality=detmold,
        service=wohngeld,
        maturity=4,
        state="online",
        url="https://www.detmold.example/intern",
        notes="interne Notiz",
    )
    yield luegde
    cache.clear()


def test_citizen_finds_wohngeld_in_luegde_and_downloads_the_csv(page, live_server, luegde_released):
    # The start page, anonymously; the header leads to Leichte Sprache.
    visit(page, f"{live_server.url}/online-dienste/")
    assert page.title() == "Online-Dienste Ihrer Kommune finden – Online-Dienste im Kreis Lippe"
    header = page.get_by_role("banner")
    header.get_by_role("link", name="Leichte Sprache").click()
    page.wait_for_url("**/online-dienste/leichte-sprache/")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Online-Dienste in Leichter Sprache"
    page.go_back()

    # Search: Kommune Lügde, "Wohngeld".
    page.get_by_label("Ihre Kommune").select_option(label="Lügde")
    page.get_by_role("main").get_by_label("Was suchen Sie?").fill("Wohngeld")
    page.get_by_role("button", name="Suchen", exact=True).click()
    page.wait_for_url("**/online-dienste/luegde/?q=Wohngeld")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Online-Dienste von Lügde"
    row = page.get_by_role("row").filter(has_text="Wohngeld").first
    assert "Online" in row.inner_text() and "3 – Online-Leistung" in row.inner_text()
    assert "2024-04-02" in row.inner_text()
    apply = row.get_by_role("link", name="Online beantragen: Wohngeld")
    assert apply.get_attribute("href") == APPLY_URL

    # Follow the link where to apply (answered locally: the test never leaves the machine).
    page.route(
        f"{APPLY_URL}*",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body="<!DOCTYPE html><html lang='de'><title>Wohngeld</title><h1>Antrag</h1></html>",
        ),
    )
    apply.click()
    page.wait_for_url(APPLY_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Antrag"
    page.go_back()
    page.wait_for_url("**/online-dienste/luegde/?q=Wohngeld")

    # The service page: which Kommunen of the Kreis offer it.
    page.get_by_role("link", name="Wohngeld", exact=True).click()
    page.wait_for_url("**/online-dienste/leistungen/10092/")
    check_a11y(page)
    assert "Online beantragen in Lügde" in page.content()
    assert "detmold.example" not in page.content()  # Detmold did not release
    page.go_back()

    # Download the CSV and parse it back.
    with page.expect_download() as download:
        page.get_by_role("link", name="Stände von Lügde als CSV herunterladen").click()
    assert download.value.suggested_filename == "ozg-online-dienste-luegde.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [(r["kommune_name"], r["ozg_id"], r["online"], r["link"]) for r in rows] == [
        ("Lügde", "10092", "true", APPLY_URL)
    ]
    assert "interne Notiz" not in text

    # The other public pages: progress, open data, services, API documentation.
    for path in [
        "/online-dienste/fortschritt/",
        "/online-dienste/daten/",
        "/online-dienste/leistungen/?q=Hund+anmelden",
        "/barrierefreiheit/",
    ]:
        visit(page, f"{live_server.url}{path}")

    # The API documentation, checked after Swagger UI has drawn the endpoints.
    page.goto(f"{live_server.url}/api/v1/dokumentation/")
    page.locator(".opblock-summary").first.wait_for()
    page.locator("#operations-tag-status").wait_for()
    assert page.get_by_role("heading", level=1).count() == 1
    check_a11y(page)


def test_developer_calls_the_api_without_and_with_a_personal_token(
    page, browser, live_server, luegde_released, detmold_cdo
):
    anonymous = browser.new_context()
    try:
        api = anonymous.request
        answer = api.get(f"{live_server.url}/api/v1/status/?kommune=luegde")
        assert answer.status == 200
        rows = answer.json()["results"]
        assert [(r["ozg_id"], r["online"], r["link"]) for r in rows] == [("10092", True, APPLY_URL)]
        public = api.get(f"{live_server.url}/api/v1/status/?ozg_id=10092").json()["results"]
        assert [r["kommune_slug"] for r in public] == ["luegde"]  # Detmold's stays private
        assert api.get(f"{live_server.url}/api/v1/status/?page_size=100000").status == 400

        # A member creates a personal token on the profile page.
        login(page, live_server, detmold_cdo.email, PASSWORD)
        page.wait_for_url(f"{live_server.url}/")
        visit(page, f"{live_server.url}/profil/")
        page.get_by_label("Name des Tokens").fill("Dashboard des Kreises")
        page.get_by_role("button", name="Token erstellen").click()
        page.wait_for_url("**/profil/api-token/")
        check_a11y(page)
        raw = page.get_by_label("Token „Dashboard des Kreises“").input_value()
        assert raw.startswith("ikz_")

        # With the token (and no session): the unreleased statuses too, marked as such.
        headers = {"Authorization": f"Bearer {raw}"}
        member = api.get(f"{live_server.url}/api/v1/status/?ozg_id=10092", headers=headers)
        assert member.status == 200
        by_slug = {r["kommune_slug"]: r for r in member.json()["results"]}
        assert by_slug["detmold"]["veroeffentlicht"] is False
        assert by_slug["luegde"]["veroeffentlicht"] is True
        assert "interne Notiz" not in member.text()

        # Revoked on the profile page: the token is refused with a clear 401.
        visit(page, f"{live_server.url}/profil/")
        with page.expect_navigation():
            page.get_by_role("button", name="„Dashboard des Kreises“ widerrufen").click()
        check_a11y(page)
        refused = api.get(f"{live_server.url}/api/v1/status/", headers=headers)
        assert refused.status == 401
        assert "widerrufen" in refused.json()["detail"]
    finally:
        anonymous.close()


PUBLIC_PAGES = [
    "/online-dienste/",
    "/online-dienste/luegde/",
    "/online-dienste/leistungen/10092/",
    "/online-dienste/leistungen/",
    "/online-dienste/fortschritt/",
    "/online-dienste/daten/",
    "/online-dienste/leichte-sprache/",
]


def test_public_pages_at_360_px_and_in_print(page, live_server, luegde_released):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in PUBLIC_PAGES:
        visit(page, f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px)"
        assert page.get_by_role("banner").get_by_role("link", name="Leichte Sprache").is_visible()
    page.goto(f"{live_server.url}/online-dienste/luegde/")
    cell = page.get_by_role("row").filter(has_text="Wohngeld").first.locator("td").nth(1)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Online seit: "'  # the hidden column header, repeated before the value
    page.emulate_media(media="print")
    assert not page.get_by_role("banner").is_visible()  # the header is not printed
    assert not page.get_by_role("search").first.is_visible()  # nor the filter form
    assert page.get_by_role("table").is_visible()
