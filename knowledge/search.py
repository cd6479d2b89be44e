"""What knowledge contributes to the portal search (see lippe_ikz.searchable)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _articles():
    from knowledge.models import Article

    return Article.objects.select_related("municipality", "owner").prefetch_related(
        "topics", "items"
    )


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
        body=join(plain(a.body), " ".join(i.text for i in a.items.all())),
        url=a.get_absolute_url(),
        municipality_id=a.municipality_id,
        date=a.updated_at,
    )


def _articles_visible(user):
    """A draft is found only by those who may open it (knowledge.permissions)."""
    from django.db.models import Q

    from knowledge.selectors import visible_articles

    if user.is_staff:
        return None
    return Q(object_id__in=visible_articles(user).values("pk"))


def _story_entry(e) -> SearchDocument:
    return SearchDocument(
        title=e.title,
        extra=join(_("The network"), e.get_section_display(), e.when),
        body=plain(e.body),
        url=f"{reverse('knowledge:story')}#{e.section}",
        date=e.updated_at,
    )


def _talk(t) -> SearchDocument:
    return SearchDocument(
        title=t.title,
        extra=join(_("Talk"), t.event, t.place, t.speakers),
        url=f"{reverse('knowledge:story')}#vortraege",
        date=t.date,
    )


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
    SearchType(
        "knowledge.story", _("The network's story"), "knowledge.StoryEntry", _story_entry, order=61
    ),
    SearchType("knowledge.talk", _("Talk"), "knowledge.Talk", _talk, order=62),
]
