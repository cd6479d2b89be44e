"""The search page as a member uses it: header field, results, facets, bad input, speed."""

import pytest
from django.db import connection
from django.urls import reverse

from lippe_ikz import events
from search.models import SearchEntry
from tests.projects.factories import ProjectFactory
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db
URL = reverse("search:results")
POSTGRES = connection.vendor == "postgresql"


def index(*objs, actor=None):
    for obj in objs:
        events.publish(f"{obj._meta.app_label}.{obj._meta.model_name}.changed", obj, actor=actor)


def test_login_required(client):
    response = client.get(URL, {"q": "Detmold"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_header_search_field_on_every_page(detmold_client):
    html = detmold_client.get(reverse("dashboard")).content.decode()
    assert 'role="search"' in html
    assert f'action="{URL}"' in html
    assert 'for="portal-search-q"' in html
    assert 'hx-push-url="true"' in html


def test_result_has_title_type_kommune_date_snippet_and_anchor(
    detmold_client, detmold, detmold_cdo
):
    project = ProjectFactory(
        title="Ratsinformationssystem", lead=detmold, description="Sitzungen papierlos vorbereiten."
    )
    index(project)
    response = detmold_client.get(URL, {"q": "papierlos"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ratsinformationssystem" in html
    assert "<mark>papierlos</mark>" in html
    assert "Projekt" in html and "Detmold" in html
    assert project.get_absolute_url() in html


def test_umlauts_and_transliteration_match_each_other(detmold_client, detmold):
    index(ProjectFactory(title="Bürgerbüro digital", lead=detmold))
    for q in ("Bürgerbüro", "Buergerbuero", "BÜRGERBÜRO"):
        assert titles(detmold_client.get(URL, {"q": q})) == ["Bürgerbüro digital"], q


def test_facets_filter_and_count(detmold_client, detmold, lemgo):
    index(ProjectFactory(title="Glasfaser Detmold", lead=detmold),
          ProjectFactory(title="Glasfaser Lemgo", lead=lemgo), detmold)  # fmt: skip
    page = detmold_client.get(URL, {"q": "Glasfaser"}).context["search"]
    assert page.page.paginator.count == 2
    kommunen = {f["label"]: f["count"] for f in page.facets["kommune"]}
    assert kommunen == {"Detmold": 1, "Lemgo": 1}
    assert [f["value"] for f in page.facets["typ"]] == ["projects.project"]
    response = detmold_client.get(URL, {"q": "Glasfaser", "kommune": "lemgo"})
    assert titles(response) == ["Glasfaser Lemgo"]
    # the Kommune facet still offers both (each facet ignores its own filter)
    assert len(response.context["search"].facets["kommune"]) == 2
    response = detmold_client.get(URL, {"q": "Glasfaser", "typ": "members.municipality"})
    assert titles(response) == []


def test_sort_by_date(detmold_client, detmold):
    old = ProjectFactory(title="Glasfaser alt", lead=detmold, start_date="2019-01-01")
    new = ProjectFactory(title="Glasfaser neu", lead=detmold, start_date="2025-01-01")
    index(old, new)
    response = detmold_client.get(URL, {"q": "Glasfaser", "sortierung": "datum"})
    assert titles(response) == ["Glasfaser neu", "Glasfaser alt"]
    years = [f["value"] for f in response.context["search"].facets["jahr"]]
    assert years == [2025, 2019]


def test_empty_query_shows_recent_items(detmold_client, detmold):
    index(ProjectFactory(title="Neuestes Vorhaben", lead=detmold))
    response = detmold_client.get(URL)
    assert response.status_code == 200
    assert "Neuestes Vorhaben" in response.content.decode()
    assert response.context["search"].page is None


BAD = [
    "",
    "   ",
    "x" * 1000,
    "Glasfaser " * 100,
    "und der die das",
    "!!! ??? ...",
    "&|!():*'\\",
    "Glas&|!():*'\\faser",
    "'; DROP TABLE search_searchentry; --",
    "Glas\x00faser",
    '"unclosed phrase',
    "-",
    "- - -Glasfaser",
    "Glasfaser OR",
    "OR OR",
    "ä" * 300,
    "\u202e\ufeff",
    "%_%",
]


@pytest.mark.parametrize("q", BAD)
def test_bad_input_never_fails(detmold_client, detmold, q):
    index(ProjectFactory(title="Glasfaser", lead=detmold))
    response = detmold_client.get(URL, {"q": q})
    assert response.status_code == 200
    assert SearchEntry.objects.filter(type_key="projects.project").exists()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Glasfaser", "typ": "gibt.es.nicht"},
        {"q": "Glasfaser", "kommune": "atlantis"},
        {"q": "Glasfaser", "jahr": "zwanzig"},
        {"q": "Glasfaser", "jahr": "99999999999999999999"},
        {"q": "Glasfaser", "sortierung": "zufall"},
        {"q": "Glasfaser", "seite": "-3"},
        {"q": "Glasfaser", "seite": "x\x00"},
    ],
)
def test_unknown_facet_values_are_ignored_with_a_message(detmold_client, detmold, params):
    index(ProjectFactory(title="Glasfaser", lead=detmold))
    response = detmold_client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == ["Glasfaser"]


def test_messages_for_long_and_punctuation_only_queries(detmold_client):
    page = detmold_client.get(URL, {"q": "x" * 1000}).context["search"]
    assert any("200" in m for m in page.messages)
    page = detmold_client.get(URL, {"q": "&|!():*'\\"}).context["search"]
    assert page.messages and page.page is None


@pytest.mark.skipif(not POSTGRES, reason="stop words exist only in PostgreSQL's german config")
def test_only_stop_words_explained(detmold_client):
    page = detmold_client.get(URL, {"q": "und der die das"}).context["search"]
    assert any("und" in m for m in page.messages)


def test_sqlite_page_does_not_claim_stemming(detmold_client):
    html = detmold_client.get(URL, {"q": "x"}).content.decode()
    if POSTGRES:
        assert "Formular" in html  # the hint explains stemming
    else:
        assert "Wortformen erkennt diese Installation nicht" in html
        assert "findet „Formular“" not in html


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow(detmold_client, detmold, django_assert_max_num_queries, size):
    projects = [ProjectFactory(title=f"Glasfaser {i}", lead=detmold) for i in range(size)]
    index(*projects)
    with django_assert_max_num_queries(12):
        response = detmold_client.get(URL, {"q": "Glasfaser"})
    assert response.context["search"].page.paginator.count == size


def test_pagination_keeps_the_query(detmold_client, detmold):
    index(*[ProjectFactory(title=f"Glasfaser {i}", lead=detmold) for i in range(25)])
    response = detmold_client.get(URL, {"q": "Glasfaser", "seite": 2})
    assert len(response.context["search"].results) == 5
    assert "q=Glasfaser" in response.content.decode()


def test_did_you_mean_on_both_backends(detmold_client, detmold):
    """A misspelt word finds nothing; the suggestion is the index's word, written as indexed
    (pg_trgm on PostgreSQL, difflib over the word list on SQLite)."""
    index(ProjectFactory(title="Videokonferenzlösung für alle", lead=detmold))
    response = detmold_client.get(URL, {"q": "Videokonferenslösung"})
    page = response.context["search"]
    assert page.page.paginator.count == 0
    assert page.suggestion == "Videokonferenzlösung"
    html = response.content.decode()
    assert "Meinten Sie" in html and "Nichts gefunden" in html
    assert "Zuletzt" not in html  # not the start page
    assert titles(detmold_client.get(URL, {"q": page.suggestion})) == [
        "Videokonferenzlösung für alle"
    ]
    # a word far from every indexed word gets no suggestion
    assert detmold_client.get(URL, {"q": "Zzyzx"}).context["search"].suggestion is None


def test_prefix_of_the_word_being_typed(detmold_client, detmold):
    index(ProjectFactory(title="Ratsinformationssystem", lead=detmold))
    assert titles(detmold_client.get(URL, {"q": "Ratsinform"})) == ["Ratsinformationssystem"]
