"""The Datenschutzerklärung lists what is stored and for how long, in German and English."""

import pytest

from legal.defaults import PRIVACY_2026_11
from legal.models import LegalPage
from legal.services import legal_pages_ensure

pytestmark = pytest.mark.django_db


def test_privacy_policy_states_storage_periods_in_german(client, reference_data):
    page = client.get("/datenschutz/").content.decode()
    for text in ("Speicherdauer", "180 Tage", "365 Tage", "höchstens 14 Tage", "7 Tage",
                 "ehemaliges Mitglied"):  # fmt: skip
        assert text in page, text


def test_privacy_policy_in_english(client, reference_data):
    client.cookies["ikz_language"] = "en"
    page = client.get("/datenschutz/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Privacy policy" in page and "What is stored and for how long" in page


def test_an_unedited_old_default_is_updated_an_edited_text_kept(reference_data):
    page = LegalPage.objects.get(kind="datenschutz")
    page.body, page.body_en = PRIVACY_2026_11, ""
    page.save()
    legal_pages_ensure()
    page.refresh_from_db()
    assert "Speicherdauer" in page.body and "180 Tage" in page.body and page.body_en
    page.body = "Eigener Text der Administration"
    page.save()
    legal_pages_ensure()
    page.refresh_from_db()
    assert page.body == "Eigener Text der Administration"
