"""What knowledge contributes to the portal search (see lippe_ikz.searchable)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _articles():
    from knowledge.models import Article

    return Article.objects.select_related("municipality", "owner").prefetch_related("topics")


def _article(a) -> SearchDocument:
    title = a.title
    if a.status != a.Status.PUBLISHED:
        title = f"{title} ({a.get_status_display()})"
    return SearchDocument(
        title=title,
        extra=join(
            a.get_kind_display(),
            a.summary,
            a.municipality.name,
            a.owner.full_name,
            ", ".join(t.name for t in a.topics.all()),
        ),
        body=plain(a.body),
        url=a.get_absolute_url(),
        municipality_id=a.municipality_id,
        date=a.updated_at,
    )


def _articles_visible(user):
    """A draft only for the people of its Kommune, its owner, its author and admins
    (knowledge.permissions.can_read_article), as a rule over the index row."""
    from knowledge.models import Article
    from members.permissions import municipality_ids_for

    if user.is_staff:
        return None
    readable = Article.objects.exclude(status=Article.Status.DRAFT)
    own = (
        Q(municipality_id__in=list(municipality_ids_for(user))) | Q(owner=user) | Q(created_by=user)
    )
    drafts = Article.objects.filter(own, status=Article.Status.DRAFT)
    return Q(object_id__in=readable.values("pk")) | Q(object_id__in=drafts.values("pk"))


SEARCH_TYPES = [
    SearchType(
        "knowledge.article",
        _("Knowledge article"),
        "knowledge.Article",
        _article,
        _articles,
        visible=_articles_visible,
        order=60,
        boost=1.5,
    ),
]
