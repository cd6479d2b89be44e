"""Issue 15 item 6: the Impressum names email and phone; public legal pages link nowhere private."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve

from legal import defaults
from legal.models import LegalPage

pytestmark = pytest.mark.django_db

LEGAL_URLS = ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]


def test_impressum_shows_email_and_phone_of_the_operator_and_the_dpo(client, reference_data):
    html = client.get("/impressum/").content.decode()
    assert 'href="mailto:info@kreis-lippe.de"' in html
    assert 'href="tel:05231620"' in html
    assert "05231 62-0" in html
    assert 'href="mailto:datenschutz@kreis-lippe.de"' in html
    assert "Datenschutzbeauftragte" in html


@override_settings(LEGAL_CONTACT_EMAIL="ikz@lippe.example", LEGAL_CONTACT_PHONE="05231 1234")
def test_impressum_contact_comes_from_settings(client, reference_data):
    html = client.get("/impressum/").content.decode()
    assert "mailto:ikz@lippe.example" in html
    assert "05231 1234" in html


def test_privacy_contacts_are_the_ones_named_in_the_impressum(client, reference_data):
    imprint = client.get("/impressum/").content.decode()
    privacy = client.get("/datenschutz/").content.decode()
    privacy_mails = set(re.findall(r'href="mailto:([^"]+)"', privacy))
    assert privacy_mails, "the Datenschutzerklärung names no contact"
    assert privacy_mails <= set(re.findall(r'href="mailto:([^"]+)"', imprint))


def _is_public(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, "login_required", True) is False


@pytest.mark.parametrize("url", LEGAL_URLS)
def test_public_legal_pages_link_to_no_login_only_page(client, reference_data, url):
    html = client.get(url).content.decode()
    paths = {h for h in re.findall(r'href="(/[^"#]*)', html) if not h.startswith("/static/")}
    private = sorted(p for p in paths if not _is_public(p))
    assert private == []


def test_old_default_impressum_is_replaced_but_an_edited_one_kept(reference_data):
    LegalPage.objects.filter(kind="impressum").update(body=defaults.IMPRINT_2026_11)
    call_command("load_reference_data", stdout=__import__("io").StringIO())
    body = LegalPage.objects.get(kind="impressum").body
    assert body == defaults.IMPRINT
    assert "unter „Kommunen“" not in body
