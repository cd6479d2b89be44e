"""What discussions contribute to the portal search (see lippe_ikz.searchable): every visible
post, found under its target's page; a post on an object the person may not open (a draft
article) is neither shown nor counted; deleted and hidden posts leave the index."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lippe_ikz.discussable import discussion_targets
from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _posts():
    from discussions.models import Post

    return Post.objects.select_related("author").prefetch_related("target")


def _document(post) -> SearchDocument | None:
    if not post.is_visible or post.target is None:
        return None
    return SearchDocument(
        title=_("Post: %(target)s") % {"target": post.target},
        url=post.get_absolute_url(),
        body=plain(post.body),
        extra=join(post.author.full_name, _("Question") if post.is_question else ""),
        date=post.created_at,
    )


def _visible(user):
    from discussions.models import Post

    hidden = Q(pk__in=[])
    limited = False
    for registration in discussion_targets():
        if registration.visible_ids is None:
            continue
        ids = registration.visible_ids(user)
        if ids is None:
            continue
        limited = True
        ct = ContentType.objects.get_for_model(registration.model_class)
        hidden |= Q(content_type=ct) & ~Q(object_id__in=ids)
    if not limited:
        return None
    return ~Q(object_id__in=Post.objects.filter(hidden).values("pk"))


SEARCH_TYPES = [
    SearchType(
        "discussions.post",
        _("Discussion post"),
        "discussions.Post",
        _document,
        _posts,
        visible=_visible,
        order=90,
    ),  # fmt: skip
]
