"""Every non-trivial read of the discussions app; a thread's query count does not grow with
its posts (authors, their memberships and the mentions are loaded in fixed queries)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from discussions import mentions, permissions
from discussions.models import Post
from lippe_ikz.discussable import discussion_targets
from lippe_ikz.markdown import render_markdown
from members.models import Membership, Municipality, User
from members.permissions import municipality_ids_for


def _with_people(qs: QuerySet[Post]) -> QuerySet[Post]:
    return qs.select_related("author", "hidden_by").prefetch_related(
        Prefetch(
            "author__memberships",
            queryset=Membership.objects.select_related("municipality").order_by(
                "municipality__name"
            ),
        ),
        "mentioned_users",
        "mentioned_municipalities",
    )


def role_line(user) -> str:
    """ "CDO, Lemgo · Stellvertretung, Kreis Lippe" from prefetched memberships."""
    return " · ".join(
        f"{m.get_role_display()}, {m.municipality.name}" for m in user.memberships.all()
    )


def rendered(post: Post):
    return render_markdown(
        mentions.linked(
            post.body,
            users=post.mentioned_users.all(),
            municipalities=post.mentioned_municipalities.all(),
        )
    )


def _of_model(model) -> Q:
    """Posts on objects of `model`, by a join (no ContentType lookup query)."""
    opts = model._meta.concrete_model._meta
    return Q(content_type__app_label=opts.app_label, content_type__model=opts.model_name)


def posts_of(target) -> QuerySet[Post]:
    return Post.objects.filter(_of_model(target.__class__), object_id=target.pk)


def post_for_action(pk: int) -> Post:
    """A post with what the action pages show (Post.DoesNotExist if there is none)."""
    return _with_people(Post.objects.select_related("parent", "content_type")).get(pk=pk)


def _decorate(post: Post, *, user, target, moderator: bool, now) -> None:
    post.target = target
    post.role_line = role_line(post.author)
    post.html = rendered(post) if post.is_visible else ""
    own = post.author_id == user.pk
    post.can_edit = own and post.is_visible and now - post.created_at <= permissions.edit_window()
    post.can_delete = post.deleted_at is None and (own or moderator)
    post.can_hide = post.is_visible and moderator
    post.can_report = post.is_visible and not own
    post.show_reason = post.is_hidden and post.deleted_at is None and (own or moderator)


def thread(*, target, user) -> list[Post]:
    """The top-level posts of `target`, each with ``thread_replies``; decorated for `user`."""
    now = timezone.now()
    posts = list(_with_people(posts_of(target)).order_by("created_at", "pk"))
    if not posts:
        return []  # an empty thread costs one query
    moderator = permissions.is_moderator(user)
    may_answer = False
    if any(p.is_question and p.parent_id is None for p in posts):
        may_answer = user.is_staff or bool(
            permissions.answerer_ids(target) & municipality_ids_for(user)
        )
    tops: list[Post] = []
    by_id: dict[int, Post] = {}
    for post in posts:
        _decorate(post, user=user, target=target, moderator=moderator, now=now)
        post.thread_replies = []
        if post.parent_id is None:
            tops.append(post)
            by_id[post.pk] = post
    for post in posts:
        parent = by_id.get(post.parent_id) if post.parent_id else None
        if parent is None:
            continue
        post.parent = parent
        parent.thread_replies.append(post)
        post.is_answer = parent.answer_id == post.pk
        post.can_mark = (
            may_answer
            and parent.is_question
            and parent.is_visible
            and post.is_visible
            and parent.answer_id != post.pk
        )
    for top in tops:
        top.can_reply = top.is_visible
        top.answer_post = next((r for r in top.thread_replies if r.pk == top.answer_id), None)
    return tops


def thread_context(*, target, user) -> dict:
    from discussions.forms import PostForm

    registration_ok = permissions.can_view_target(user, target)
    if not registration_ok:
        return {"target": target, "posts": [], "can_post": False}
    posts = thread(target=target, user=user)
    opts = target._meta
    return {
        "target": target,
        "posts": posts,
        "count": sum(1 + len(p.thread_replies) for p in posts),
        "can_post": True,
        "form": PostForm(auto_id="id_discussion_%s"),
        "app_label": opts.app_label,
        "model_name": opts.model_name,
        "edit_minutes": settings.DISCUSSIONS_EDIT_WINDOW_MINUTES,
    }


def open_questions_for(*, user, now: dt.datetime | None = None, limit: int = 20) -> list[Post]:
    """Unanswered questions older than a week that the person's Kommunen (or, for admins,
    anybody) should answer."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    qs = Post.objects.filter(
        parent=None,
        is_question=True,
        answer=None,
        deleted_at=None,
        hidden_at=None,
        created_at__lt=now - dt.timedelta(days=settings.DISCUSSIONS_OPEN_QUESTION_DAYS),
    )
    if not user.is_staff:
        ids = municipality_ids_for(user)
        if not ids:
            return []
        condition = Q(pk__in=[])
        for registration in discussion_targets():
            condition |= _of_model(registration.model_class) & Q(
                object_id__in=registration.answerable_ids(ids)
            )
        qs = qs.filter(condition)
    return list(
        qs.select_related("author").prefetch_related("target").order_by("created_at")[:limit]
    )


def suggestions(*, text: str, limit: int = 8) -> tuple[str, list[tuple[str, str]]]:
    """For the text typed so far: the trigger of its last word ("@" or "!") and up to `limit`
    (insert, label) pairs of people or Kommunen whose names start like the typed rest."""
    import re

    match = re.search(r"(?:^|\s)([@!])([\w\- ]{1,40})$", text or "")
    if not match:
        return "", []
    trigger, typed = match.group(1), match.group(2).lstrip()
    if not typed:
        return trigger, []
    if trigger == "@":
        people = (
            User.objects.filter(is_active=True)
            .filter(Q(full_name__istartswith=typed) | Q(full_name__icontains=f" {typed}"))
            .order_by("full_name")[:limit]
        )
        return trigger, [(f"@{u.full_name}", u.full_name) for u in people]
    kommunen = Municipality.objects.filter(
        Q(name__istartswith=typed) | Q(slug__istartswith=typed.lower())
    ).order_by("name")[:limit]
    return trigger, [(f"!{m.name}", m.name) for m in kommunen]
