"""The Datenschutzerklärung lists what is stored and for how long, in German and English."""

import pytest

from legal.defaults import PRIVACY, PRIVACY_2026_11, PRIVACY_2026_12, PRIVACY_EN, PRIVACY_EN_2026_12
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


def test_the_default_before_issue_14s_documents_rule_is_updated(reference_data):
    page = LegalPage.objects.get(kind="datenschutz")
    page.body, page.body_en = PRIVACY_2026_12, PRIVACY_EN_2026_12
    page.save()
    legal_pages_ensure()
    page.refresh_from_db()
    assert (page.body, page.body_en) == (PRIVACY, PRIVACY_EN)


def test_privacy_policy_says_who_sees_documents(client, reference_data):
    page = client.get("/datenschutz/").content.decode()
    assert "für alle angemeldeten Mitglieder des Netzwerks sichtbar" in page
    assert "öffentlich sind sie nicht" in page
