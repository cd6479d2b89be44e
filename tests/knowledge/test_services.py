"""Articles keep every revision; a second save based on an old revision is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from knowledge import selectors, services
from knowledge.models import Adoption, Article, Revision
from lippe_ikz import events
from tests.workshops.factories import MeetingFactory
from workshops import selectors as workshop_selectors

pytestmark = pytest.mark.django_db


def _edit(actor, article, base, body, note=""):
    return services.article_update(
        actor=actor, article=article, base_revision=base, data={"body": body}, note=note
    )


def test_every_save_keeps_a_revision_with_author_and_note(guide, detmold_cdo):
    assert guide.revision_number == 1
    _edit(detmold_cdo, guide, 1, "Neu", note="Kürzer")
    guide.refresh_from_db()
    assert guide.revision_number == 2
    revs = list(guide.revisions.order_by("number"))
    assert [r.body for r in revs] == ["Zeile eins\nZeile zwei", "Neu"]
    assert revs[1].author == detmold_cdo and revs[1].note == "Kürzer"


def test_stale_save_is_refused_and_nothing_is_lost(guide, detmold_cdo):
    _edit(detmold_cdo, guide, 1, "Version von Anna")
    with pytest.raises(services.StaleRevision) as exc:
        _edit(detmold_cdo, guide, 1, "Version von Bernd")
    assert exc.value.current.body == "Version von Anna"
    guide.refresh_from_db()
    assert guide.body == "Version von Anna"
    assert guide.revisions.count() == 2


def test_restore_adds_a_new_revision(guide, detmold_cdo):
    _edit(detmold_cdo, guide, 1, "Falsch")
    services.article_restore(
        actor=detmold_cdo, article=guide, revision=guide.revisions.get(number=1)
    )
    guide.refresh_from_db()
    assert guide.body == "Zeile eins\nZeile zwei"
    assert guide.revision_number == 3
    assert "1" in guide.revisions.get(number=3).note


def test_diff_marks_removed_and_added_lines():
    old = Revision(title="A", summary="S", body="eins\nzwei\ndrei")
    new = Revision(title="A", summary="S", body="eins\nZWEI\ndrei")
    title, summary, body = selectors.revision_diff(old, new)
    assert not title.changed and body.changed
    assert [(line.op, line.text) for line in body.lines] == [
        ("equal", "eins"),
        ("delete", "zwei"),
        ("insert", "ZWEI"),
        ("equal", "drei"),
    ]


def test_events_are_published(detmold_cdo, detmold):
    with events.capture() as published:
        article = services.article_create(
            actor=detmold_cdo,
            data={
                "kind": "faq",
                "title": "FAQ",
                "summary": "s",
                "municipality": detmold,
                "owner": detmold_cdo,
            },
        )
        _edit(detmold_cdo, article, 1, "x")
    assert [e.kind for e in published] == ["knowledge.article.created", "knowledge.article.changed"]


def test_stranger_cannot_edit(guide, lemgo_cdo):
    with pytest.raises(PermissionDenied):
        _edit(lemgo_cdo, guide, 1, "Fremd")
    guide.refresh_from_db()
    assert guide.body == "Zeile eins\nZeile zwei"


def test_only_owner_or_admin_archives(guide, detmold, detmold_cdo, admin_user):
    from tests.members.factories import MembershipFactory

    colleague = MembershipFactory(municipality=detmold, role="staff").user
    with pytest.raises(PermissionDenied):
        services.article_set_status(actor=colleague, article=guide, status="archived")
    services.article_set_status(actor=detmold_cdo, article=guide, status="archived")
    assert Article.objects.get(pk=guide.pk).status == "archived"


def test_overdue_and_reviewed_unchanged(guide, detmold_cdo):
    import datetime as dt

    Article.objects.filter(pk=guide.pk).update(last_reviewed_at=dt.date(2020, 1, 1))
    assert selectors.overdue_articles_for(user=detmold_cdo) == [guide]
    services.article_mark_reviewed(actor=detmold_cdo, article=Article.objects.get(pk=guide.pk))
    assert selectors.overdue_articles_for(user=detmold_cdo) == []
    assert Article.objects.get(pk=guide.pk).revision_number == 1  # unchanged text


def test_checklist_items_keep_ticks_when_edited(checklist, detmold_cdo, lemgo, lemgo_cdo):
    adoption = services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    first = checklist.items.get(text="Aktenplan festlegen")
    services.adoption_item_set_done(actor=lemgo_cdo, adoption=adoption, item=first, done=True)
    services.article_update(
        actor=detmold_cdo,
        article=checklist,
        base_revision=1,
        data={},
        items=["Aktenplan festlegen", "Neuer Punkt"],
    )
    assert [i.text for i in checklist.items.order_by("order")] == [
        "Aktenplan festlegen",
        "Neuer Punkt",
    ]
    assert adoption.entries.get(item=first).is_done


def test_adopt_tick_and_turn_into_action_item(checklist, lemgo, lemgo_cdo):
    meeting = MeetingFactory(host=lemgo, title="Jour fixe Lemgo")
    adoption = services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    assert (
        services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo) == adoption
    )
    item = checklist.items.get(text="Personalrat beteiligen")
    entry = services.adoption_item_to_action(
        actor=lemgo_cdo, adoption=adoption, item=item, origin=meeting, data={"due_date": None}
    )
    assert entry.action_item.title == "Personalrat beteiligen"
    assert entry.action_item.responsible_municipality == lemgo
    assert entry.action_item in workshop_selectors.open_action_items_for(user=lemgo_cdo)
    with pytest.raises(ValidationError):
        services.adoption_item_to_action(
            actor=lemgo_cdo, adoption=adoption, item=item, origin=meeting, data={}
        )


def test_other_kommune_cannot_adopt_or_tick_for_lemgo(checklist, lemgo, lemgo_cdo, detmold_cdo):
    with pytest.raises(PermissionDenied):
        services.adoption_create(actor=detmold_cdo, article=checklist, municipality=lemgo)
    assert not Adoption.objects.exists()
    adoption = services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    with pytest.raises(PermissionDenied):
        services.adoption_item_set_done(
            actor=detmold_cdo, adoption=adoption, item=checklist.items.first(), done=True
        )
    assert not adoption.entries.filter(done_at__isnull=False).exists()


def test_draft_cannot_be_adopted(checklist, detmold_cdo, lemgo, lemgo_cdo):
    services.article_set_status(actor=detmold_cdo, article=checklist, status="draft")
    with pytest.raises(ValidationError):
        services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
