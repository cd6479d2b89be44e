"""The public pages as a citizen sees them: only released statuses, search in citizens'
words, filters, caching with invalidation by events, conditional GET, rate limit, bad input."""

import pytest
from django.test import override_settings

from ozg import services as ozg_services
from public_site import search
from public_site.models import PublicationException, PublicationSetting

pytestmark = pytest.mark.django_db


def test_start_page_lists_kommunen_and_links_easy_language(client, released):
    response = client.get("/online-dienste/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lügde" in body and "/online-dienste/luegde/" in body
    assert 'href="/online-dienste/leichte-sprache/"' in body
    assert "Anmeldung für Mitglieder" in body
    assert "X-Robots-Tag" not in response.headers


def test_search_form_leads_to_the_kommune_page(client, released):
    response = client.get("/online-dienste/suche/", {"kommune": "luegde", "q": "Wohngeld"})
    assert response.status_code == 302
    assert response["Location"] == "/online-dienste/luegde/?q=Wohngeld"
    assert client.get("/online-dienste/suche/", {"kommune": "nirgendwo"}).status_code == 404


def test_kommune_page_shows_released_statuses_with_link(client, released):
    body = client.get("/online-dienste/luegde/?q=Wohngeld").content.decode()
    assert "Wohngeld" in body
    assert "https://www.example.org/luegde/wohngeld" in body
    assert "3 – Online-Leistung" in body and "2024-04-02" in body
    assert "Hundehaltung" not in body  # not matching the search


def test_unreleased_kommune_shows_nothing_and_says_so(client, released):
    body = client.get("/online-dienste/detmold/").content.decode()
    assert "noch nicht freigegeben" in body
    assert "detmold/geheim" not in body


def test_exceptions_hide_and_show_single_statuses(client, released, luegde, detmold, wohngeld):
    PublicationException.objects.create(municipality=luegde, service=wohngeld, public=False)
    PublicationException.objects.create(municipality=detmold, service=wohngeld, public=True)
    assert "luegde/wohngeld" not in client.get("/online-dienste/luegde/").content.decode()
    assert "detmold/geheim" in client.get("/online-dienste/detmold/").content.decode()


def test_hund_anmelden_finds_the_dog_service():
    ranked = search.search("Hund anmelden")
    from ozg.models import OzgService

    assert OzgService.objects.get(pk=ranked[0]).ozg_id == "10160"
    assert search.query_terms("Ich möchte meinen Hund anmelden") == ["hund", "meld"]
    assert search.search("   ") is None


def test_service_page_says_which_kommunen_offer_it(client, released):
    body = client.get("/online-dienste/leistungen/10092/").content.decode()
    assert "Online beantragen in Lügde" in body
    assert "detmold/geheim" not in body
    assert "Wohngeld Bewilligung" in body  # LeiKa names


def test_services_list_searches_and_filters(client, released):
    body = client.get("/online-dienste/leistungen/", {"q": "Hund anmelden"}).content.decode()
    assert "/online-dienste/leistungen/10160/" in body
    body = client.get("/online-dienste/leistungen/", {"themenfeld": "familie-kind"}).content
    assert b"Elterngeld" in body and b"Wohngeld" not in body


def test_progress_counts_only_released_statuses(client, released):
    response = client.get("/online-dienste/fortschritt/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<caption" in body
    assert "nicht freigegeben" in body  # Detmold's row


def test_easy_language_page(client):
    response = client.get("/online-dienste/leichte-sprache/")
    assert response.status_code == 200
    assert "Online heißt: im Internet." in response.content.decode()


@pytest.mark.parametrize(
    "url,status",
    [
        ("/online-dienste/nirgendwo/", 404),
        ("/online-dienste/leistungen/99999/", 404),
        ("/online-dienste/luegde/?themenfeld=gibt-es-nicht", 400),
        ("/online-dienste/luegde/?lage=abc", 400),
        ("/online-dienste/luegde/?seite=abc", 200),
        ("/online-dienste/luegde/?seite=99999", 200),
        ("/online-dienste/daten/nirgendwo.csv", 404),
    ],
)
def test_bad_input_is_a_clear_answer_never_500(client, released, url, status):
    assert client.get(url).status_code == status


def test_page_is_cached_and_a_status_change_invalidates_it(client, released, luegde, wohngeld):
    from members.models import Membership
    from tests.members.factories import MembershipFactory

    cdo = MembershipFactory(municipality=luegde, role=Membership.Role.CDO).user
    first = client.get("/online-dienste/luegde/")
    assert "luegde/wohngeld" in first.content.decode()
    ozg_services.status_set(
        actor=cdo,
        municipality=luegde,
        service=wohngeld,
        maturity=4,
        state="online",
        url="https://www.example.org/luegde/wohngeld-neu",
    )
    second = client.get("/online-dienste/luegde/")
    assert "wohngeld-neu" in second.content.decode()
    assert first["ETag"] != second["ETag"]


def test_cached_page_costs_no_query(client, released, django_assert_num_queries):
    client.get("/online-dienste/luegde/")
    with django_assert_num_queries(0):
        assert client.get("/online-dienste/luegde/").status_code == 200


def test_conditional_get_answers_304(client, released):
    response = client.get("/online-dienste/luegde/")
    again = client.get("/online-dienste/luegde/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/online-dienste/luegde/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_release_setting_change_invalidates_the_cache(client, released, luegde, admin_user):
    from public_site import services

    assert "luegde/wohngeld" in client.get("/online-dienste/luegde/").content.decode()
    services.publication_setting_update(
        municipality=luegde, statuses_public=False, actor=admin_user
    )
    assert "luegde/wohngeld" not in client.get("/online-dienste/luegde/").content.decode()


@override_settings(PUBLIC_RATE_LIMIT="3/m")
def test_anonymous_visitors_are_rate_limited_with_a_clear_429(client, released):
    codes = [client.get("/online-dienste/leichte-sprache/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/online-dienste/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Zu viele Anfragen" in response.content.decode()


def test_robots_and_sitemap_cover_only_the_public_part(client, released):
    robots = client.get("/robots.txt").content.decode()
    assert "Allow: /online-dienste/" in robots and "Disallow: /\n" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/online-dienste/luegde/" in sitemap
    assert "/online-dienste/leistungen/10092/" in sitemap
    assert "/kommunen/" not in sitemap and "/ozg/" not in sitemap


def test_member_part_is_noindex(client, detmold_client):
    assert detmold_client.get("/kommunen/").headers["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/accounts/login/").headers["X-Robots-Tag"] == "noindex, nofollow"


def test_release_setting_is_edited_by_the_kommune_and_admins_only(
    client, detmold_client, lemgo_cdo, detmold
):
    url = "/kommunen/detmold/veroeffentlichung/"
    assert detmold_client.get(url).status_code == 200
    response = detmold_client.post(url, {"statuses_public_form": "1", "statuses_public": "on"})
    assert response.status_code == 302
    setting = PublicationSetting.objects.get(municipality=detmold)
    assert setting.statuses_public is True
    assert setting.history.count() == 1
    response = detmold_client.post(url, {"exception_form": "1", "service": "10092", "mode": "hide"})
    assert response.status_code == 302
    assert PublicationException.objects.get(municipality=detmold).public is False
    bad = detmold_client.post(url, {"exception_form": "1", "service": "00000", "mode": "hide"})
    assert bad.status_code == 400
    client.force_login(lemgo_cdo)
    assert client.get(url).status_code == 403
    assert client.post(url, {"statuses_public_form": "1"}).status_code == 403
    assert PublicationSetting.objects.get(municipality=detmold).statuses_public is True


PUBLIC_HTML_PAGES = [
    "/online-dienste/",
    "/online-dienste/luegde/",
    "/online-dienste/leistungen/",
    "/online-dienste/leistungen/10092/",
    "/online-dienste/fortschritt/",
    "/online-dienste/daten/",
    "/online-dienste/leichte-sprache/",
    "/api/v1/dokumentation/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
]


def _header(body: str) -> str:
    return body.split("<header", 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("url", PUBLIC_HTML_PAGES)
def test_every_public_page_links_easy_language_in_its_header(client, released, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/online-dienste/leichte-sprache/"' in _header(body)
    assert "X-Robots-Tag" not in response.headers  # indexable


def test_public_pages_have_distinct_meaningful_titles(client, released):
    import re

    titles = {}
    for url in PUBLIC_HTML_PAGES:
        body = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1).strip()
        assert not title.startswith("–") and len(title) > 15, (url, title)
        assert body.count('<meta name="description" content="') == 1, url
        titles[url] = title
    assert len(set(titles.values())) == len(titles), titles
    assert titles["/online-dienste/luegde/"].startswith("Online-Dienste von Lügde")
    assert titles["/online-dienste/leistungen/10092/"].startswith("Wohngeld")


# Words of the page that are hard to understand, and the sentence that explains each.
EXPLAINED = {
    "Dienst": "Ein Dienst ist eine Sache vom Amt.",
    "Amt": "Das Amt ist ein Teil vom Rathaus.",
    "online": "Online heißt: im Internet.",
    "Antrag": "Ein Antrag ist ein Brief an das Amt.",
    "Kommune": "Kommune heißt: Stadt oder Gemeinde.",
    "Link": "Ein Link ist ein Verweis auf eine andere Seite im Internet.",
    "Reifegrad": "Die Stufe heißt auch: Reifegrad.",
    "Formular": "Ein Formular ist ein Blatt mit Fragen.",
    "Gebärden-Sprache": "Gebärden-Sprache ist eine Sprache mit den Händen.",
    "Digital-Beauftragte": "Sie heißen: Digital-Beauftragte.",
}


def test_easy_language_page_follows_the_rules(client):
    """Leichte Sprache: short sentences with one statement each, no abbreviations, every hard
    word explained the first time it matters."""
    import html
    import re

    body = client.get("/online-dienste/leichte-sprache/").content.decode()
    text = body.split('<div lang="de" class="public-easy">', 1)[1].split("</div>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n+", text) if s.strip()]
    assert len(sentences) > 40
    for sentence in sentences:
        words = sentence.split()
        assert len(words) <= 12, f"too long for Leichte Sprache: {sentence!r}"
        # one statement: no subordinate clauses or chains ("weil", "dass", "und dann" …)
        assert not re.search(r"\b(weil|dass|obwohl|wenn|sodass|welche[rs]?|bzw)\b", sentence)
    # no abbreviations: "z. B.", "usw.", "ggf.", "OZG", "DGS" …
    assert not re.search(r"\b\w{1,4}\.\s?\w{1,3}\.", text)
    assert not re.search(r"\b(usw|ggf|evtl|bzw|ca|Nr|inkl)\b\.?", text)
    assert not re.search(r"\b[A-ZÄÖÜ]{2,}\b", text), re.findall(r"\b[A-ZÄÖÜ]{2,}\b", text)
    for word, explanation in EXPLAINED.items():
        assert word.lower() in text.lower() and explanation in text, word


def test_accessibility_statement_says_what_is_not_offered_and_how_to_ask(client, reference_data):
    body = client.get("/barrierefreiheit/").content.decode()
    assert "Deutscher Gebärdensprache (DGS) bieten wir derzeit nicht an" in body
    assert 'href="/online-dienste/leichte-sprache/"' in body.split("</header>", 1)[1]
    assert "Formular auf dieser Seite" in body and "<form" in body


def test_an_unchanged_accessibility_statement_gets_the_new_default(reference_data):
    from legal.defaults import ACCESSIBILITY, ACCESSIBILITY_2026_11
    from legal.models import LegalPage
    from legal.services import legal_pages_ensure

    page = LegalPage.objects.get(kind="barrierefreiheit")
    LegalPage.objects.filter(pk=page.pk).update(body=ACCESSIBILITY_2026_11)
    legal_pages_ensure()
    page.refresh_from_db()
    assert page.body == ACCESSIBILITY
    LegalPage.objects.filter(pk=page.pk).update(body="Eigener Text der Verwaltung")
    legal_pages_ensure()
    page.refresh_from_db()
    assert page.body == "Eigener Text der Verwaltung"  # an admin's text is never overwritten


@pytest.mark.parametrize("url", PUBLIC_HTML_PAGES[:7] + ["/online-dienste/daten/luegde.csv"])
def test_head_is_answered_and_writes_are_refused(client, released, url):
    assert client.head(url).status_code == 200  # link checkers and crawlers use HEAD
    assert client.post(url).status_code == 405


def test_lage_filter_on_the_services_list_and_the_kommune_page(client, released, wohngeld):
    lage = wohngeld.lebenslage_id
    body = client.get("/online-dienste/leistungen/", {"lage": lage}).content.decode()
    assert "/online-dienste/leistungen/10092/" in body
    assert "/online-dienste/leistungen/10160/" not in body  # Hundesteuer: another Lage
    body = client.get("/online-dienste/luegde/", {"lage": lage}).content.decode()
    assert "luegde/wohngeld" in body and "Hundehaltung" not in body
