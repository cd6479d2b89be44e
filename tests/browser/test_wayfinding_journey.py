"""Issue 15 item 10 (and 8): a CDO finds "Meine Maßnahmen" and the digest settings from the
header's user menu on any page, follows breadcrumbs back up, and an English page marks its
German content. axe runs on every page visited."""

import re

import pytest

from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "var/screenshots"


def _open_user_menu(page):
    menu = page.locator("details.portal-usermenu")
    menu.locator("summary").click()
    assert menu.get_attribute("open") is not None
    return page.get_by_role("navigation", name="Meine Seiten")


def test_user_menu_and_breadcrumbs_lead_the_way(page, live_server, detmold_cdo, detmold):
    project = ProjectFactory(lead=detmold, title="Gemeinsame Telefonanlage")
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Zu erledigen", level=2).is_visible()

    visit(page, f"{live_server.url}/projekte/{project.slug}/")
    nav = _open_user_menu(page)
    check_a11y(page)  # the open menu too
    page.screenshot(path=f"{SHOTS}/wayfinding-usermenu-1280.png")
    nav.get_by_role("link", name="Meine Maßnahmen").click()
    page.wait_for_url(f"{live_server.url}/workshops/massnahmen/")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Meine Maßnahmen"

    nav = _open_user_menu(page)
    assert nav.get_by_role("link", name="Meine Maßnahmen").get_attribute("aria-current") == "page"
    nav.get_by_role("link", name="Einstellungen zur Wochenübersicht").click()
    page.wait_for_url(f"{live_server.url}/digest/einstellungen/")
    check_a11y(page)

    # breadcrumbs: from the settings back up to the profile, then the overview
    crumbs = page.get_by_role("navigation", name="Brotkrumen")
    assert crumbs.locator("[aria-current=page]").inner_text() == "Einstellungen zur Wochenübersicht"
    crumbs.get_by_role("link", name="Mein Profil").click()
    page.wait_for_url(f"{live_server.url}/profil/")
    check_a11y(page)

    # keyboard: the menu opens with Enter and its links are reachable with Tab
    visit(page, f"{live_server.url}/projekte/{project.slug}/bearbeiten/")
    page.locator("details.portal-usermenu summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Mein Profil"
    page.screenshot(path=f"{SHOTS}/wayfinding-breadcrumbs-1280.png")


def test_user_menu_on_a_phone(page, live_server, detmold_cdo):
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    nav = _open_user_menu(page)
    link = nav.get_by_role("link", name="Meine Maßnahmen")
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_a11y(page)
    page.screenshot(path=f"{SHOTS}/wayfinding-usermenu-360.png", full_page=True)


def test_english_page_marks_german_content(page, live_server, detmold_cdo, detmold):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save(update_fields=["preferred_language"])
    project = ProjectFactory(lead=detmold, description="Wir bündeln die **Beschaffung**.")
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    visit(page, f"{live_server.url}/projekte/{project.slug}/")
    assert page.locator("html").get_attribute("lang") == "en"
    block = page.locator(".portal-markdown", has_text="Beschaffung")
    assert block.get_attribute("lang") == "de"
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link", name="Projects").is_visible()
    nav = _open_user_menu_en(page)
    assert nav.get_by_role("link", name="My action items").is_visible()
    assert not re.search(r"\b(a|p)\.m\.\.", page.content())
    page.screenshot(path=f"{SHOTS}/wayfinding-english-1280.png", full_page=True)


def _open_user_menu_en(page):
    page.locator("details.portal-usermenu summary").click()
    return page.get_by_role("navigation", name="My pages")
