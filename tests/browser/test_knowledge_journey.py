"""Knowledge journey: a CDO writes a checklist, links it to an OZG service and edits it twice,
compares revisions; Lemgo finds it on the OZG service page, adopts it, ticks two items and
turns one into a Maßnahme found on "Meine Maßnahmen"; an anonymous visitor reads the public
story and requests a talk. axe-core checks every page on the way."""

import pytest

from knowledge.models import Adoption, Article, StoryEntry, TalkRequest
from ozg.models import OzgService
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.workshops.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

ITEMS = "Aktenplan festlegen\nPersonalrat beteiligen\nPilotbereich schulen"


def _save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Speichern").click()
    check_a11y(page)


def test_checklist_from_article_to_massnahme(page, live_server, detmold_cdo, lemgo_cdo, lemgo):
    service = OzgService.objects.get(ozg_id="10000")
    meeting = MeetingFactory(host=lemgo, title="Jour fixe Lemgo")

    # Detmold writes the checklist and links it to the OZG service.
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Wissen"
    ).click()
    check_a11y(page)
    page.get_by_role("link", name="Neuer Beitrag").click()
    check_a11y(page)
    page.locator("#id_kind").select_option("checklist")
    page.locator("#id_title").fill("Einführung E-Akte")
    page.locator("#id_summary").fill("Die Schritte zur E-Akte.")
    page.locator("#id_body").fill("Erste Fassung.")
    page.locator("#id_services").select_option(str(service.pk))
    page.locator("#id_items").fill(ITEMS)
    page.locator("#id_publish").check()
    _save(page)
    article = Article.objects.get(title="Einführung E-Akte")
    assert page.get_by_role("heading", level=1).inner_text() == "Einführung E-Akte"

    for n, text in ((2, "Zweite Fassung."), (3, "Dritte Fassung mit Pilotbereich.")):
        page.get_by_role("link", name="Beitrag bearbeiten").click()
        check_a11y(page)
        page.locator("#id_body").fill(text)
        page.locator("#id_note").fill(f"Fassung {n}")
        _save(page)
    article.refresh_from_db()
    assert article.revision_number == 3

    page.get_by_role("link", name="Verlauf und Vergleich").click()
    check_a11y(page)
    page.locator("#id_alt").select_option("1")
    page.locator("#id_neu").select_option("3")
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_url("**alt=1**")
    check_a11y(page)
    assert "Erste Fassung." in page.locator("del").all_inner_texts()[-1]
    assert any("Dritte Fassung" in t for t in page.locator("ins").all_inner_texts())

    # Lemgo finds the checklist on the OZG service page and adopts it.
    page.context.clear_cookies()
    login(page, live_server, lemgo_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    visit(page, f"{live_server.url}/ozg/leistungen/10000/")
    page.get_by_role("link", name="Einführung E-Akte").click()
    check_a11y(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Checkliste übernehmen").click()
    check_a11y(page)
    adoption = Adoption.objects.get(article=article, municipality=lemgo)
    for text in ("Aktenplan festlegen", "Pilotbereich schulen"):
        with page.expect_navigation():
            page.get_by_role("button", name=f"„{text}“ abhaken").click()
        check_a11y(page)
    assert "2 von 3 Punkten erledigt." in page.content()
    assert adoption.entries.filter(done_at__isnull=False).count() == 2

    page.get_by_role("link", name="Aus „Personalrat beteiligen“ eine Maßnahme machen").click()
    check_a11y(page)
    page.locator("#id_origin").select_option(f"m{meeting.pk}")
    page.locator("#id_due_date").fill("2030-01-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Maßnahme anlegen").click()
    check_a11y(page)
    assert page.get_by_role("link", name="Personalrat beteiligen").count() == 1

    visit(page, f"{live_server.url}/workshops/massnahmen/")
    assert "Personalrat beteiligen" in page.content()
    visit(page, f"{live_server.url}/wissen/{article.slug}/uebernahmen/")
    visit(page, f"{live_server.url}/kommunen/lemgo/")
    visit(page, f"{live_server.url}/wer-weiss-was/")


def test_anonymous_visitor_reads_the_story_and_requests_a_talk(page, live_server, monkeypatch):
    from knowledge import forms

    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)
    StoryEntry.objects.create(section="lesson", title="Einfach machen!", is_public=True)
    StoryEntry.objects.create(section="outlook", title="Interne Notiz", is_public=False)
    visit(page, f"{live_server.url}/netzwerk/")
    assert "Einfach machen!" in page.content()
    assert "Interne Notiz" not in page.content()
    page.get_by_role("link", name="Vortrag oder Besuch anfragen").click()
    check_a11y(page)
    page.get_by_label("einen Vortrag").check()
    page.locator("#id_name").fill("Ria Anfrage")
    page.locator("#id_organisation").fill("Kreis Musterland")
    page.locator("#id_email").fill("ria@example.org")
    page.locator("#id_message").fill("Wir würden gern von Ihrem Netzwerk lernen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Anfrage senden").click()
    check_a11y(page)
    assert "Vielen Dank" in page.content()
    assert TalkRequest.objects.get().organisation == "Kreis Musterland"
