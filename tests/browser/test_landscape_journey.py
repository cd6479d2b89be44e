"""Lemgo's CDO records two products, finds the Kommunen on the same Ratsinformationssystem and
a procurement window, and starts a joint project from it; axe scans every page."""

import pytest

from tests.browser.conftest import check_a11y, login, visit
from tests.landscape.factories import ProductFactory, UsageFactory, category, months_ahead
from tests.members.factories import PASSWORD
from tests.projects.factories import TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_finds_partners_and_starts_a_joint_tender(page, live_server, lemgo_cdo, reference_data):
    TopicFactory(name="Beschaffung", slug="beschaffung")
    ris = ProductFactory(name="Gremienwerk RIS", slug="gremienwerk-ris")
    ProductFactory(name="AktenWerk DMS", slug="aktenwerk-dms", category=category("e-akte-dms"))
    for slug, months in (("detmold", 9), ("lage", 4)):
        UsageFactory(
            municipality=reference_data[slug], product=ris, contract_end=months_ahead(months)
        )
    base = live_server.url
    login(page, live_server, lemgo_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")

    # The landscape from the main navigation, then Lemgo's own page and its bulk edit.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Softwarelandschaft"
    ).click()
    check_a11y(page)
    visit(page, f"{base}/software/kommunen/lemgo/")
    page.get_by_role("link", name="Softwarelandschaft bearbeiten").first.click()
    check_a11y(page)
    page.locator("#id_u-0-product").select_option(label="Gremienwerk RIS")
    page.locator("#id_u-0-since").fill("2019-01-01")
    page.locator("#id_u-0-contract_end").fill("2018-12-31")  # wrong on purpose
    page.locator("#id_u-1-product").select_option(label="AktenWerk DMS")
    page.locator("#id_u-1-satisfaction").select_option("4")
    page.get_by_role("button", name="Alles speichern").click()
    check_a11y(page)
    assert page.get_by_text(
        "Der Vertrag kann nicht enden, bevor das Produkt im Einsatz ist."
    ).is_visible()
    page.locator("#id_u-0-contract_end").fill(f"{months_ahead(8):%Y-%m-%d}")
    page.locator("#id_u-0-notice_months").fill("6")
    page.get_by_role("button", name="Alles speichern").click()
    page.wait_for_url(f"{base}/software/kommunen/lemgo/")
    check_a11y(page)
    assert page.get_by_role("row", name="Ratsinformationssystem Gremienwerk RIS").is_visible()
    # The change history names who recorded the rows.
    history = page.get_by_role("table", name="Änderungen an der Software von Lemgo")
    assert history.get_by_role("row", name="Gremienwerk RIS eingetragen").is_visible()
    assert lemgo_cdo.full_name in history.inner_text()

    # The finder: who else uses our RIS, and whose contract ends before ours?
    page.get_by_role("link", name="Gemeinsamkeiten von Lemgo").click()
    check_a11y(page)
    partners = page.get_by_role("table", name="2 weitere Kommunen nutzen Gremienwerk RIS")
    assert partners.get_by_role("row", name="Detmold").is_visible()
    assert "endet vor Ihrem" in partners.get_by_role("row", name="Lage").inner_text()

    # The procurement window and the joint project.
    page.get_by_role("link", name="Beschaffungsfenster").first.click()
    check_a11y(page)
    assert page.get_by_role("heading", name="Ratsinformationssystem").is_visible()
    page.get_by_role("link", name="Gemeinsames Vorhaben anlegen: Ratsinformationssystem").click()
    check_a11y(page)
    page.get_by_label("Thema").select_option(label="Beschaffung")
    page.get_by_role("button", name="Gemeinsames Vorhaben anlegen").click()
    page.wait_for_url(f"{base}/projekte/gemeinsame-beschaffung-ratsinformationssystem/")
    check_a11y(page)

    # It is on /projekte/, with the partners invited.
    visit(page, f"{base}/projekte/")
    page.get_by_role("link", name="Gemeinsame Beschaffung: Ratsinformationssystem").click()
    check_a11y(page)
    text = page.content()
    assert "Detmold" in text and "Lage" in text and "Interesse" in text
