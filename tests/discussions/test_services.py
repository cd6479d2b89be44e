import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from discussions import selectors, services
from discussions.models import Post, Report
from lippe_ikz import events
from lippe_ikz.privacy import personal_data

pytestmark = pytest.mark.django_db


def test_create_publishes_event_with_mentions(project, lemgo_cdo, detmold_cdo, detmold):
    with events.capture() as published:
        post = services.post_create(
            author=lemgo_cdo, target=project, body="Frage an @Dana Demo und !Detmold"
        )
    assert [e.kind for e in published] == ["discussions.post.created"]
    event = published[0]
    assert event.data["target"] == project
    assert event.data["parent"] is None
    assert event.data["mentioned_users"] == [detmold_cdo]
    assert event.data["mentioned_municipalities"] == [detmold]
    assert list(post.mentioned_users.all()) == [detmold_cdo]
    assert post.get_absolute_url() == f"{project.get_absolute_url()}#beitrag-{post.pk}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Bitte schreiben Sie etwas"),
        ("x" * 100_000, "höchstens 10.000 Zeichen haben; Ihrer hat 100.000"),
        ("Hallo @Niemand Unbekannt", "Im Netzwerk heißt niemand @Niemand Unbekannt"),
    ],
)
def test_bad_input_saves_nothing(project, lemgo_cdo, body, message):
    with pytest.raises(ValidationError) as exc, events.capture() as published:
        services.post_create(author=lemgo_cdo, target=project, body=body)
    assert message in " ".join(exc.value.message_dict["body"])
    assert not Post.objects.exists()
    assert published == []


def test_script_is_rendered_harmless(project, lemgo_cdo):
    post = services.post_create(
        author=lemgo_cdo, target=project, body="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    post = selectors.post_for_action(post.pk)
    html = selectors.rendered(post)
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html


def test_reply_to_deleted_post_is_refused(question, lemgo_cdo, detmold_cdo):
    services.post_delete(actor=lemgo_cdo, post=question)
    with pytest.raises(ValidationError):
        services.reply_create(author=detmold_cdo, parent=question, body="Antwort")
    assert question.replies.count() == 0


def test_reply_to_a_reply_is_refused(reply, lemgo_cdo):
    with pytest.raises(ValidationError):
        services.reply_create(author=lemgo_cdo, parent=reply, body="Zu tief")
    assert Post.objects.count() == 2


def test_edit_within_window_marks_edited_and_keeps_history(question, lemgo_cdo):
    services.post_edit(actor=lemgo_cdo, post=question, body="Wie weit seid ihr genau?")
    question.refresh_from_db()
    assert question.edited_at is not None
    assert [h.body for h in question.history.order_by("history_date")] == [
        "Wie weit seid ihr?",
        "Wie weit seid ihr genau?",
    ]


def test_edit_after_window_is_denied(question, lemgo_cdo, settings):
    Post.objects.filter(pk=question.pk).update(
        created_at=timezone.now()
        - dt.timedelta(minutes=settings.DISCUSSIONS_EDIT_WINDOW_MINUTES + 1)
    )
    question.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=lemgo_cdo, post=question, body="Zu spät")
    question.refresh_from_db()
    assert question.body == "Wie weit seid ihr?"


def test_delete_by_other_member_denied_by_moderator_allowed(question, stranger, coordinator):
    with pytest.raises(PermissionDenied):
        services.post_delete(actor=stranger, post=question)
    assert Post.objects.get(pk=question.pk).deleted_at is None
    with events.capture() as published:
        services.post_delete(actor=coordinator, post=question)
    assert Post.objects.get(pk=question.pk).deleted_by == coordinator
    assert [e.kind for e in published] == ["discussions.post.deleted"]


def test_hide_needs_moderator_and_reason(question, stranger, coordinator):
    with pytest.raises(PermissionDenied):
        services.post_hide(actor=stranger, post=question, reason="Nein")
    with pytest.raises(ValidationError):
        services.post_hide(actor=coordinator, post=question, reason=" ")
    assert Post.objects.get(pk=question.pk).hidden_at is None
    with events.capture() as published:
        services.post_hide(actor=coordinator, post=question, reason="Werbung")
    assert published[0].kind == "discussions.post.hidden"
    assert published[0].data["reason"] == "Werbung"


def test_mark_answer_by_lead_only(question, reply, stranger, lemgo_cdo, detmold_cdo):
    for person in (stranger, lemgo_cdo):  # another Kommune; the asker of another Kommune
        with pytest.raises(PermissionDenied):
            services.answer_mark(actor=person, reply=reply)
    assert Post.objects.get(pk=question.pk).answer is None
    with events.capture() as published:
        services.answer_mark(actor=detmold_cdo, reply=reply)
    assert Post.objects.get(pk=question.pk).answer == reply
    assert published[0].kind == "discussions.answer.marked"
    assert published[0].data["question"] == question


def test_report_emails_moderators_once(
    question, stranger, coordinator, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.post_report(reporter=stranger, post=question, reason="Unpassend")
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {coordinator.email, admin_user.email}
    assert "Unpassend" in mail.outbox[0].body
    assert services.report_notify(report_id=report.pk) is False  # safe to run twice
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        services.post_report(reporter=stranger, post=question, reason="Nochmal")
    assert Report.objects.count() == 1


def test_author_cannot_report_own_post(question, lemgo_cdo):
    with pytest.raises(PermissionDenied):
        services.post_report(reporter=lemgo_cdo, post=question, reason="x")


def test_open_questions_older_than_a_week_for_lead(question, detmold_cdo, stranger, admin_user):
    assert selectors.open_questions_for(user=detmold_cdo) == []  # not a week old yet
    Post.objects.filter(pk=question.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    assert selectors.open_questions_for(user=detmold_cdo) == [question]
    assert selectors.open_questions_for(user=admin_user) == [question]
    assert selectors.open_questions_for(user=stranger) == []


def test_posts_in_personal_data_export(question, lemgo_cdo):
    parts = personal_data(lemgo_cdo)["discussions"]
    assert parts[0].name == "posts"
    assert parts[0].rows[0]["text"] == "Wie weit seid ihr?"
    assert parts[0].rows[0]["on"] == "Gemeinsame E-Akte"
