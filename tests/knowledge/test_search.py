"""Issue 10 item 11: the portal search finds articles (drafts only for those who may open
them), the network's story and its talks."""

import pytest
from django.urls import reverse

from knowledge import services
from knowledge.models import StoryEntry, Talk
from tests.knowledge.factories import StoryEntryFactory, TalkFactory
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


def test_articles_are_found_and_kept_current(client, guide, detmold_cdo, lemgo_cdo):
    client.force_login(lemgo_cdo)
    assert guide.title in titles(client.get(URL, {"q": "Ratssitzung"}))
    services.article_update(
        actor=detmold_cdo,
        article=guide,
        base_revision=1,
        data={"body": "Hybride Sitzungen mit Kamerapult"},
    )
    assert guide.title in titles(client.get(URL, {"q": "Kamerapult"}))
    assert not titles(client.get(URL, {"q": "Zeile zwei"}))


def test_checklist_items_are_found(client, checklist, lemgo_cdo):
    client.force_login(lemgo_cdo)
    assert checklist.title in titles(client.get(URL, {"q": "Personalrat"}))


def test_a_draft_is_found_only_by_who_may_open_it(client, guide, detmold_cdo, lemgo_cdo):
    services.article_set_status(actor=detmold_cdo, article=guide, status="draft")
    client.force_login(lemgo_cdo)
    assert not titles(client.get(URL, {"q": "Videokonferenz"}))
    client.force_login(detmold_cdo)
    # a draft is found with its state beside the title
    assert f"{guide.title} (Entwurf)" in titles(client.get(URL, {"q": "Videokonferenz"}))


def test_deleted_article_leaves_the_index(client, guide, admin_user, lemgo_cdo):
    services.article_delete(actor=admin_user, article=guide)
    client.force_login(lemgo_cdo)
    assert not titles(client.get(URL, {"q": "Videokonferenz"}))


def test_story_and_talks_are_found(client, coordinator, lemgo_cdo):
    entry = services.story_entry_save(
        actor=coordinator,
        entry=StoryEntry(section="lesson", title="Einfach machen!", body="Nicht warten."),
    )
    talk = services.talk_save(
        actor=coordinator,
        talk=Talk(title="IKZ in Lippe", date="2022-05-12", event="Fachtagung", speakers="Kora"),
    )
    client.force_login(lemgo_cdo)
    response = client.get(URL, {"q": "Einfach machen"})
    assert entry.title in titles(response)
    assert "/netzwerk/#lesson" in response.content.decode()
    assert talk.title in titles(client.get(URL, {"q": "Fachtagung"}))


def test_rebuild_indexes_factory_rows(client, lemgo_cdo):
    import io

    from django.core.management import call_command

    StoryEntryFactory(title="Die CDOs finden sich")
    TalkFactory(title="Vortrag beim Städtetag")
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    client.force_login(lemgo_cdo)
    assert "Die CDOs finden sich" in titles(client.get(URL, {"q": "CDOs finden"}))
    assert "Vortrag beim Städtetag" in titles(client.get(URL, {"q": "Städtetag"}))
