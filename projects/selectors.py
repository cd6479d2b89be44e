"""Every non-trivial read of the projects app; a page's query count does not grow with rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from lippe_ikz.queries import first_and_total
from members.models import Municipality, User
from members.permissions import municipality_ids_for
from projects.allocation import AllocationError, allocate
from projects.models import CostItem, Participation, Project, StatusUpdate, Wish, WishVote

ROLE_ORDER = Case(
    When(role=Participation.Role.LEAD, then=Value(0)),
    When(role=Participation.Role.PARTICIPANT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
_participations = Participation.objects.select_related("municipality").order_by(
    ROLE_ORDER, "municipality__name"
)


def project_list() -> QuerySet[Project]:
    """Projects with topic and participants prefetched, annotated with the last update."""
    return (
        Project.objects.select_related("topic")
        .prefetch_related(Prefetch("participations", queryset=_participations))
        # A correlated subquery, not MAX over a join with GROUP BY of every project: the
        # paginator's count is a plain COUNT(*).
        .annotate(
            last_update_at=Subquery(
                # Grouped by project: PostgreSQL then reads the project's updates through the
                # project index; a bare MAX or ORDER BY … LIMIT 1 walks the date index
                # backwards per project (16 s for "latest update first" at NRW size).
                StatusUpdate.objects.filter(project=OuterRef("pk"))
                .order_by()
                .values("project")
                .annotate(latest=Max("created_at"))
                .values("latest")
            )
        )
        .order_by("title")
    )


def participations_for_export(projects: QuerySet) -> QuerySet:
    """(project id, role, Kommune name) of the given projects, in the order the pages show."""
    return (
        Participation.objects.filter(project__in=projects)
        .order_by("project_id", ROLE_ORDER, "municipality__name")
        .values_list("project_id", "role", "municipality__name")
    )


def project_detail(*, slug: str) -> Project:
    """One project with everything its page shows, in a fixed number of queries."""
    wishes = (
        Wish.objects.select_related("provider", "raised_by", "municipality")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=WishVote.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            )
        )
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "-created_at")
    )
    return (
        Project.objects.select_related("topic", "created_by")
        .prefetch_related(
            Prefetch("participations", queryset=_participations),
            Prefetch("contacts", queryset=User.objects.order_by("full_name")),
            "partners",
            "links",
            "milestones",
            "awards",
            Prefetch("documents", queryset=_documents()),
            Prefetch("updates", queryset=StatusUpdate.objects.select_related("author")),
            Prefetch("cost_items", queryset=CostItem.objects.prefetch_related("custom_shares")),
            Prefetch("wishes", queryset=wishes),
        )
        .get(slug=slug)
    )


def _documents():
    from projects.models import Document

    return Document.objects.select_related("uploaded_by")


@dataclass
class ItemAllocation:
    item: CostItem
    shares: dict[int, Decimal]  # municipality id → euro
    error: str = ""


@dataclass
class CostOverview:
    municipalities: list[Municipality]
    items: list[ItemAllocation]
    totals: dict[int, Decimal] = field(default_factory=dict)
    one_off_total: Decimal = Decimal("0.00")
    yearly_total: Decimal = Decimal("0.00")

    def rows(self):
        """(municipality, [share per item], one-off total, yearly total) for a table."""
        for m in self.municipalities:
            shares = [a.shares.get(m.pk) for a in self.items]
            one_off = sum(
                (
                    a.shares.get(m.pk, Decimal(0))
                    for a in self.items
                    if a.item.recurrence == CostItem.Recurrence.ONE_OFF
                ),
                Decimal("0.00"),
            )
            yearly = sum(
                (
                    a.shares.get(m.pk, Decimal(0))
                    for a in self.items
                    if a.item.recurrence == CostItem.Recurrence.YEARLY
                ),
                Decimal("0.00"),
            )
            yield m, shares, one_off, yearly


def cost_overview(project: Project) -> CostOverview:
    """Each Kommune's share per cost item and in total (from prefetched rows)."""
    sharing = [
        p.municipality
        for p in project.participations.all()
        if p.role in Participation.COST_SHARING_ROLES
    ]
    by_id = {m.pk: m for m in sharing}
    items: list[ItemAllocation] = []
    for item in project.cost_items.all():
        if item.allocation_key == CostItem.Key.EQUAL:
            weights = {m.pk: 1 for m in sharing}
        elif item.allocation_key == CostItem.Key.POPULATION:
            weights = {m.pk: m.population for m in sharing}
        else:
            weights = {s.municipality_id: s.percent for s in item.custom_shares.all()}
        try:
            shares = allocate(item.amount, weights)
            error = ""
        except AllocationError as exc:
            shares, error = {}, str(exc)
        items.append(ItemAllocation(item=item, shares=shares, error=error))
    # Kommunen with a custom share that no longer share costs still appear.
    extra_ids = {k for a in items for k in a.shares} - set(by_id)
    if extra_ids:
        for m in Municipality.objects.filter(pk__in=extra_ids):
            by_id[m.pk] = m
    municipalities = sorted(by_id.values(), key=lambda m: m.name)
    overview = CostOverview(municipalities=municipalities, items=items)
    for a in items:
        for m_id, euro in a.shares.items():
            overview.totals[m_id] = overview.totals.get(m_id, Decimal(0)) + euro
        if a.item.recurrence == CostItem.Recurrence.ONE_OFF:
            overview.one_off_total += a.item.amount
        else:
            overview.yearly_total += a.item.amount
    return overview


