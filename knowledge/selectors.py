"""Every non-trivial read of the knowledge app; a page's query count does not grow with rows."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from knowledge.models import (
    Adoption,
    AdoptionItem,
    Article,
    ArticleFile,
    ChecklistItem,
    Expertise,
    Revision,
    StoryEntry,
    Talk,
    TalkRequest,
    TemplateUsage,
)
from members.models import Municipality, User
from members.permissions import municipality_ids_for


def visible_articles(user: User) -> QuerySet[Article]:
    """Published and archived articles, and the drafts this person may see."""
    qs = Article.objects.all()
    if user.is_staff:
        return qs
    return qs.filter(
        ~Q(status=Article.Status.DRAFT)
        | Q(municipality_id__in=municipality_ids_for(user))
        | Q(owner=user)
        | Q(created_by=user)
    )


def article_list(user: User) -> QuerySet[Article]:
    return (
        visible_articles(user)
        .select_related("municipality", "owner")
        .prefetch_related("topics")
        .order_by("title")
    )


def article_detail(*, slug: str) -> Article:
    return (
        Article.objects.select_related("municipality", "owner", "created_by")
        .prefetch_related(
            "topics",
            "contacts",
            "projects",
            "workshops",
            "meetings",
            "services",
            Prefetch("files", queryset=ArticleFile.objects.select_related("uploaded_by")),
            Prefetch("items", queryset=ChecklistItem.objects.order_by("order", "pk")),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality").annotate(
                    done_count=Count("entries", filter=Q(entries__done_at__isnull=False))
                ),
            ),
            Prefetch(
                "usages", queryset=TemplateUsage.objects.select_related("municipality", "file")
            ),
        )
        .get(slug=slug)
    )


def latest_revision(article: Article) -> Revision | None:
    return article.revisions.select_related("author").first()


def revisions_of(article: Article) -> list[Revision]:
    return list(article.revisions.select_related("author").order_by("-number"))


@dataclass
class DiffLine:
    op: str  # "equal", "insert", "delete"
    text: str


@dataclass
class FieldDiff:
    label: str
    lines: list[DiffLine] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.op != "equal" for line in self.lines)


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """A line diff (difflib) as a list of unchanged, removed and added lines."""
    a, b = old.splitlines(), new.splitlines()
    result: list[DiffLine] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            result.extend(DiffLine("equal", line) for line in a[i1:i2])
            continue
        if op in ("delete", "replace"):
            result.extend(DiffLine("delete", line) for line in a[i1:i2])
        if op in ("insert", "replace"):
            result.extend(DiffLine("insert", line) for line in b[j1:j2])
    return result


def revision_diff(old, new) -> list[FieldDiff]:
    """The difference of title, summary and text between two revisions (or texts)."""
    from django.utils.translation import gettext as _

    return [
        FieldDiff(_("Title"), diff_lines(old.title, new.title)),
        FieldDiff(_("Summary"), diff_lines(old.summary, new.summary)),
        FieldDiff(_("Text"), diff_lines(old.body, new.body)),
    ]


def adoption_detail(*, article: Article, municipality: Municipality) -> Adoption:
    return (
        Adoption.objects.select_related("article", "municipality", "adopted_by")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=AdoptionItem.objects.select_related(
                    "item",
                    "done_by",
                    "action_item__workshop",
                    "action_item__meeting",
                    "action_item__responsible_person",
                ),
            )
        )
        .get(article=article, municipality=municipality)
    )


def adoption_rows(adoption: Adoption, items) -> list[tuple[ChecklistItem, AdoptionItem | None]]:
    by_item = {entry.item_id: entry for entry in adoption.entries.all()}
    return [(item, by_item.get(item.pk)) for item in items]


def adoption_overview(*, article: Article) -> list[Adoption]:
    return list(
        article.adoptions.select_related("municipality", "adopted_by")
        .annotate(
            done_count=Count("entries", filter=Q(entries__done_at__isnull=False)),
            action_count=Count("entries", filter=Q(entries__action_item__isnull=False)),
        )
        .order_by("municipality__name")
    )


def overdue_articles_for(*, user: User, today: dt.date | None = None) -> list[Article]:
    """*digest*: the published articles this person owns whose review is due."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    articles = Article.objects.filter(owner=user, status=Article.Status.PUBLISHED).order_by(
        "last_reviewed_at", "pk"
    )
    return [a for a in articles if a.review_due < today]


def overdue_articles_by_user(
    *, user_ids: list[int], today: dt.date | None = None
) -> dict[int, list[Article]]:
    """*digest*: ``overdue_articles_for`` of many people in one query, by user id."""
    today = today or timezone.localdate()
    result: dict[int, list[Article]] = {pk: [] for pk in user_ids}
    articles = Article.objects.filter(owner_id__in=user_ids, status=Article.Status.PUBLISHED)
    for article in articles.order_by("last_reviewed_at", "pk"):
        if article.review_due < today:
            result[article.owner_id].append(article)
    return result


