"""A demo CDO's first visit, as a new user would try it; axe scans every page."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from members.models import Membership
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


class _OneStepLater:
    """A clock 30 s (one TOTP step) ahead, for allauth's TOTP check only."""

    @staticmethod
    def time() -> float:
        return time.time() + 30


def test_cdo_walks_through_the_portal(page, live_server, detmold_cdo, lemgo_cdo):
    base = live_server.url
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Dana"
    check_a11y(page)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Kommunen"
    ).click()
    page.wait_for_url(f"{base}/kommunen/")
    check_a11y(page)
    assert page.get_by_text("17 Kommunen").is_visible()

    # Filter (htmx updates the results; the form also works without JavaScript).
    page.get_by_label("Art").select_option("gemeinde")
    page.get_by_role("button", name="Filtern").click()
    page.get_by_text("6 Kommunen").wait_for()
    check_a11y(page)

    visit(page, f"{base}/kommunen/")
    page.get_by_role("link", name="Lemgo").click()
    page.wait_for_url(f"{base}/kommunen/lemgo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lemgo"
    assert page.get_by_text("Lars Entwurf").is_visible()
    assert page.get_by_role("link", name="Seite bearbeiten").count() == 0
    check_a11y(page)

    # Change one's motto on the profile page (the name in the header opens "Meine Seiten").
    page.locator("summary", has_text="Dana Demo").click()
    page.get_by_role("navigation", name="Meine Seiten").get_by_role(
        "link", name="Mein Profil"
    ).click()
    page.wait_for_url(f"{base}/profil/")
    check_a11y(page)
    page.get_by_label("Motto").fill("Lass' mal vernetzen!")
    page.get_by_role("button", name="Profil speichern").click()
    page.get_by_text("Ihr Profil wurde gespeichert.").wait_for()
    check_a11y(page)
    assert Membership.objects.get(user=detmold_cdo).motto == "Lass' mal vernetzen!"
    visit(page, f"{base}/kommunen/detmold/")
    assert page.get_by_text("„Lass' mal vernetzen!“").is_visible()

    # Switch to English and back.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        page.get_by_role("link", name="Municipalities").count()
        + page.get_by_role("link", name="Kommunen").count()
        >= 1
    )
    check_a11y(page)
    page.get_by_role("button", name="Deutsch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"

    # Log out.
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()
    check_a11y(page)
    visit(page, f"{base}/")
    assert "/accounts/login/" in page.url


def test_cdo_sets_up_totp_and_logs_in_with_a_code(page, live_server, detmold_cdo, monkeypatch):
    base = live_server.url
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    visit(page, f"{base}/accounts/2fa/")
    page.get_by_role("link", name="Aktivieren").click()
    page.wait_for_load_state()
    if "/reauthenticate/" in page.url:  # allauth asks for the password again
        check_a11y(page)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Bestätigen").click()
        page.wait_for_url("**/accounts/2fa/totp/activate/")
    check_a11y(page)
    secret = page.locator("#authenticator_secret").input_value()

    def current_code(now: float | None = None) -> str:
        counter = int(time.time() if now is None else now) // 30
        return format_hotp_value(hotp_value(secret, counter))

    activation_counter = int(time.time()) // 30
    page.get_by_label("Authentifizierungscode").fill(current_code())
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_load_state()
    check_a11y(page)
    assert detmold_cdo.authenticator_set.filter(type="totp").exists()

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    check_a11y(page)
    # A code is accepted only once, so the login needs the next 30-second step's code: the
    # portal's TOTP clock (the live server runs in this process) moves one step on instead of
    # the test waiting up to 30 s for it.
    monkeypatch.setattr("allauth.mfa.totp.internal.auth.time", _OneStepLater)
    assert int(_OneStepLater.time()) // 30 > activation_counter
    page.get_by_label("Code").fill(current_code(_OneStepLater.time()))
    page.get_by_role("button", name="Anmeldung", exact=True).click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Willkommen, Dana"
