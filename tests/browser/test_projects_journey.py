"""A new user's journey through the projects pages, with an axe scan of every page."""

from pathlib import Path

import pytest

from projects.models import CostItem, Project
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.projects.factories import TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_creates_project_adds_kommune_posts_update_splits_costs_and_exports(
    page, live_server, detmold_cdo, lemgo
):
    TopicFactory(name="OZG", slug="ozg")
    base = live_server.url
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    check_a11y(page)

    # The list, then "Neues Projekt".
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Projekte"
    ).click()
    check_a11y(page)
    page.get_by_role("link", name="Neues Projekt").click()
    check_a11y(page)
    page.get_by_label("Titel").fill("Digitale Bauakte")
    page.get_by_label("Kurzbeschreibung").fill("Bauanträge gemeinsam digital bearbeiten.")
    page.get_by_label("Thema").select_option(label="OZG")
    page.get_by_label("Beginn").fill("2026-01-01")
    page.get_by_label("Geplantes Ende").fill("2025-01-01")  # wrong on purpose
    page.get_by_role("button", name="Projekt anlegen").click()
    check_a11y(page)  # the form with its error messages
    assert page.get_by_text(
        "Das geplante Ende kann nicht vor dem Beginn liegen.", exact=True
    ).is_visible()
    page.get_by_label("Geplantes Ende").fill("2027-06-30")
    page.get_by_role("button", name="Projekt anlegen").click()
    page.wait_for_url(f"{base}/projekte/digitale-bauakte/")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Digitale Bauakte"

    # Add a second Kommune.
    page.get_by_role("link", name="Beteiligte verwalten").click()
    check_a11y(page)
    page.get_by_label("Kommune", exact=True).select_option(label="Lemgo")
    page.get_by_role("button", name="Kommune hinzufügen").click()
    check_a11y(page)
    assert page.get_by_role("row", name="Lemgo").is_visible()
    page.get_by_role("link", name="Zurück zum Projekt").click()

    # Post a status update with a new status.
    page.get_by_text("Statusmeldung schreiben").click()
    page.get_by_label("Text").fill("Förderbescheid ist da, es geht los.")
    page.get_by_label("Neuer Status").select_option(label="In Umsetzung")
    page.get_by_label("Fortschritt in Prozent").fill("20")
    page.get_by_role("button", name="Meldung veröffentlichen").click()
    check_a11y(page)
    overview = page.locator("#ueberblick").locator("..")
    assert "In Umsetzung" in overview.inner_text()

    # Add a cost item split by population.
    page.get_by_role("link", name="Kostenposition hinzufügen").click()
    check_a11y(page)
    page.get_by_label("Titel").fill("Lizenz Bauakte")
    page.get_by_label("Art").select_option(label="Lizenz")
    page.get_by_label("Gesamtbetrag in Euro").fill("10.000,00")
    page.get_by_label("jährlich").check()
    page.get_by_label("nach Einwohnerzahl (Einwohnerschlüssel)").check()
    page.get_by_role("button", name="Kostenposition hinzufügen").click()
    check_a11y(page)
    shares = page.locator("#cost-shares")
    assert "10.000,00\xa0€" in shares.inner_text()
    item = CostItem.objects.get()
    assert item.allocation_key == "population"
    assert Project.objects.get().status == "implementation"

    # Correct the amount of the cost item.
    visit(page, f"{base}/projekte/digitale-bauakte/kosten/{item.pk}/bearbeiten/")
    page.get_by_label("Gesamtbetrag in Euro").fill("12.000,00")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/projekte/digitale-bauakte/**")
    check_a11y(page)
    assert "12.000,00\xa0€" in page.locator("#cost-shares").inner_text()

    # Filter the list and export it.
    visit(page, f"{base}/projekte/")
    page.get_by_label("Status").select_option(label="In Umsetzung")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**status=implementation**")
    check_a11y(page)
    assert page.get_by_role("link", name="Digitale Bauakte").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Diese Liste als CSV exportieren").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "Digitale Bauakte" in content and "Lemgo (Mitwirkung)" in content
