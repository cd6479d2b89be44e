"""A CDO follows a project, sees the bell count after its status changes, opens the
notifications page and marks everything read; axe scans every page (issue 11 items 4, 6)."""

import pytest

from projects import services as project_services
from projects.models import Project
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.projects.factories import ProjectFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_follows_a_project_sees_the_bell_and_marks_all_read(
    page, live_server, detmold_cdo, lemgo_cdo, detmold
):
    project = ProjectFactory(title="Bürgerserviceportal", slug="buergerserviceportal",
                             topic=TopicFactory(name="OZG", slug="ozg"), lead=detmold)  # fmt: skip
    base = live_server.url
    login(page, live_server, lemgo_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    check_a11y(page)  # the dashboard with "Neu seit Ihrem letzten Besuch"
    assert page.get_by_role("heading", name="Neu seit Ihrem letzten Besuch").is_visible()
    bell = page.get_by_role("link", name="0 ungelesene Benachrichtigungen")
    assert bell.is_visible()

    # Follow the project with the button on its page.
    visit(page, f"{base}/projekte/buergerserviceportal/")
    page.get_by_role("button", name="Folgen", exact=True).click()
    page.wait_for_load_state()
    check_a11y(page)
    assert page.get_by_role("button", name="Nicht mehr folgen").is_visible()

    # Detmold (the lead) moves the project on.
    project_services.status_update_add(actor=detmold_cdo, project=project,
                                       text="Die Pilotphase beginnt.",
                                       new_status=Project.Status.IMPLEMENTATION)  # fmt: skip

    visit(page, f"{base}/")
    bell = page.get_by_role("link", name="1 ungelesene Benachrichtigung")
    assert bell.is_visible()
    assert bell.locator(".portal-bell__count").inner_text() == "1"  # shown as text
    message = "Das Projekt „Bürgerserviceportal“ hat jetzt den Status „In Umsetzung“"
    assert page.get_by_text(message).first.is_visible()  # new since the last visit

    bell.click()
    page.wait_for_url(f"{base}/benachrichtigungen/")
    check_a11y(page)
    assert page.get_by_role("heading", name="Heute").is_visible()
    assert page.get_by_role("link", name=message).is_visible()

    page.get_by_role("button", name="Alle als gelesen markieren").click()
    page.wait_for_url(f"{base}/benachrichtigungen/")
    check_a11y(page)
    assert page.get_by_text("Alle Benachrichtigungen sind als gelesen markiert.").is_visible()
    assert page.get_by_role("link", name="0 ungelesene Benachrichtigungen").is_visible()

    # The notification still leads to the project.
    page.get_by_role("link", name=message).click()
    page.wait_for_url(f"{base}/projekte/buergerserviceportal/")
    check_a11y(page)

    # What I follow, with the way out.
    visit(page, f"{base}/benachrichtigungen/folge-ich/")
    row = page.get_by_role("row").filter(has_text="Bürgerserviceportal")
    row.get_by_role("button", name="Nicht mehr folgen").click()
    page.wait_for_url(f"{base}/benachrichtigungen/folge-ich/")
    check_a11y(page)
    assert page.get_by_text("Sie folgen noch nichts.").is_visible()
    visit(page, f"{base}/benachrichtigungen/einstellungen/")
