import datetime as dt

import pytest
from django.utils import timezone

from digests import services as digest_services
from knowledge.models import Article

pytestmark = pytest.mark.django_db


def test_overdue_article_in_the_owners_digest_and_dashboard(client, guide, detmold_cdo):
    Article.objects.filter(pk=guide.pk).update(last_reviewed_at=dt.date(2020, 1, 1))
    digest = digest_services.compose_digest(person=detmold_cdo, until=timezone.now())
    sections = {section.key: items for section, items in digest.sections}
    assert [i.title for i in sections["knowledge_review"]] == [guide.title]
    assert sections["knowledge_review"][0].url.endswith(guide.get_absolute_url())
    client.force_login(detmold_cdo)
    assert guide.title in client.get("/").content.decode()
    client.post(f"/wissen/{guide.slug}/geprueft/")
    assert guide.title not in client.get("/").content.decode()
    digest = digest_services.compose_digest(person=detmold_cdo, until=timezone.now())
    assert "knowledge_review" not in {section.key for section, _items in digest.sections}


def test_bulk_prefetch_matches_direct(guide, detmold_cdo, lemgo_cdo):
    from knowledge import selectors

    Article.objects.filter(pk=guide.pk).update(last_reviewed_at=dt.date(2020, 1, 1))
    bulk = selectors.overdue_articles_by_user(user_ids=[detmold_cdo.pk, lemgo_cdo.pk])
    assert bulk == {detmold_cdo.pk: [guide], lemgo_cdo.pk: []}
