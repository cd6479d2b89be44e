"""The host's journey through the editing pages: build an agenda with the row buttons (htmx),
upload and delete an attachment with its confirmation page, create the next meeting a chosen
number of weeks later, and find a workshop part on the Kommune's page. Every page is scanned
by axe-core."""

import re

import pytest

from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.workshops.factories import MeetingFactory, SessionFactory, WorkshopFactory, in_days
from workshops.models import Attachment, Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_host_edits_agenda_attachments_and_next_meeting(page, live_server, detmold_cdo, detmold,
                                                       lemgo):  # fmt: skip
    meeting = MeetingFactory(host=detmold, title="Jour fixe Juli", start=in_days(10, 14),
                             end=in_days(10, 16))  # fmt: skip
    meeting.agenda_items.create(position=1, title="Begrüßung")
    meeting.agenda_items.create(position=2, title="Berichte")
    workshop = WorkshopFactory(organiser=lemgo, title="Wissensmanagement", slug="wissen")
    part = SessionFactory(workshop=workshop, title="Teil 2: Werkzeuge", start=in_days(12, 9),
                          end=in_days(12, 12))  # fmt: skip
    part.attending_municipalities.add(detmold)

    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    # The agenda: add a row, name it, move it to the top. htmx swaps only the agenda.
    visit(page, f"{live_server.url}/termine/{meeting.pk}/bearbeiten/")
    page.get_by_role("button", name="Weiteren Punkt hinzufügen").click()
    page.get_by_text("TOP 4 wurde hinzugefügt.").wait_for(state="attached")
    check_a11y(page)
    # The new row's topic has the focus: type straight away.
    assert page.evaluate("document.activeElement.id") == "id_agenda-3-title"
    page.keyboard.type("Aktuelles aus dem Kreis")
    for _ in range(3):
        button = page.get_by_role("button", name=re.compile(r"^Nach oben – TOP [234]$")).last
        # The focus stays on the moved row's button, so pressing it again moves on.
        button.click() if _ == 0 else page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    page.get_by_text("TOP 2 wurde auf Position 1 nach oben verschoben.").wait_for(state="attached")
    check_a11y(page)
    titles = [page.locator(f"#id_agenda-{i}-title").input_value() for i in range(4)]
    assert titles == ["Aktuelles aus dem Kreis", "Begrüßung", "Berichte", ""]
    page.get_by_role("button", name="Entfernen – TOP 3").click()
    page.get_by_text("TOP 3 wurde entfernt.").wait_for(state="attached")
    page.get_by_role("button", name="Speichern", exact=True).last.click()
    page.wait_for_url(f"**/termine/{meeting.pk}/")
    check_a11y(page)
    assert [a.title for a in meeting.agenda_items.all()] == ["Aktuelles aus dem Kreis", "Begrüßung"]

    # Upload an attachment, then delete it through the confirmation page.
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "einladung.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}]
    )
    page.get_by_role("button", name="Hochladen").click()
    page.get_by_role("link", name="einladung.pdf", exact=True).wait_for()
    check_a11y(page)
    page.get_by_role("link", name=re.compile(r"^Löschen ?: einladung\.pdf$")).click()
    page.wait_for_url("**/loeschen/")
    check_a11y(page)
    assert Attachment.objects.count() == 1  # asking deletes nothing
    page.get_by_role("button", name="Datei löschen").click()
    page.get_by_text("Die Datei „einladung.pdf“ wurde gelöscht.").wait_for()
    check_a11y(page)
    assert not Attachment.objects.exists()

    # "Nächstes Treffen anlegen": the choices name the date they lead to.
    page.get_by_role("link", name="Nächstes Treffen anlegen").click()
    page.wait_for_url(f"**/termine/{meeting.pk}/folgetermin/")
    check_a11y(page)
    page.get_by_label("Datum des nächsten Treffens").select_option(value="6")
    page.get_by_role("button", name="Termin anlegen").click()
    page.get_by_text("Das nächste Treffen wurde für").wait_for()
    check_a11y(page)
    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert (copy.start - meeting.start).days in (41, 42, 43)
    assert [a.title for a in copy.agenda_items.all()] == ["Aktuelles aus dem Kreis", "Begrüßung"]

    # The Kommune's page lists the workshop part it attends, and /termine/ filters by kind.
    visit(page, f"{live_server.url}/kommunen/detmold/")
    page.get_by_role("link", name="Wissensmanagement: Teil 2: Werkzeuge").click()
    page.wait_for_url(f"**/workshops/wissen/#teil-{part.pk}")
    check_a11y(page)
    visit(page, f"{live_server.url}/termine/")
    page.get_by_label("Art").select_option(label="Workshop")
    page.wait_for_url("**/termine/?kind=workshop*")
    check_a11y(page)
    assert page.get_by_role("link", name="Jour fixe Juli").count() == 0
    link = page.get_by_role("link", name="Wissensmanagement: Teil 2: Werkzeuge", exact=True)
    assert link.is_visible()
    visit(page, f"{live_server.url}/workshops/massnahmen/")

    # A workshop part of Detmold's own: cancelling asks first.
    own = WorkshopFactory(organiser=detmold, title="Strategie", slug="strategie")
    own_part = SessionFactory(workshop=own, title="Teil 1")
    visit(page, f"{live_server.url}/workshops/strategie/teile/{own_part.pk}/")
    page.get_by_role("link", name="Diesen Teil absagen").click()
    page.wait_for_url("**/absagen/")
    check_a11y(page)
    page.get_by_role("button", name="Diesen Teil absagen").click()
    page.wait_for_url(f"**/workshops/strategie/#teil-{own_part.pk}")
    check_a11y(page)
    own_part.refresh_from_db()
    assert own_part.is_cancelled
