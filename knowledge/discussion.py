"""Knowledge articles can be discussed (see lippe_ikz.discussable). A draft's thread is seen
only by those who may read the draft; the article's Kommune answers questions."""

from lippe_ikz.discussable import DiscussionTarget


def _answerers(article) -> set[int]:
    return {article.municipality_id}


def _answerable_ids(municipality_ids):
    from knowledge.models import Article

    return Article.objects.filter(municipality_id__in=municipality_ids).values("pk")


def _can_view(user, article) -> bool:
    from knowledge.permissions import can_read_article

    return can_read_article(user, article)


def _visible_ids(user):
    from knowledge.selectors import visible_articles

    if user.is_staff:
        return None
    return visible_articles(user).values("pk")


DISCUSSION_TARGETS = [
    DiscussionTarget(
        "knowledge.Article",
        _answerers,
        _answerable_ids,
        can_view=_can_view,
        visible_ids=_visible_ids,
    )
]
