"""Mentions and answers by email at once, after the commit, at most one per thread and hour
(issue 11 item 5)."""

import datetime as dt

from django.utils import timezone

from lippe_ikz import events
from notifications import services
from notifications.models import Notification
from tests.notifications.conftest import publish_post


def mention(author, target, whom, parent=None, capture=None):
    with capture(execute=True):
        return publish_post(author=author, target=target, users=[whom], parent=parent)


def test_a_mention_is_emailed_after_commit_with_unsubscribe_headers(
    project, detmold_cdo, lemgo_cdo, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        publish_post(author=lemgo_cdo, target=project, users=[detmold_cdo])
        assert mailoutbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    assert message.to == ["cdo.detmold@example.org"]
    assert message.subject == "Lars Entwurf hat Sie in „Bürgerserviceportal“ erwähnt"
    notification = Notification.objects.get(recipient=detmold_cdo)
    assert f"http://127.0.0.1:8000/benachrichtigungen/{notification.pk}/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/benachrichtigungen/abmelden/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    assert notification.emailed_at is not None


def test_one_email_per_thread_and_hour(project, detmold_cdo, lemgo_cdo, lage_cdo, mailoutbox,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    capture = django_capture_on_commit_callbacks
    first = mention(lemgo_cdo, project, detmold_cdo, capture=capture)
    mention(lage_cdo, project, detmold_cdo, parent=first, capture=capture)  # same thread
    mention(lemgo_cdo, project, detmold_cdo, parent=first, capture=capture)
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(recipient=detmold_cdo).count() == 3  # all in the portal
    mention(lemgo_cdo, project, detmold_cdo, capture=capture)  # another thread
    assert len(mailoutbox) == 2
    # An hour later the first thread may email again.
    Notification.objects.filter(emailed_at__isnull=False).update(
        emailed_at=timezone.now() - dt.timedelta(minutes=61)
    )
    mention(lage_cdo, project, detmold_cdo, parent=first, capture=capture)
    assert len(mailoutbox) == 3
    # Another person in the same thread has their own hour.
    mention(detmold_cdo, project, lemgo_cdo, parent=first, capture=capture)
    assert len(mailoutbox) == 4


def test_answer_is_emailed_and_running_the_task_twice_sends_once(
    project, detmold_cdo, lemgo_cdo, mailoutbox, django_capture_on_commit_callbacks
):
    question = publish_post(author=lemgo_cdo, target=project)
    reply = publish_post(author=detmold_cdo, target=project, parent=question)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        events.publish("discussions.answer.marked", reply, actor=detmold_cdo,
                       question=question, target=project)  # fmt: skip
    [message] = mailoutbox
    assert "Antwort auf Ihre Frage" in message.subject
    answer = Notification.objects.get(kind=Notification.Kind.ANSWER)
    assert services.notification_email(notification_id=answer.pk) == "done"
    assert len(mailoutbox) == 1


def test_preferences_switch_emails_off_per_kind(project, detmold_cdo, lemgo_cdo, mailoutbox,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    services.preference_update(person=detmold_cdo, data={"email_mention": False})
    mention(lemgo_cdo, project, detmold_cdo, capture=django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=detmold_cdo, emailed_at__isnull=True).exists()


def test_other_kinds_are_never_emailed(project, detmold_cdo, lemgo_cdo, mailoutbox,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    services.follow(user=detmold_cdo, obj=project)
    with django_capture_on_commit_callbacks(execute=True):
        publish_post(author=lemgo_cdo, target=project)  # a new post where Detmold follows
    assert Notification.objects.get(recipient=detmold_cdo).kind == Notification.Kind.FOLLOWED_POST
    assert mailoutbox == []


def test_email_in_the_recipients_language(project, detmold_cdo, lemgo_cdo, mailoutbox,
                                          django_capture_on_commit_callbacks):  # fmt: skip
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save()
    mention(lemgo_cdo, project, detmold_cdo, capture=django_capture_on_commit_callbacks)
    assert mailoutbox[0].subject == "Lars Entwurf mentioned you in “Bürgerserviceportal”"
