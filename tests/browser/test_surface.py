"""The portal's surface on a phone (issue 15): no page scrolls sideways at 360 px, axe finds
nothing (admin pages included), focus is visible in the matrices, form errors are listed,
linked and announced, the account cards don't overlap, charts stay readable.

One login, one browser context: the pages are visited in a row to keep the run short."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from members.models import Municipality
from ozg import services as ozg_services
from ozg.models import OzgService
from projects.models import Participation
from tests.browser.conftest import check_a11y, login
from tests.knowledge.factories import ArticleFactory
from tests.landscape.factories import UsageFactory
from tests.members.factories import PASSWORD
from tests.projects.factories import CostItemFactory, ParticipationFactory, ProjectFactory
from tests.workshops.factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}

SCROLL_WIDTH = "document.documentElement.scrollWidth"
# What sticks out of the viewport, for the failure message.
OVERFLOWING = """(w) => Array.from(document.querySelectorAll('body *'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; })
  .slice(0, 5).map(e => e.tagName + '.' + String(e.className).slice(0, 40))"""
FOCUS_RING = """() => { const s = getComputedStyle(document.activeElement);
  return {tag: document.activeElement.tagName, style: s.outlineStyle,
          width: parseFloat(s.outlineWidth)}; }"""


def assert_fits(page) -> None:
    """The page does not scroll sideways: its width is at most the viewport's."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate(SCROLL_WIDTH)
    assert scroll_width <= width, (
        f"{page.url} is {scroll_width} px wide at {width} px: {page.evaluate(OVERFLOWING, width)}"
    )


def look(page, url: str) -> None:
    page.goto(url)
    assert_fits(page)
    check_a11y(page)


def assert_focus_ring(page) -> None:
    ring = page.evaluate(FOCUS_RING)
    assert ring["tag"] == "TD", ring
    assert ring["style"] != "none" and ring["width"] >= 2, f"invisible focus in {page.url}: {ring}"


@pytest.fixture
def surface_data(reference_data, admin_user):
    detmold = Municipality.objects.get(slug="detmold")
    lemgo = Municipality.objects.get(slug="lemgo")
    project = ProjectFactory(title="Digitale Bauakte", slug="digitale-bauakte", lead=detmold)
    ParticipationFactory(project=project, municipality=lemgo, role=Participation.Role.PARTICIPANT)
    CostItemFactory(project=project, title="Lizenz Bauakte für alle beteiligten Kommunen")
    meeting = MeetingFactory(title="CDO-Netzwerktreffen mit einem recht langen Titel", host=detmold)
    ActionItemFactory(meeting=meeting, responsible_municipality=lemgo,
                      title="Muster-Dienstvereinbarung für die E-Akte abstimmen")  # fmt: skip
    ArticleFactory(title="Leitfaden Sozialversicherungsausweis", municipality=detmold)
    UsageFactory(municipality=detmold)
    service = OzgService.objects.get(ozg_id="10000")
    for municipality, level in ((detmold, 3), (lemgo, 1)):
        ozg_services.status_set(
            actor=admin_user, municipality=municipality, service=service, maturity=level,
            state="online" if level >= 3 else "planned",
        )  # fmt: skip
    return {"project": project, "meeting": meeting, "service": service}


