"""Every URL that is not explicitly public sends an anonymous visitor to the login page.

The test walks the whole URLconf, so a view added later is covered without a new test.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Path prefixes that are public on purpose (login, password reset, legal pages, health check,
# language switch, and token links that authenticate by their own signed token).
PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/accounts/signup/",
    "/accounts/2fa/authenticate/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/inactive/",
    "/accounts/login/code/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/healthz",
    "/favicon.ico",
    "/i18n/",
    "/static/",
    "/termine/feed/",
    "/digest/abmelden/",
    "/benachrichtigungen/abmelden/",
    # The public part (app public): OZG pages, open data, the read-only API, robots, sitemap.
    "/online-dienste/",
    "/api/v1/",
    "/robots.txt",
    "/sitemap.xml",
)
# Single public pages whose neighbours stay private (the network's public story and its
# request form; slides of talks marked public).
PUBLIC_PATHS = ("/netzwerk/", "/netzwerk/anfrage/", "/netzwerk/vortraege/1/folien/")

SAMPLE = {"slug": "detmold", "pk": "1", "int": "1", "str": "x", "path": "x", "uuid": None}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str) -> str | None:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
    route = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _sample(m.group(1), m.group(2)), route)
    # Regex routes (admin, allauth): replace simple groups with a sample value.
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    if any(ch in route for ch in "()[]*+?|\\"):
        return None
    return "/" + route


def _sample(converter: str | None, name: str) -> str:
    if converter == "uuid":
        return "00000000-0000-0000-0000-000000000000"
    return SAMPLE.get(converter or "str", "x") or "x"


def all_urls():
    urls = set()
    for route in _walk(get_resolver().url_patterns):
        url = _concrete(route)
        if url and not url.startswith("/admin/"):
            urls.add(url)
    return sorted(urls)


@pytest.mark.django_db
def test_walk_finds_the_portal_urls():
    urls = all_urls()
    assert "/kommunen/" in urls
    assert "/profil/" in urls
    assert len(urls) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("url", all_urls())
def test_anonymous_visitor_is_sent_to_login(client, url):
    if url.startswith(PUBLIC_PREFIXES) or url in PUBLIC_PATHS or url == "/":
        if url == "/":
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        return
    response = client.get(url)
    assert response.status_code == 302, f"{url} answered {response.status_code} to a stranger"
    assert response["Location"].startswith("/accounts/login/"), response["Location"]
    response = client.post(url, {})
    assert response.status_code in (302, 405), f"POST {url}: {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_admin_requires_staff_login(client, detmold_client):
    response = client.get("/admin/members/municipality/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    # A logged-in member without staff status is not let into the admin either.
    response = detmold_client.get("/admin/members/municipality/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
