"""The read-only API: public data without a token, member data with one; pagination,
filters, 304, throttling, and clear 4xx answers to bad input."""

import pytest
from django.core.cache import cache

from public_site import services
from public_site.models import ApiToken

pytestmark = pytest.mark.django_db


def test_root_lists_the_endpoints(client):
    data = client.get("/api/v1/").json()
    assert data["status"].endswith("/api/v1/status/")
    assert data["netzwerk"].endswith("/api/v1/netzwerk/")
    assert data["termine"].endswith("/api/v1/termine/")


def test_public_story_items_and_upcoming_public_events(client, admin_user):
    import datetime as dt

    from django.utils import timezone

    from knowledge import services as knowledge_services
    from knowledge.models import StoryEntry, Talk

    today = timezone.localdate()
    StoryEntry.objects.create(
        section="success",
        title="Top 3 im Wettbewerb",
        when="2021",
        body="Bestes Kooperationsprojekt",
        is_public=True,
    )
    StoryEntry.objects.create(section="lesson", title="Intern: Streit ums Budget", body="x")
    Talk.objects.create(
        title="IKZ in Lippe",
        date=today + dt.timedelta(days=10),
        event="Kongress",
        speakers="A. Beispiel",
        is_public=True,
    )
    Talk.objects.create(
        title="Alter Vortrag",
        date=today - dt.timedelta(days=1),
        event="Tagung",
        speakers="B",
        is_public=True,
    )
    Talk.objects.create(title="Interner Vortrag", date=today + dt.timedelta(days=3),
                        event="Klausur", speakers="C")  # fmt: skip
    story = client.get("/api/v1/netzwerk/").json()
    assert [(r["titel"], r["wann"], r["abschnitt"]) for r in story["results"]] == [
        ("Top 3 im Wettbewerb", "2021", "success")
    ]
    events = client.get("/api/v1/termine/").json()
    assert [(r["titel"], r["datum"]) for r in events["results"]] == [
        ("IKZ in Lippe", (today + dt.timedelta(days=10)).isoformat())
    ]
    # a change in the knowledge app invalidates the cached answers
    etag = client.get("/api/v1/netzwerk/")["ETag"]
    entry = StoryEntry.objects.get(title="Intern: Streit ums Budget")
    entry.is_public = True
    knowledge_services.story_entry_save(actor=admin_user, entry=entry)
    again = client.get("/api/v1/netzwerk/")
    assert again["ETag"] != etag and again.json()["count"] == 2
    assert client.get("/api/v1/termine/?page=7").status_code == 404


def test_status_list_without_token_shows_only_released(client, released):
    data = client.get("/api/v1/status/").json()
    links = {row["link"] for row in data["results"]}
    assert "https://www.example.org/luegde/wohngeld" in links
    assert "https://www.example.org/detmold/geheim" not in links
    assert data["count"] == 2


def test_filters_and_pagination(client, released):
    data = client.get("/api/v1/status/", {"kommune": "luegde", "online": "true"}).json()
    assert [r["ozg_id"] for r in data["results"]] == ["10092"]
    data = client.get("/api/v1/status/", {"page_size": 1}).json()
    assert len(data["results"]) == 1 and data["next"]
    data = client.get("/api/v1/leistungen/", {"q": "Hund anmelden"}).json()
    assert data["results"][0]["ozg_id"] == "10160"
    data = client.get("/api/v1/kommunen/", {"art": "kreis"}).json()
    assert [k["slug"] for k in data["results"]] == ["kreis-lippe"]


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/v1/status/?page=0", 404),
        ("/api/v1/status/?page=abc", 404),
        ("/api/v1/status/?page=9999", 404),
        ("/api/v1/status/?page_size=100000", 400),
        ("/api/v1/status/?page_size=-1", 400),
        ("/api/v1/status/?reifegrad_min=abc", 400),
        ("/api/v1/status/?reifegrad_min=9", 400),
        ("/api/v1/status/?kommune=nirgendwo", 400),
        ("/api/v1/status/?umsetzungsstand=fertig", 400),
        ("/api/v1/leistungen/?themenfeld=%00", 400),
        ("/api/v1/kommunen/nirgendwo/", 404),
        ("/api/v1/leistungen/99999/", 404),
        ("/api/v1/leistungen/?page_size=0", 400),
        ("/api/v1/leistungen/?lage=abc", 400),
        ("/api/v1/status/?online=vielleicht", 400),
        ("/api/v1/termine/?page_size=501", 400),
    ],
)
def test_bad_input_is_a_clear_4xx(client, released, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")


def test_conditional_get(client, released):
    response = client.get("/api/v1/status/")
    assert response["ETag"] and response["Last-Modified"]
    assert client.get("/api/v1/status/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_token_reads_unreleased_statuses_and_revoked_token_is_refused(
    client, released, detmold_cdo
):
    token, raw = services.api_token_create(user=detmold_cdo, name="Dashboard")
    assert ApiToken.objects.get().key_hash != raw and raw not in ApiToken.objects.get().key_hash
    response = client.get("/api/v1/status/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    rows = response.json()["results"]
    private = next(r for r in rows if r["link"] == "https://www.example.org/detmold/geheim")
    assert private["veroeffentlicht"] is False
    assert all("notes" not in r and "notizen" not in r for r in rows)
    services.api_token_revoke(token=token, actor=detmold_cdo)
    response = client.get("/api/v1/status/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    for header in ["Bearer ikz_unknown", "Bearer", "Bearer a b", "Token nope"]:
        assert client.get("/api/v1/status/", HTTP_AUTHORIZATION=header).status_code == 401


def test_tokens_are_created_and_revoked_on_the_profile(
    client, detmold_client, detmold_cdo, lemgo_cdo
):
    page = detmold_client.get("/profil/").content.decode()
    assert "API-Tokens" in page
    response = detmold_client.post("/profil/api-token/", {"name": "Kreis-Dashboard"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw.startswith("ikz_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=detmold_cdo)
    assert "Kreis-Dashboard" in detmold_client.get("/profil/").content.decode()
    assert raw not in detmold_client.get("/profil/").content.decode()  # shown once only
    client.force_login(lemgo_cdo)  # a stranger cannot revoke it
    assert client.post(f"/profil/api-token/{token.pk}/widerrufen/").status_code == 404
    client.force_login(detmold_cdo)
    assert client.post(f"/profil/api-token/{token.pk}/widerrufen/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_anonymous_api_is_throttled_with_429_json(client, released, settings):
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**original, "anon": "2/min"}
    try:
        codes = [client.get("/api/v1/kommunen/").status_code for _ in range(3)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 429]


def test_openapi_schema_and_docs_page(client):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/status/" in schema.json()["paths"]
    docs = client.get("/api/v1/dokumentation/")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "<script>" not in body and "<style>" not in body  # strict CSP
    assert "/static/drf-yasg" not in body and "cdn" not in body.lower()
    script = client.get("/api/v1/dokumentation/?script=")
    assert script.status_code == 200
