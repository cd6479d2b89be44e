"""Who may do what in a discussion.

Every active member reads and writes the threads of the objects they may see (a draft
article's thread only with the draft). Authors edit their posts within
``DISCUSSIONS_EDIT_WINDOW_MINUTES``; authors and moderators (admins and the
Kreis-Koordination) delete; moderators hide with a reason; everyone but the author reports.
The people of the target's answering Kommunen (lippe_ikz.discussable) and admins mark a
reply as the answer to a question.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from lippe_ikz.discussable import target_for_model
from members.permissions import is_admin_or_kreis_coordination, municipality_ids_for


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_moderator(user) -> bool:
    """Admins and the Kreis-Koordination moderate."""
    return is_admin_or_kreis_coordination(user)


def can_view_target(user, target) -> bool:
    if not _active(user) or target is None:
        return False
    registration = target_for_model(target.__class__)
    if registration is None:
        return False
    return registration.can_view is None or registration.can_view(user, target)


def can_post(user, target) -> bool:
    return can_view_target(user, target)


def can_reply(user, parent) -> bool:
    return parent.parent_id is None and parent.is_visible and can_view_target(user, parent.target)


def edit_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.DISCUSSIONS_EDIT_WINDOW_MINUTES)


def can_edit(user, post, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        _active(user)
        and post.author_id == user.pk
        and post.is_visible
        and now - post.created_at <= edit_window()
    )


def can_delete(user, post) -> bool:
    return (
        _active(user)
        and post.deleted_at is None
        and (post.author_id == user.pk or is_moderator(user))
    )


def can_hide(user, post) -> bool:
    return post.is_visible and is_moderator(user)


def can_report(user, post) -> bool:
    return _active(user) and post.is_visible and post.author_id != user.pk


def answerer_ids(target) -> set[int]:
    registration = target_for_model(target.__class__) if target is not None else None
    return registration.answerers(target) if registration is not None else set()


def can_mark_answer(user, question, *, answerers: set[int] | None = None) -> bool:
    """`answerers` may be passed in when a page checks many replies of one target."""
    if not _active(user) or not question.is_question or not question.is_visible:
        return False
    if user.is_staff:
        return True
    if answerers is None:
        answerers = answerer_ids(question.target)
    return bool(answerers & municipality_ids_for(user))