def municipality_knowledge(*, municipality: Municipality) -> dict:
    """The Kommune's adopted checklists with progress and its model documents, with a
    "newer version available" flag where it uses an older version (two queries)."""
    item_total = (
        ChecklistItem.objects.filter(article_id=OuterRef("article_id"))
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    done = (
        AdoptionItem.objects.filter(adoption_id=OuterRef("pk"), done_at__isnull=False)
        .order_by()
        .values("adoption_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    adoptions = list(
        Adoption.objects.filter(municipality=municipality)
        .select_related("article", "municipality")
        .annotate(
            done_count=Coalesce(Subquery(done), 0),
            item_total=Coalesce(Subquery(item_total), 0),
        )
        .order_by("article__title")
    )
    latest = (
        ArticleFile.objects.filter(article_id=OuterRef("article_id"))
        .order_by("-version")
        .values("version")[:1]
    )
    usages = list(
        TemplateUsage.objects.filter(municipality=municipality)
        .select_related("article", "file")
        .annotate(latest_version=Subquery(latest))
        .order_by("article__title")
    )
    for usage in usages:
        usage.is_outdated = (usage.latest_version or 0) > usage.file.version
    return {"adoptions": adoptions, "usages": usages}


def usages_of(article: Article) -> list[TemplateUsage]:
    usages = list(article.usages.all())
    files = list(article.files.all())
    newest = max(files, key=lambda f: f.version) if files else None
    for usage in usages:
        usage.latest_file = newest
        usage.is_outdated = newest is not None and newest.version > usage.file.version
    return usages


LINK_FIELDS = {
    "projects.project": "projects",
    "workshops.workshop": "workshops",
    "workshops.meeting": "meetings",
    "ozg.ozgservice": "services",
}


def articles_linked_to(*, obj, user: User) -> list[Article] | None:
    """The visible articles linked to a project, workshop, meeting or OZG service; None for
    other objects."""
    relation = LINK_FIELDS.get(obj._meta.label_lower)
    if relation is None or not user.is_authenticated:
        return None
    return list(
        visible_articles(user)
        .filter(**{relation: obj})
        .exclude(status=Article.Status.ARCHIVED)
        .select_related("municipality")
        .order_by("kind", "title")
    )


# --- story -----------------------------------------------------------------------------


def story(*, public_only: bool) -> dict:
    entries = StoryEntry.objects.all()
    talks = Talk.objects.all()
    if public_only:
        entries = entries.filter(is_public=True)
        talks = talks.filter(is_public=True)
    sections: dict[str, list[StoryEntry]] = {key: [] for key in StoryEntry.Section.values}
    for entry in entries.order_by("section", "order", "pk"):
        sections[entry.section].append(entry)
    return {"sections": sections, "talks": list(talks.order_by("-date", "pk"))}


def talk_requests() -> list[TalkRequest]:
    return list(TalkRequest.objects.select_related("handled_by").order_by("-created_at"))


# --- Wer weiß was? -----------------------------------------------------------------------


def expertise_of(*, user: User) -> list[Expertise]:
    if not user.is_authenticated:
        return []
    return list(Expertise.objects.filter(user=user).select_related("topic").order_by("label"))


@dataclass
class Knower:
    person: User
    reasons: list[str] = field(default_factory=list)


@dataclass
class TopicRow:
    name: str
    slug: str
    people: list[Knower] = field(default_factory=list)


def who_knows_what(*, query: str = "") -> dict:
    """Topics with the people who know about them: what they say themselves, the articles
    they own, the projects they are contact for and the workshops they set up."""
    from django.utils.translation import gettext as _

    from projects.models import Topic
    from projects.selectors import project_contacts
    from workshops.selectors import workshops_by_person

    topics = list(Topic.objects.order_by("order", "name"))
    rows = {t.pk: TopicRow(t.name, t.slug) for t in topics}
    other = TopicRow(_("Further experience"), "weitere")
    people_ids: set[int] = set()
    facts: list[tuple[int | None, int, str]] = []  # (topic id, person id, reason)
    for topic_id, user_id, label, year in Expertise.objects.values_list(
        "topic_id", "user_id", "label", "year"
    ):
        facts.append((topic_id, user_id, f"{label}{f' ({year})' if year else ''}"))
    # One row per article and topic (None: an article without topic), as plain values: the
    # network's articles are many, and model instances with their topics cost ten times more.
    owner_of = _("Owner of “%s”")
    owned = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .order_by("pk", "topics__pk")
        .values_list("topics__pk", "owner_id", "title")
    )
    for topic_id, owner_id, title in owned:
        facts.append((topic_id, owner_id, owner_of % title))
    for user_id, project in project_contacts():
        facts.append((project.topic_id, user_id, _("Contact for project “%s”") % project.title))
    for user_id, workshop in workshops_by_person():
        facts.append((None, user_id, _("Set up workshop “%s”") % workshop.title))
    needle = query.strip().lower()
    if needle:
        topic_names = {t.pk: t.name.lower() for t in topics}
        facts = [
            f
            for f in facts
            if needle in f[2].lower() or (f[0] is not None and needle in topic_names.get(f[0], ""))
        ]
    people_ids = {person_id for _t, person_id, _r in facts}
    people = {
        u.pk: u
        for u in User.objects.filter(pk__in=people_ids, is_active=True).prefetch_related(
            "memberships__municipality"
        )
    }
    knowers: dict[tuple[int | None, int], Knower] = {}
    for topic_id, person_id, reason in facts:
        person = people.get(person_id)
        if person is None:
            continue
        row = rows.get(topic_id, other)
        key = (topic_id if topic_id in rows else None, person_id)
        knower = knowers.get(key)
        if knower is None:
            knower = knowers[key] = Knower(person)
            row.people.append(knower)
        if reason not in knower.reasons:
            knower.reasons.append(reason)
    result = [row for row in rows.values() if row.people]
    if other.people:
        result.append(other)
    for row in result:
        row.people.sort(key=lambda k: (k.person.full_name or k.person.email).lower())
    return {"topics": result}
