"""A new user's journey: open the next meeting, accept, download the .ics, write the minutes
with an action item, mark it done. Every page is scanned by axe-core."""

import pytest
from icalendar import Calendar

from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.workshops.factories import MeetingFactory, SessionFactory, WorkshopFactory, in_days
from workshops.models import ActionItem, Attendance

pytestmark = pytest.mark.django_db(transaction=True)


def test_meeting_journey(page, live_server, detmold_cdo, detmold):
    meeting = MeetingFactory(
        host=detmold, title="Netzwerktreffen Juni", start=in_days(5, 14), end=in_days(5, 16),
        seat_limit=10,
    )  # fmt: skip
    meeting.agenda_items.create(position=1, title="Berichte aus den Kommunen")
    workshop = WorkshopFactory(organiser=detmold, title="Wissensmanagement", slug="wissen")
    SessionFactory(workshop=workshop, title="Teil 1")

    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    check_a11y(page)

    # The dashboard lists the next meetings; open it from the Termine page.
    visit(page, f"{live_server.url}/termine/")
    page.get_by_role("link", name="Netzwerktreffen Juni", exact=True).click()
    page.wait_for_url(f"**/termine/{meeting.pk}/")
    check_a11y(page)

    # Accept (htmx swaps the attendance box in place).
    page.get_by_role("button", name="Zusagen").click()
    page.get_by_text("Ihre Rückmeldung: zugesagt.").wait_for()
    check_a11y(page)
    assert Attendance.objects.get(user=detmold_cdo).response == "accepted"

    # Download the .ics and read it back.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="In den Kalender (.ics)").click()
    with open(download_info.value.path(), "rb") as handle:
        event = Calendar.from_ical(handle.read()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Netzwerktreffen Juni"
    assert event["DTSTART"].dt.hour == 14

    # Write the minutes with an action item.
    page.get_by_role("link", name="Protokoll schreiben").click()
    page.wait_for_url(f"**/termine/{meeting.pk}/protokoll/")
    check_a11y(page)
    page.locator("#id_minutes").fill("## TOP 1\nAlle Kommunen berichten.")
    page.locator("#id_item-title").fill("Formularbibliothek anlegen")
    page.locator("#id_item-responsible_municipality").select_option(label="Detmold")
    page.get_by_role("button", name="Protokoll speichern").click()
    page.wait_for_url(f"**/termine/{meeting.pk}/")
    check_a11y(page)
    assert page.get_by_role("heading", name="TOP 1").is_visible()

    # Mark the action item done.
    item = ActionItem.objects.get(title="Formularbibliothek anlegen")
    page.get_by_label("Status von Formularbibliothek anlegen").select_option(label="erledigt")
    page.get_by_role("button", name="Speichern – Formularbibliothek anlegen").click()
    page.get_by_text("Der Status der Maßnahme wurde gespeichert.").wait_for()
    check_a11y(page)
    item.refresh_from_db()
    assert item.status == "done"

    # The other pages of the app pass the scan too.
    paths = [
        "/workshops/", "/workshops/wissen/", "/workshops/massnahmen/", "/termine/kalender-abo/",
        f"/termine/{meeting.pk}/folgetermin/", f"/termine/{meeting.pk}/bearbeiten/",
        "/workshops/wissen/ergebnisse/", "/termine/neu/", "/kommunen/detmold/",
        f"/termine/{meeting.pk}/verlauf/",
    ]  # fmt: skip
    for path in paths:
        visit(page, f"{live_server.url}{path}")
