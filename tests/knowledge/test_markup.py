"""Structural accessibility of the knowledge pages (what axe would also flag): one h1, no
skipped heading levels, unique ids, a label for every field, status as text."""

import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from knowledge import services
from tests.knowledge.factories import StoryEntryFactory, TalkFactory

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.headings, self.fields, self.labels = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs.get("id"))
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])


def assert_well_formed(html: str, url: str) -> None:
    outline = Outline()
    outline.feed(html)
    assert outline.headings.count(1) == 1, url
    skips = [(a, b) for a, b in pairwise(outline.headings) if b > a + 1]
    assert not skips, (url, skips)
    duplicates = {i for i in outline.ids if outline.ids.count(i) > 1}
    assert not duplicates, (url, duplicates)
    unlabelled = [f for f in outline.fields if f not in outline.labels]
    assert not unlabelled, (url, unlabelled)
    assert 'style="' not in html and "<script>" not in html, url


def test_pages_are_well_formed(
    client, guide, checklist, detmold_cdo, lemgo, lemgo_cdo, coordinator
):
    services.article_update(
        actor=detmold_cdo, article=guide, base_revision=1, data={"body": "Zeile eins\nNeu"}
    )
    services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    StoryEntryFactory(is_public=True)
    TalkFactory()
    for url in ("/netzwerk/", "/netzwerk/anfrage/"):
        assert_well_formed(client.get(url).content.decode(), url)
    client.force_login(lemgo_cdo)
    urls = [
        "/wissen/",
        "/wissen/neu/",
        guide.get_absolute_url(),
        f"/wissen/{guide.slug}/versionen/",
        checklist.get_absolute_url(),
        f"/wissen/{checklist.slug}/uebernahmen/",
        f"/wissen/{checklist.slug}/uebernahmen/lemgo/",
        f"/wissen/{checklist.slug}/uebernahmen/lemgo/punkte/{checklist.items.first().pk}/massnahme/",
        "/wer-weiss-was/",
        "/wer-weiss-was/meine/",
        "/netzwerk/",
        "/",
        "/kommunen/lemgo/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_well_formed(response.content.decode(), url)
    client.force_login(coordinator)
    for url in ("/netzwerk/anfragen/", "/netzwerk/eintraege/neu/", "/netzwerk/vortraege/neu/"):
        assert_well_formed(client.get(url).content.decode(), url)


def test_conflict_page_is_well_formed(client, guide, detmold_cdo):
    services.article_update(
        actor=detmold_cdo, article=guide, base_revision=1, data={"body": "Anna"}
    )
    client.force_login(detmold_cdo)
    response = client.post(
        f"/wissen/{guide.slug}/bearbeiten/",
        {
            "kind": "guide",
            "title": guide.title,
            "summary": guide.summary,
            "body": "Bernd",
            "municipality": guide.municipality_id,
            "owner": detmold_cdo.pk,
            "review_interval": 365,
            "base_revision": 1,
        },
    )
    html = response.content.decode()
    assert "Anna" in html and "Bernd" in html
    assert_well_formed(html, "conflict")
