"""Nothing member-only leaves the public part: every public serializer, file and template
context is compared with an allow-list, and a secret note and a person's name planted in the
data appear in no public answer."""

import csv
import io
import json

import pytest
from django.core.paginator import Page
from django.db.models import Model

from members.models import Municipality, User
from ozg.models import Lebenslage, LeikaService, OzgService, Themenfeld
from public_site.api import serializers
from public_site.selectors import (
    PUBLIC_EVENT_FIELDS,
    PUBLIC_MUNICIPALITY_FIELDS,
    PUBLIC_SERVICE_FIELDS,
    PUBLIC_STATUS_FIELDS,
    PUBLIC_STORY_FIELDS,
)
from tests.public.conftest import SECRET_NOTE

pytestmark = pytest.mark.django_db

ALLOWED_STATUS = set(PUBLIC_STATUS_FIELDS)
# Model instances a public template may receive (public catalogue and Kommune data only).
ALLOWED_MODELS = (Municipality, OzgService, Themenfeld, Lebenslage, LeikaService)

PUBLIC_PAGES = [
    "/online-dienste/",
    "/online-dienste/luegde/",
    "/online-dienste/luegde/?q=Wohngeld",
    "/online-dienste/detmold/",
    "/online-dienste/leistungen/",
    "/online-dienste/leistungen/10092/",
    "/online-dienste/fortschritt/",
    "/online-dienste/daten/",
    "/online-dienste/leichte-sprache/",
]
PUBLIC_FILES = [
    "/online-dienste/daten/alle.csv",
    "/online-dienste/daten/alle.json",
    "/online-dienste/daten/luegde.csv",
    "/online-dienste/daten/luegde.json",
    "/online-dienste/daten/detmold.csv",
    "/online-dienste/daten/katalog.jsonld",
    "/api/v1/",
    "/api/v1/kommunen/",
    "/api/v1/kommunen/luegde/",
    "/api/v1/leistungen/",
    "/api/v1/leistungen/10092/",
    "/api/v1/status/",
    "/api/v1/status/?kommune=detmold",
    "/api/v1/netzwerk/",
    "/api/v1/termine/",
    "/api/v1/dokumentation/",
    "/barrierefreiheit/",
    "/sitemap.xml",
]


def _fields(serializer_class) -> set[str]:
    return set(serializer_class().fields)


def test_serializers_match_the_allow_lists():
    assert _fields(serializers.StatusSerializer) == ALLOWED_STATUS
    assert _fields(serializers.MemberStatusSerializer) == ALLOWED_STATUS | {"veroeffentlicht"}
    assert _fields(serializers.MunicipalitySerializer) == set(PUBLIC_MUNICIPALITY_FIELDS)
    assert _fields(serializers.ServiceSerializer) == set(PUBLIC_SERVICE_FIELDS)
    assert _fields(serializers.ServiceDetailSerializer) == set(PUBLIC_SERVICE_FIELDS) | {"stati"}
    assert _fields(serializers.StoryItemSerializer) == set(PUBLIC_STORY_FIELDS)
    assert _fields(serializers.EventSerializer) == set(PUBLIC_EVENT_FIELDS)
    forbidden = {"notes", "updated_by", "changed_by", "costs", "email", "phone", "is_demo"}
    for serializer_class in serializers.PUBLIC_SERIALIZERS:
        assert not _fields(serializer_class) & forbidden


def test_api_answers_have_exactly_the_serializer_fields(client, released):
    status = client.get("/api/v1/status/").json()["results"]
    assert status and all(set(row) == ALLOWED_STATUS for row in status)
    kommunen = client.get("/api/v1/kommunen/").json()["results"]
    assert all(set(k) == set(PUBLIC_MUNICIPALITY_FIELDS) for k in kommunen)
    services = client.get("/api/v1/leistungen/").json()["results"]
    assert all(set(s) == set(PUBLIC_SERVICE_FIELDS) for s in services)
    detail = client.get("/api/v1/leistungen/10092/").json()
    assert set(detail) == set(PUBLIC_SERVICE_FIELDS) | {"stati"}
    assert all(set(row) == ALLOWED_STATUS for row in detail["stati"])
    story = client.get("/api/v1/netzwerk/").json()["results"]
    assert story and all(set(row) == set(PUBLIC_STORY_FIELDS) for row in story)
    events = client.get("/api/v1/termine/").json()["results"]
    assert events and all(set(row) == set(PUBLIC_EVENT_FIELDS) for row in events)


