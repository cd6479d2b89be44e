import pytest

from digests.models import DigestPreference
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_sets_digest_preferences_and_previews(page, live_server, detmold_cdo):
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Einstellungen zur Wochenübersicht").click()
    page.wait_for_url(f"{live_server.url}/digest/einstellungen/")
    check_a11y(page)
    page.get_by_label("Wochentag").select_option("4")
    page.get_by_label("Uhrzeit").select_option("16")
    page.get_by_label("Nur meine Kommune und meine Projekte").check()
    page.get_by_role("button", name="Einstellungen speichern").click()
    page.wait_for_url(f"{live_server.url}/digest/einstellungen/")
    assert page.get_by_role("status").first.is_visible()
    check_a11y(page)
    preference = DigestPreference.objects.get(person=detmold_cdo)
    assert (preference.weekday, preference.hour, preference.scope) == (4, 16, "mine")

    visit(page, f"{live_server.url}/digest/vorschau/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Vorschau meiner nächsten Wochenübersicht"
    )
    frame = page.frame_locator("iframe.digest-preview-frame")
    assert "Wochenübersicht" in frame.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Probe der Wochenübersicht an mich senden").click()
    page.wait_for_url(f"{live_server.url}/digest/vorschau/")
    check_a11y(page)