def test_pages_fit_a_phone_with_visible_focus_and_linked_errors(
    page, live_server, admin_user, surface_data
):
    base = live_server.url
    project = surface_data["project"]
    page.set_viewport_size(PHONE)
    login(page, live_server, admin_user.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    assert_fits(page)
    check_a11y(page)  # the dashboard

    for path in [
        "/projekte/",
        project.get_absolute_url(),
        f"/projekte/{project.slug}/beteiligte/",
        "/ozg/",
        "/ozg/fortschritt/",
        "/ozg/leistungen/10000/",
        "/termine/",
        surface_data["meeting"].get_absolute_url(),
        "/wissen/",
        "/profil/",
        "/software/kommunen/detmold/bearbeiten/",
    ]:
        look(page, f"{base}{path}")

    # Role selects in the participants table: KERN's arrow only, not the browser's as well.
    page.goto(f"{base}/projekte/{project.slug}/beteiligte/")
    appearance = page.locator("table select").first.evaluate("e => getComputedStyle(e).appearance")
    assert appearance == "none"

    # Charts: the percent scale is stated and the SVG text is >= 12 px as shown on a phone.
    page.goto(f"{base}/ozg/fortschritt/")
    assert "Skala 0 bis" in page.locator("figure.ozg-chart figcaption").first.inner_text()
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ozg-chart__label')).map(t =>
          parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getBoundingClientRect().width
          / t.ownerSVGElement.viewBox.baseVal.width)"""
    )
    assert shown and min(shown) >= 12, shown

    # The OZG matrix on a phone: the sticky service column leaves room for the cells, and
    # the cell that the arrow keys reach has a visible focus ring beside that column.
    look(page, f"{base}/ozg/matrix/")
    wrap = page.locator(".ozg-matrix-wrap").bounding_box()
    first_column = page.locator(".ozg-matrix tbody th").first.bounding_box()
    assert first_column["width"] <= wrap["width"] * 0.5, (first_column, wrap)
    page.locator(".ozg-matrix tbody td").first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert_focus_ring(page)
    cell = page.evaluate("document.activeElement.getBoundingClientRect().left")
    assert cell >= first_column["x"] + first_column["width"] - 1, "cell under the sticky column"
    check_a11y(page)

    look(page, f"{base}/software/matrix/")
    page.locator(".ozg-matrix tbody td").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert_focus_ring(page)

    # A project form with errors: "Fehler:" in the title, the focus on the summary, whose
    # links lead to the wrong fields; the contact persons are a checkbox list in KERN style.
    page.goto(f"{base}/projekte/{project.slug}/bearbeiten/")
    assert page.locator("input.kern-form-check__checkbox[name=contacts]").count() >= 1
    assert page.locator("select[name=contacts]").count() == 0
    page.locator("#id_title").fill("")
    page.locator("#id_funding_amount").fill("viel")
    page.get_by_role("button", name="Speichern", exact=True).last.click()
    page.wait_for_load_state()
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("link").evaluate_all(
        "ls => ls.map(l => l.getAttribute('href'))"
    ) == [
        "#id_title",
        "#id_funding_amount",
    ]
    assert_fits(page)
    check_a11y(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_title"

    # The cost form with errors fits the phone too; its radios are KERN's.
    page.goto(f"{base}/projekte/{project.slug}/kosten/neu/")
    assert page.locator("input[type=radio]:not(.kern-form-check__radio)").count() == 0
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.title().startswith("Fehler: ")
    assert_fits(page)
    check_a11y(page)

    # Two-factor pages: with an authenticator and recovery codes, the cards end before the
    # footer starts (KERN cards took the column's full height and the footer covered one).
    TOTP.activate(admin_user, generate_totp_secret())
    RecoveryCodes.activate(admin_user)
    for path in ["/accounts/2fa/", "/accounts/2fa/recovery-codes/"]:
        look(page, f"{base}{path}")
        cards_end = page.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('main .kern-card'))"
            ".map(c => c.getBoundingClientRect().bottom))"
        )
        footer_top = page.locator("footer.portal-footer").bounding_box()["y"]
        assert cards_end <= footer_top, (path, cards_end, footer_top)

    # The admin: branded, usable on a phone, no axe findings on a change form with inlines.
    look(page, f"{base}/admin/")
    assert "IKZ-Portal Lippe – Verwaltung" in page.title()
    look(page, f"{base}/admin/projects/project/{project.pk}/change/")
    # A meeting with its Maßnahmen inline (two autocomplete columns): the inline table
    # scrolls inside its box, at 1280 px as on a phone.
    meeting_form = f"{base}/admin/workshops/meeting/{surface_data['meeting'].pk}/change/"
    look(page, meeting_form)
    look(page, f"{base}/admin/ozg/servicestatus/")

    # At 1280 px: the history table of an OZG service is not cut off, the service names in
    # the matrix wrap inside their column.
    page.set_viewport_size(DESKTOP)
    look(page, meeting_form)
    page.goto(f"{base}/ozg/leistungen/10000/")
    history = page.locator("section[aria-labelledby=changes-heading] .portal-table-wrap")
    assert history.evaluate("e => e.scrollWidth <= e.clientWidth")
    page.goto(f"{base}/ozg/matrix/")
    spilling = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ozg-matrix tbody th'))
          .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.id || th.innerText)"""
    )
    assert spilling == []
    look(page, f"{base}/admin/ozg/servicestatus/")
