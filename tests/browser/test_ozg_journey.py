"""A new user's OZG journey: filter the catalogue, open a service, set Detmold's Reifegrad,
find it in the matrix, export it. axe-core checks every page on the way."""

import csv
import io
from pathlib import Path

import pytest

from ozg.models import ServiceStatus
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_sets_reifegrad_and_finds_it_in_matrix_and_export(page, live_server, detmold_cdo):
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    check_a11y(page)  # dashboard with the OZG panel

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="OZG").click()
    check_a11y(page)
    page.get_by_label("Themenfeld").select_option(label="Familie & Kind")
    page.get_by_role("main").get_by_label("Suche").fill("Elterngeld")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**themenfeld=familie-kind**")
    check_a11y(page)
    page.get_by_role("link", name="Elterngeld", exact=True).click()
    page.wait_for_url("**/ozg/leistungen/10000/")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Elterngeld"

    page.get_by_role("link", name="Stand von Detmold bearbeiten").click()
    check_a11y(page)
    page.get_by_label("3 – Online-Leistung").check()
    page.get_by_label("Umsetzungsstand").select_option(label="Online")
    page.get_by_label("Link zur Online-Leistung").fill("https://www.detmold.de/elterngeld")
    page.get_by_role("button", name="Stand speichern").click()
    page.wait_for_url("**/ozg/leistungen/10000/")
    check_a11y(page)
    assert "Der Stand von 10000 in Detmold wurde gespeichert." in page.content()
    status = ServiceStatus.objects.get(municipality__slug="detmold", service__ozg_id="10000")
    assert (status.maturity, status.state) == (3, "online")

    page.get_by_role("link", name="In der Matrix zeigen").click()
    check_a11y(page)
    header = page.locator(".ozg-matrix thead th").all_inner_texts()
    column = header.index("Detmold")
    cell = page.locator("#ozg-10000 > *").nth(column).inner_text()
    assert cell.replace("\xa0", " ") == "3 Online"

    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV exportieren").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r[0] == "10000")
    assert row[rows[0].index("Detmold")] == "3"

    for path in ["/ozg/fortschritt/", "/ozg/kommunen/detmold/", "/kommunen/detmold/"]:
        visit(page, f"{live_server.url}{path}")
    visit(page, f"{live_server.url}/ozg/matrix/?themenfeld=alle")


def test_keyboard_matrix_bulk_save_and_division(page, live_server, detmold_cdo):
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    # the matrix: arrow keys move from cell to cell (static/js/ozg-matrix.js)
    visit(page, f"{live_server.url}/ozg/matrix/?themenfeld=familie-kind")
    page.locator(".ozg-matrix tbody td").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.closest('tr').id") == "ozg-10001"
    assert page.evaluate("document.activeElement.cellIndex") == 2
    check_a11y(page)

    # the Kommune's statuses: change two rows, save both with one button
    visit(page, f"{live_server.url}/ozg/kommunen/detmold/?themenfeld=familie-kind")
    page.get_by_label("Reifegrad von 10000").select_option("2")
    page.get_by_label("Umsetzungsstand von 10000").select_option("in_progress")
    page.get_by_label("Reifegrad von 10001").select_option("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Alle Änderungen speichern").first.click()
    check_a11y(page)
    assert "2 Stände wurden geändert." in page.content()
    got = dict(
        ServiceStatus.objects.filter(municipality__slug="detmold").values_list(
            "service__ozg_id", "maturity"
        )
    )
    assert got == {"10000": 2, "10001": 1}

    # the service page shows the history; the division of labour is readable for all
    visit(page, f"{live_server.url}/ozg/leistungen/10000/")
    assert "Verlauf der Stände" in page.content()
    visit(page, f"{live_server.url}/ozg/federfuehrung/")


def test_admin_assigns_the_lead_of_a_themenfeld(page, live_server, admin_user, detmold):
    from ozg.models import Assignment

    login(page, live_server, admin_user.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    visit(page, f"{live_server.url}/ozg/federfuehrung/")
    page.get_by_role("link", name="Festlegen Familie & Kind").click()
    page.wait_for_url("**/themenfelder/familie-kind/federfuehrung/")
    check_a11y(page)
    page.get_by_label("Federführende Kommune").select_option(label="Detmold")
    page.get_by_label("Lemgo").check()
    page.get_by_label("Notizen").fill("Abgestimmt im CDO-Netzwerk")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/ozg/federfuehrung/**")
    check_a11y(page)
    assignment = Assignment.objects.get(themenfeld__slug="familie-kind")
    assert assignment.lead == detmold
    assert [m.name for m in assignment.supporters.all()] == ["Lemgo"]