def test_open_data_columns_are_stable_and_allowed(client, released):
    text = client.get("/online-dienste/daten/alle.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert list(rows[0]) == list(PUBLIC_STATUS_FIELDS)
    data = json.loads(client.get("/online-dienste/daten/alle.json").content)
    assert data["felder"] == list(PUBLIC_STATUS_FIELDS)
    assert all(set(row) == ALLOWED_STATUS for row in data["daten"])


def _walk(value, seen, path="context"):
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Model):
        assert isinstance(value, ALLOWED_MODELS), f"{path}: {type(value).__name__} in a public page"
        return
    if isinstance(value, Page):
        value = list(value.object_list)
    if isinstance(value, dict):
        if {"ozg_id", "reifegrad"} <= set(value):
            assert set(value) <= ALLOWED_STATUS, f"{path}: {set(value) - ALLOWED_STATUS}"
        for key, item in value.items():
            _walk(item, seen, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _walk(item, seen, f"{path}[{index}]")


PAGE_CONTEXT_KEYS = {
    "kommunen", "themenfelder", "municipality", "filter", "page", "summary", "query",
    "total_services", "service", "leika", "online", "rows", "chart", "levels", "totals",
    "fields", "license",
}  # fmt: skip


# Keys that Django, the context processors and the templates' own loops put in the context.
FRAMEWORK_KEYS = {
    "request", "user", "perms", "csrf_token", "LANGUAGES", "LANGUAGE_CODE", "LANGUAGE_BIDI",
    "messages", "DEFAULT_MESSAGE_LEVELS", "portal_name", "main_navigation", "True", "False",
    "None", "block", "forloop", "s", "k", "r", "f", "c", "name", "kind", "meaning", "e",
    "sql_queries", "debug", "view", "t", "level", "label", "bar", "chart_id", "title",
    "first_col", "caption", "field", "widget", "attrs", "errors", "hint", "id",
    "group_name", "option", "group_choices", "group_index", "form", "label_tag", "help_text",
    "services_url", "start_url",
    # notifications' bell: a lazy count that is 0 without a logged-in person (no query)
    "unread_notifications",
    # the user menu's entries (empty without a logged-in person)
    "user_navigation",
}  # fmt: skip


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_template_contexts_hold_only_allowed_data(client, released, url):
    response = client.get(url)
    assert response.status_code == 200
    contexts = response.context if isinstance(response.context, list) else [response.context]
    own = {}
    for context in contexts:
        for layer in context.dicts:
            own.update(layer)
    assert set(own) & PAGE_CONTEXT_KEYS or url.endswith("leichte-sprache/")
    seen = set()
    for key in PAGE_CONTEXT_KEYS & set(own):
        _walk(own[key], seen, key)
    extra = {k for k in own if not k.startswith("_")} - PAGE_CONTEXT_KEYS - FRAMEWORK_KEYS
    assert not extra, f"unexpected context keys {extra}: add them to the allow-list on purpose"


@pytest.mark.parametrize("url", PUBLIC_PAGES + PUBLIC_FILES)
def test_secret_note_and_people_never_appear(client, released, detmold_cdo, url):
    body = client.get(url).content.decode("utf-8-sig")
    assert SECRET_NOTE not in body
    assert detmold_cdo.full_name not in body and detmold_cdo.email not in body
    assert "detmold/geheim" not in body  # Detmold did not release


def test_member_token_sees_unreleased_but_still_no_notes_or_people(client, released, detmold_cdo):
    from public_site import services

    _token, raw = services.api_token_create(user=detmold_cdo, name="t")
    body = client.get("/api/v1/status/", HTTP_AUTHORIZATION=f"Bearer {raw}").content.decode()
    assert "detmold/geheim" in body
    assert SECRET_NOTE not in body and detmold_cdo.full_name not in body
    assert User.objects.exists()
