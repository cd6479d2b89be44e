"""A new user's search journey (issue 9, item 9): type a misspelt word into the header field,
get "Meinten Sie …?", follow it, open the decision that matched at its anchor. Every page is
scanned by axe-core.

Runs on whatever database the suite runs on: on PostgreSQL the suggestion comes from pg_trgm,
on the SQLite default from the index's word list with difflib (search.query.suggest); the
misspelt word finds nothing on either, so the suggestion is what leads to the decision.
"""

import pytest

from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD
from tests.workshops.factories import MeetingFactory, in_days
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db(transaction=True)


def test_misspelt_word_suggestion_to_the_decision(page, live_server, detmold_cdo, detmold):
    meeting = MeetingFactory(
        host=detmold, title="Netzwerktreffen Juli", start=in_days(-10, 14), end=in_days(-10, 16),
        created_by=detmold_cdo,
    )  # fmt: skip
    workshop_services.meeting_minutes_update(
        actor=detmold_cdo,
        meeting=meeting,
        minutes="## TOP 1\nBerichte aus den Kommunen.",
        decisions="- Das Netzwerk beschafft gemeinsam eine Videokonferenzlösung.",
    )

    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    check_a11y(page)

    # Any page: the header's search landmark. Misspelt, then Enter.
    visit(page, f"{live_server.url}/projekte/")
    search = page.get_by_role("search", name="Portal durchsuchen")
    search.get_by_label("Suchbegriff").fill("Videokonferenslösung")
    search.get_by_label("Suchbegriff").press("Enter")
    page.wait_for_url("**/suche/?q=*")
    suggestion = page.locator("#suggestion")
    suggestion.wait_for()
    assert "Meinten Sie" in suggestion.inner_text()
    assert page.locator("#result-count").inner_text() == "0 Ergebnisse"
    check_a11y(page)

    # Follow the suggestion: the decision is found, with the word highlighted.
    suggestion.get_by_role("link", name="Videokonferenzlösung").click()
    page.wait_for_url("**/suche/?q=Videokonferenzl*")
    result = page.locator(".portal-search-result").first
    result.wait_for()
    assert "Beschlüsse" in result.inner_text()
    assert result.locator("mark").first.inner_text().startswith("Videokonferenzl")
    check_a11y(page)

    # Open it: the meeting page, at the decisions.
    result.get_by_role("link", name="Beschlüsse: Netzwerktreffen Juli").click()
    page.wait_for_url(f"**/termine/{meeting.pk}/#beschluesse")
    heading = page.locator("#beschluesse")
    assert heading.is_visible()
    assert "Videokonferenzlösung" in page.locator("main").inner_text()
    check_a11y(page)
