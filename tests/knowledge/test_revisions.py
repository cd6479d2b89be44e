"""Issue 10 items 2 and 3 through the pages: any two revisions compared, an old one restored as
a new revision, "geprüft, unverändert" resetting the review date."""

import datetime as dt

import pytest
from django.utils import timezone

from knowledge import services
from knowledge.models import Article

pytestmark = pytest.mark.django_db


def _three_revisions(guide, actor):
    for number, body in ((1, "Zeile eins\nZeile drei"), (2, "Zeile eins\nZeile vier")):
        services.article_update(
            actor=actor, article=guide, base_revision=number, data={"body": body}, note=f"S{number}"
        )


def test_any_two_revisions_compared_either_way(detmold_client, guide, detmold_cdo):
    _three_revisions(guide, detmold_cdo)
    response = detmold_client.get(f"/wissen/{guide.slug}/versionen/?alt=1&neu=3")
    assert (response.context["old"].number, response.context["new"].number) == (1, 3)
    diff = {d.label: [(line.op, line.text) for line in d.lines] for d in response.context["diff"]}
    body = diff["Text"]
    assert ("delete", "Zeile zwei") in body and ("insert", "Zeile vier") in body
    assert ("equal", "Zeile eins") in body and all("drei" not in t for _op, t in body)
    back = detmold_client.get(f"/wissen/{guide.slug}/versionen/?alt=3&neu=1").context["diff"]
    assert ("insert", "Zeile zwei") in [(x.op, x.text) for x in back[2].lines]
    # Unknown numbers fall back to the newest revision and its predecessor.
    fallback = detmold_client.get(f"/wissen/{guide.slug}/versionen/?alt=x&neu=99")
    assert (fallback.context["old"].number, fallback.context["new"].number) == (2, 3)


def test_restore_through_the_page_adds_a_revision(detmold_client, guide, detmold_cdo):
    _three_revisions(guide, detmold_cdo)
    response = detmold_client.post(f"/wissen/{guide.slug}/versionen/1/wiederherstellen/")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.revision_number == 4 and guide.body == "Zeile eins\nZeile zwei"
    newest = guide.revisions.first()
    assert newest.author == detmold_cdo and "1" in newest.note
    assert guide.revisions.count() == 4  # nothing overwritten


def test_reviewed_unchanged_resets_the_date_and_leaves_the_text(detmold_client, guide, detmold_cdo):
    Article.objects.filter(pk=guide.pk).update(
        last_reviewed_at=timezone.localdate() - dt.timedelta(days=400)
    )
    guide.refresh_from_db()
    assert guide.is_overdue
    page = detmold_client.get(guide.get_absolute_url()).content.decode()
    assert f'action="/wissen/{guide.slug}/geprueft/"' in page
    assert detmold_client.post(f"/wissen/{guide.slug}/geprueft/").status_code == 302
    guide.refresh_from_db()
    assert guide.last_reviewed_at == timezone.localdate() and not guide.is_overdue
    assert guide.revision_number == 1
    assert guide.title not in detmold_client.get("/").content.decode()
