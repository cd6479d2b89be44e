"""Every write of the discussions app. Each service checks its permission (403 otherwise),
validates before writing (nothing is saved on bad input) and publishes its domain event."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from discussions import mentions, permissions
from discussions.models import Post, Report
from lippe_ikz import events
from lippe_ikz.links import absolute_url
from members.models import Membership, Municipality, User

logger = logging.getLogger(__name__)


def _clean_body(body: str) -> tuple[str, list, list]:
    """The text as saved and the people and Kommunen it mentions; ValidationError otherwise."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write something before posting.")})
    limit = settings.DISCUSSIONS_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _(
                    "A post may have at most %(limit)s characters; yours has %(count)s. "
                    "Please shorten it or split it into several posts."
                )
                % {
                    "limit": f"{limit:,}".replace(",", "."),
                    "count": f"{len(body):,}".replace(",", "."),
                }
            }
        )
    found, unknown = mentions.parse(
        body,
        people=mentions.people_lookup(User.objects.filter(is_active=True).only("pk", "full_name")),
        kommunen=mentions.kommune_lookup(Municipality.objects.only("pk", "name", "slug")),
    )
    if unknown:
        raise ValidationError(
            {
                "body": _(
                    "Nobody in the network is called %(names)s. Write @ followed by a member's "
                    "full name (e.g. @First Last) or ! followed by a Kommune (e.g. !Lemgo)."
                )
                % {"names": ", ".join(dict.fromkeys(unknown))}
            }
        )
    users = list({m.obj.pk: m.obj for m in found if m.kind == mentions.PERSON}.values())
    kommunen = list({m.obj.pk: m.obj for m in found if m.kind == mentions.KOMMUNE}.values())
    return body, users, kommunen


def _save_new(post: Post, users, kommunen) -> Post:
    post.full_clean()
    post.save()
    post.mentioned_users.set(users)
    post.mentioned_municipalities.set(kommunen)
    events.publish(
        "discussions.post.created",
        post,
        actor=post.author,
        target=post.target,
        parent=post.parent,
        mentioned_users=users,
        mentioned_municipalities=kommunen,
    )
    return post


@transaction.atomic
def post_create(*, author: User, target, body: str, is_question: bool = False) -> Post:
    """A new top-level post (optionally a question) on a discussable object."""
    if not permissions.can_post(author, target):
        raise PermissionDenied
    body, users, kommunen = _clean_body(body)
    post = Post(target=target, author=author, body=body, is_question=is_question)
    return _save_new(post, users, kommunen)


@transaction.atomic
def reply_create(*, author: User, parent: Post, body: str) -> Post:
    """A reply to a top-level post (one level of nesting)."""
    if parent.parent_id is not None:
        raise ValidationError(_("Replies go to the first post of a thread."))
    if not parent.is_visible:
        raise ValidationError(_("This post was removed; it can no longer be answered."))
    if not permissions.can_reply(author, parent):
        raise PermissionDenied
    body, users, kommunen = _clean_body(body)
    post = Post(
        content_type_id=parent.content_type_id,
        object_id=parent.object_id,
        parent=parent,
        author=author,
        body=body,
    )
    post.target = parent.target
    return _save_new(post, users, kommunen)


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    """The author changes the text within the edit window; the page then shows "bearbeitet"."""
    if not permissions.can_edit(actor, post):
        raise PermissionDenied
    body, users, kommunen = _clean_body(body)
    post.body = body
    post.edited_at = timezone.now()
    post.full_clean()
    post.save(update_fields=["body", "edited_at"])
    post.mentioned_users.set(users)
    post.mentioned_municipalities.set(kommunen)
    events.publish("discussions.post.changed", post, actor=actor, target=post.target)
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """Soft delete by the author or a moderator: the thread shows "Beitrag gelöscht"."""
    if not permissions.can_delete(actor, post):
        raise PermissionDenied
    post.deleted_at = timezone.now()
    post.deleted_by = actor
    post.save(update_fields=["deleted_at", "deleted_by"])
    events.publish("discussions.post.deleted", post, actor=actor, target=post.target)
    return post


@transaction.atomic
def post_hide(*, actor: User, post: Post, reason: str) -> Post:
    """A moderator hides a post; the author sees the reason, everybody else a notice."""
    if not permissions.can_hide(actor, post):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason; the author will see it.")})
    post.hidden_at = timezone.now()
    post.hidden_by = actor
    post.hidden_reason = reason
    post.full_clean()
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    events.publish("discussions.post.hidden", post, actor=actor, target=post.target, reason=reason)
    return post


@transaction.atomic
def answer_mark(*, actor: User, reply: Post) -> Post:
    """Mark `reply` as the answer to its question (the answering Kommunen and admins)."""
    question = reply.parent
    if question is None or not reply.is_visible:
        raise ValidationError(_("Only a visible reply to a question can be its answer."))
    if not permissions.can_mark_answer(actor, question):
        raise PermissionDenied
    question.answer = reply
    question.save(update_fields=["answer"])
    events.publish(
        "discussions.answer.marked", reply, actor=actor, question=question, target=question.target
    )
    return reply


@transaction.atomic
def post_report(*, reporter: User, post: Post, reason: str) -> Report:
    """Anyone but the author reports a post; the moderators get an email after the commit."""
    if not permissions.can_report(reporter, post):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please tell the moderators what is wrong.")})
    if Report.objects.filter(post=post, reporter=reporter).exists():
        raise ValidationError(_("You have already reported this post."))
    report = Report(post=post, reporter=reporter, reason=reason)
    report.full_clean()
    report.save()

    def email_later(report_id=report.pk):
        from discussions.tasks import email_report

        email_report.delay(report_id)

    transaction.on_commit(email_later)
    return report


def moderator_emails() -> list[str]:
    staff = User.objects.filter(is_active=True, is_staff=True).values_list("email", flat=True)
    coordination = User.objects.filter(
        is_active=True, memberships__role=Membership.Role.KREIS_COORDINATION
    ).values_list("email", flat=True)
    return sorted({e for e in [*staff, *coordination] if e})


@transaction.atomic
def report_notify(*, report_id: int) -> bool:
    """Email the moderators about a report, exactly once (called by the Celery task)."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("post", "post__author", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.emailed_at is not None:
        return False
    recipients = moderator_emails()
    if not recipients:
        return False
    report.emailed_at = timezone.now()
    report.save(update_fields=["emailed_at"])
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "post": report.post,
            "url": absolute_url(report.post.get_absolute_url()),
        }
        subject = _("Post reported in the IKZ-Portal Lippe")
        body = render_to_string("discussions/email/report.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients).send()
    logger.info("discussions: emailed %s moderators about report %s", len(recipients), report.pk)
    return True
