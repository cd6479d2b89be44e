"""Two CDOs hold a conversation on an OZG service: Lemgo asks Detmold (the lead Kommune) a
question with an @mention picked from the htmx suggestions, Detmold answers and marks the
answer. axe-core checks every page on the way."""

import pytest

from discussions.models import Post
from ozg.models import Assignment, OzgService
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_question_to_the_lead_kommune_gets_answered(
    page, live_server, lemgo_cdo, detmold_cdo, detmold
):
    service = OzgService.objects.get(ozg_id="10000")
    Assignment.objects.create(service=service, lead=detmold)
    url = f"{live_server.url}{service.get_absolute_url()}"

    login(page, live_server, lemgo_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    visit(page, url)
    field = page.get_by_label("Ihr Beitrag")
    field.fill("Wann geht Elterngeld online? ")
    field.press_sequentially("@Dan", delay=50)
    page.get_by_role("button", name="Dana Demo").click()  # the htmx suggestion
    assert field.input_value() == "Wann geht Elterngeld online? @Dana Demo "
    check_a11y(page)
    field.press_sequentially("weißt du das?")
    page.get_by_label("Das ist eine Frage").check()
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_url("**#beitrag-*")
    check_a11y(page)
    assert page.get_by_role("link", name="@Dana Demo").count() == 1
    assert "Frage, offen" in page.content()

    page.context.clear_cookies()
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    # Detmold's CDO sees the bell: the mention is an unread notification (text, not colour).
    bell = page.locator("a.portal-bell")
    assert bell.locator(".portal-bell__count").inner_text() == "1"
    assert "1 ungelesene Benachrichtigung" in bell.inner_text()
    bell.click()
    page.wait_for_url("**/benachrichtigungen/")
    check_a11y(page)
    page.get_by_role("main").get_by_role("link", name="Elterngeld").first.click()
    page.wait_for_url("**#beitrag-*")
    check_a11y(page)
    assert page.locator("a.portal-bell .portal-bell__count").inner_text() == "0"
    page.get_by_role("link", name="Antworten auf den Beitrag von Lars Entwurf").click()
    check_a11y(page)
    page.get_by_label("Ihre Antwort").fill("Im **dritten Quartal**, der Antrag ist fertig.")
    page.get_by_role("button", name="Antwort veröffentlichen").click()
    page.wait_for_url("**#beitrag-*")
    page.get_by_role("button", name="Als Antwort markieren (Dana Demo)").click()
    page.wait_for_url("**#beitrag-*")
    check_a11y(page)
    assert "Als Antwort markiert" in page.content()
    assert "Frage, beantwortet" in page.content()
    question = Post.objects.get(parent=None)
    assert question.answer.author == detmold_cdo
    assert list(question.mentioned_users.all()) == [detmold_cdo]

    # Lemgo's CDO sees the answer on the dashboard ("Neu seit Ihrem letzten Besuch").
    page.context.clear_cookies()
    login(page, live_server, lemgo_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    check_a11y(page)
    news = page.locator(
        "section", has=page.get_by_role("heading", name="Neu seit Ihrem letzten Besuch")
    )
    assert "Elterngeld" in news.inner_text()
    assert "Dana Demo" in news.inner_text()