def projects_of_municipality(municipality: Municipality) -> list[Participation]:
    """The Kommune's projects for its page: only what the list shows (dozens of rows at NRW
    size, without the projects' descriptions)."""
    return list(
        Participation.objects.filter(municipality=municipality)
        .select_related("project")
        .only("role", "project__title", "project__slug", "project__status")
        .order_by("project__title")
    )


def latest_updates_for(user: User, *, limit: int = 5) -> list[StatusUpdate]:
    """The latest timeline entries of the projects the user's Kommunen take part in."""
    ids = municipality_ids_for(user)
    if not ids:
        return []
    return list(
        StatusUpdate.objects.filter(project__participations__municipality_id__in=ids)
        .select_related("project", "author")
        .distinct()
        .order_by("-created_at", "-pk")[:limit]
    )


def updates_since(
    since, *, until=None, municipality_ids=None, user: User | None = None
) -> QuerySet[StatusUpdate]:
    """For the weekly digest: timeline entries after `since` (and up to `until`, if given),
    with project and author, in one query.

    ``municipality_ids`` (optional) restricts to projects those Kommunen lead or take part in;
    with ``user`` as well, also to projects that person is a contact of ("my Kommune and my
    projects").
    """
    qs = StatusUpdate.objects.filter(created_at__gt=since)
    if until is not None:
        qs = qs.filter(created_at__lte=until)
    if municipality_ids is not None:
        mine = Q(
            pk__in=Participation.objects.filter(municipality_id__in=municipality_ids).values(
                "project_id"
            )
        )
        if user is not None:
            mine |= Q(contacts=user)
        qs = qs.filter(project__in=Project.objects.filter(mine).values("pk"))
    return qs.select_related("project", "author").order_by("project__title", "created_at")


def project_contacts() -> list[tuple[int, Project]]:
    """*knowledge* ("Wer weiß was?"): (person id, project with topic and lead) for every
    contact person of a project, in two queries."""
    links = Project.contacts.through.objects.select_related("project__topic").order_by(
        "project__title"
    )
    return [(link.user_id, link.project) for link in links]


def wishes_to_support(*, user: User, limit: int = 5) -> dict:
    """Open wishes of the network that the person's Kommunen neither raised nor support yet
    (any Kommune may support a wish): the newest `limit` and how many there are."""
    ids = municipality_ids_for(user)
    if not ids:
        return {"items": [], "total": 0}
    wishes = (
        Wish.objects.select_related("project", "provider")
        .filter(status=Wish.Status.OPEN)
        .exclude(municipality_id__in=ids)
        .exclude(votes__municipality_id__in=ids)
        .order_by("-created_at", "-pk")
    )
    items, total = first_and_total(wishes, limit)
    return {"items": items, "total": total}
