"""Every non-trivial read of the OZG app, with a query count that does not grow with rows.

The matrix (Kommunen × services) is read with three queries whatever its size: the
Kommunen, the services, and the (municipality, service, maturity, state) tuples of the
statuses, which Python arranges into rows.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from lippe_ikz.queries import first_and_total
from members.models import Municipality, User
from members.permissions import municipality_ids_for
from ozg.models import (
    OZG_COMPLIANT_FROM,
    Assignment,
    FormAdoption,
    FormTemplate,
    ImplementationState,
    Maturity,
    OzgService,
    ServiceStatus,
    StatusChange,
    Themenfeld,
)
from ozg.permissions import can_edit_service_work, can_edit_status

MATURITY_LABELS = dict(Maturity.choices)
STATE_LABELS = dict(ImplementationState.choices)


# --- Catalogue and division of labour ---------------------------------------------------------


def own_municipalities(user: User) -> list[Municipality]:
    """The Kommunen whose statuses this person may edit (admins: none preselected)."""
    ids = municipality_ids_for(user)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name")) if ids else []


def themenfelder() -> list[Themenfeld]:
    return list(Themenfeld.objects.all())


def active_services() -> QuerySet[OzgService]:
    return OzgService.objects.filter(withdrawn_at__isnull=True)


def catalogue_queryset() -> QuerySet[OzgService]:
    """The catalogue's services with Themenfeld and Lage (filtered by ozg.filters)."""
    return OzgService.objects.select_related("themenfeld", "lebenslage").order_by("ozg_id")


@dataclass
class Leads:
    """Every assignment, looked up by service (own assignment first) or Themenfeld."""

    by_service: dict[int, Assignment] = field(default_factory=dict)
    by_themenfeld: dict[int, Assignment] = field(default_factory=dict)

    def for_service(self, service: OzgService) -> Assignment | None:
        return self.by_service.get(service.pk) or self.by_themenfeld.get(service.themenfeld_id)


def leads() -> Leads:
    """All assignments with lead and supporters (two queries)."""
    result = Leads()
    for assignment in Assignment.objects.select_related("lead").prefetch_related(
        Prefetch("supporters", queryset=Municipality.objects.order_by("name"))
    ):
        if assignment.service_id:
            result.by_service[assignment.service_id] = assignment
        else:
            result.by_themenfeld[assignment.themenfeld_id] = assignment
    return result


def themenfeld_assignments() -> list[dict]:
    """Every Themenfeld with its assignment (or None) and its number of active services and
    of services with their own assignment, in four queries."""
    by_themenfeld = {
        a.themenfeld_id: a
        for a in Assignment.objects.filter(themenfeld__isnull=False)
        .select_related("lead")
        .prefetch_related(Prefetch("supporters", queryset=Municipality.objects.order_by("name")))
    }
    services = dict(
        active_services()
        .values("themenfeld_id")
        .annotate(n=Count("id"))
        .values_list("themenfeld_id", "n")
    )
    own = dict(
        Assignment.objects.filter(service__isnull=False)
        .values("service__themenfeld_id")
        .annotate(n=Count("id"))
        .values_list("service__themenfeld_id", "n")
    )
    return [
        {
            "themenfeld": t,
            "assignment": by_themenfeld.get(t.pk),
            "services": services.get(t.pk, 0),
            "own_assignments": own.get(t.pk, 0),
        }
        for t in Themenfeld.objects.all()
    ]


def themenfeld_assignment(themenfeld: Themenfeld) -> Assignment | None:
    return Assignment.objects.filter(themenfeld=themenfeld).first()


def lead_id_for(service: OzgService) -> int | None:
    own = Assignment.objects.filter(service=service).values_list("lead_id", flat=True).first()
    if own is not None:
        return own
    return (
        Assignment.objects.filter(themenfeld_id=service.themenfeld_id)
        .values_list("lead_id", flat=True)
        .first()
    )


def annotate_catalogue_rows(services: list[OzgService], *, municipality: Municipality | None):
    """Attach `.lead_assignment`, `.own_status` and `.online_count` to a page of services."""
    ids = [s.pk for s in services]
    lead_data = leads()
    own = {}
    if municipality is not None:
        own = {
            s.service_id: s
            for s in ServiceStatus.objects.filter(municipality=municipality, service_id__in=ids)
        }
    online = dict(
        ServiceStatus.objects.filter(service_id__in=ids, maturity__gte=OZG_COMPLIANT_FROM)
        .values("service_id")
        .annotate(n=Count("id"))
        .values_list("service_id", "n")
    )
    for service in services:
        service.lead_assignment = lead_data.for_service(service)
        service.own_status = own.get(service.pk)
        service.online_count = online.get(service.pk, 0)
    return services


def service_detail(*, ozg_id: str, user: User) -> dict:
    """Everything the service page shows, in a fixed number of queries."""
    service = OzgService.objects.select_related("themenfeld", "lebenslage").get(ozg_id=ozg_id)
    assignment = (
        Assignment.objects.select_related("lead", "themenfeld", "service")
        .prefetch_related(Prefetch("supporters", queryset=Municipality.objects.order_by("name")))
        .filter(Q(service=service) | Q(themenfeld_id=service.themenfeld_id))
        .order_by("themenfeld_id")  # the service's own assignment (themenfeld NULL) first
    )
    assignment = next(iter(assignment), None)
    statuses = {
        s.municipality_id: s
        for s in ServiceStatus.objects.filter(service=service).select_related(
            "solution", "updated_by"
        )
    }
    municipalities = list(Municipality.objects.order_by("name"))
    writable = municipality_ids_for(user)
    rows = []
    for municipality in municipalities:
        status = statuses.get(municipality.pk)
        rows.append(
            {
                "municipality": municipality,
                "status": status,
                "can_edit": user.is_staff or municipality.pk in writable,
            }
        )
    online = [r for r in rows if r["status"] and r["status"].maturity >= OZG_COMPLIANT_FROM]
    online.sort(key=lambda r: (-r["status"].maturity, r["municipality"].name))
    forms = list(
        FormTemplate.objects.filter(service=service)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=FormAdoption.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            )
        )
        .order_by("title", "-updated_at")
    )
    lead_id = assignment.lead_id if assignment else None
    own_ids = sorted(writable)
    for form in forms:
        adopted = {a.municipality_id for a in form.adoptions.all()}
        form.adoptable_ids = [i for i in own_ids if i not in adopted]
    changes = status_history(service=service)
    return {
        "service": service,
        "assignment": assignment,
        "leika": list(service.leika.order_by("key", "name")),
        "rows": rows,
        "online": online,
        "forms": forms,
        "changes": changes,
        "can_edit_work": can_edit_service_work(user, lead_id),
        "own_municipalities": [m for m in municipalities if m.pk in writable],
        "counts": maturity_counts([r["status"] for r in rows], total=len(rows)),
    }


# --- Status per Kommune ---------------------------------------------------------------------

HISTORY_LIMIT = 50


def status_history(*, service: OzgService, limit: int = HISTORY_LIMIT) -> list[StatusChange]:
    """The latest changes of a service's statuses, newest first (one query). Each carries
    `.other_changes`: (label, old, new) for the fields besides Reifegrad and state."""
    labels = {
        f.name: f.verbose_name
        for f in ServiceStatus._meta.get_fields()
        if f.name in {"online_since", "url", "solution", "notes"}
    }
    changes = list(
        StatusChange.objects.filter(service=service)
        .select_related("municipality", "changed_by")
        .order_by("-changed_at", "-pk")[:limit]
    )
    for change in changes:
        values = change.values or {}
        change.other_changes = [
            (labels[name], *values.get(name, [None, None]))
            for name in change.changed_fields
            if name in labels
        ]
    return changes


def status_for_edit(*, municipality: Municipality, service: OzgService) -> ServiceStatus | None:
    return (
        ServiceStatus.objects.filter(municipality=municipality, service=service)
        .select_related("solution")
        .first()
    )


def bulk_edit_services(
    *, municipality: Municipality, themenfeld: Themenfeld | None
) -> QuerySet[OzgService]:
    qs = active_services().select_related("themenfeld").order_by("ozg_id")
    if themenfeld is not None:
        qs = qs.filter(themenfeld=themenfeld)
    return qs


def services_by_ids(ids: list[str]) -> list[OzgService]:
    """Active services by primary key (ids as posted); unknown or malformed ids are left out."""
    pks = [int(i) for i in ids if str(i).isdigit()]
    return list(active_services().filter(pk__in=pks).order_by("ozg_id"))


def attach_statuses(services, *, municipality: Municipality) -> list[OzgService]:
    services = list(services)
    statuses = {
        s.service_id: s
        for s in ServiceStatus.objects.filter(
            municipality=municipality, service_id__in=[s.pk for s in services]
        )
    }
    for service in services:
        service.own_status = statuses.get(service.pk)
    return services


def status_changes_since(
    since: dt.datetime,
    municipality_ids: set[int] | None = None,
    *,
    include_led_services: bool = False,
) -> list[StatusChange]:
    """Status changes at or after `since` (aware datetime), newest first, for the digest.

    Each StatusChange carries `service` (with `.ozg_id`, `.name`, `.themenfeld`),
    `municipality`, `old_maturity` (None when the status was first recorded), `new_maturity`,
    `old_state`/`new_state` (ImplementationState values; `get_new_maturity_display()` etc.
    give the labels), `changed_fields`, `changed_by` (a User or None) and `changed_at`.
    `municipality_ids=None` means all Kommunen; a set restricts to those. With
    `include_led_services=True` the changes of any Kommune to a service those Kommunen lead
    (by the service's own assignment, else its Themenfeld's) are included too. One query.
    """
    qs = StatusChange.objects.filter(changed_at__gte=since).select_related(
        "service", "service__themenfeld", "municipality", "changed_by"
    )
    if municipality_ids is not None:
        wanted = Q(municipality_id__in=municipality_ids)
        if include_led_services:
            led = Assignment.objects.filter(lead_id__in=municipality_ids)
            wanted |= Q(service_id__in=led.filter(service__isnull=False).values("service_id"))
            wanted |= Q(
                service__themenfeld_id__in=led.filter(themenfeld__isnull=False).values(
                    "themenfeld_id"
                )
            ) & ~Q(
                service_id__in=Assignment.objects.filter(service__isnull=False).values("service_id")
            )
        qs = qs.filter(wanted)
    return list(qs.order_by("-changed_at", "-pk"))


# --- Matrix ---------------------------------------------------------------------------------


class MatrixKommune(NamedTuple):
    pk: int
    name: str
    slug: str


class MatrixService(NamedTuple):
    pk: int
    ozg_id: str
    name: str


@dataclass
class Matrix:
    """Kommunen (columns) × services (rows); `grid[i][j]` is the (maturity, state) of
    service i in Kommune j, or None where nothing is recorded. Plain tuples, no models."""

    municipalities: list[MatrixKommune]
    services: list[MatrixService]
    grid: list[list[tuple[int, str] | None]]

    def rows(self):
        """(service, [(maturity, state) or None per Kommune]) in display order."""
        return zip(self.services, self.grid, strict=True)


def matrix(*, themenfeld: Themenfeld | None, municipality_ids: list[int] | None = None) -> Matrix:
    """Kommunen × services (of one Themenfeld, or all active services) in three queries."""
    municipalities = Municipality.objects.order_by("name")
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=municipality_ids)
    services = active_services().order_by("ozg_id")
    statuses = ServiceStatus.objects.filter(service__withdrawn_at__isnull=True)
    if themenfeld is not None:
        services = services.filter(themenfeld=themenfeld)
        statuses = statuses.filter(service__themenfeld=themenfeld)
    if municipality_ids is not None:
        statuses = statuses.filter(municipality_id__in=municipality_ids)
    kommunen = [MatrixKommune(*row) for row in municipalities.values_list("id", "name", "slug")]
    rows = [MatrixService(*row) for row in services.values_list("id", "ozg_id", "name")]
    column = {k.pk: j for j, k in enumerate(kommunen)}
    width = len(kommunen)
    grid: list[list] = [[None] * width for _ in rows]
    by_service = {s.pk: grid[i] for i, s in enumerate(rows)}
    # The ORM builds the SQL; the rows come straight from the cursor (no model instances, no
    # converters) and go into a grid allocated up front, so the page stays within a small
    # factor of the raw query.
    sql, params = (
        statuses.values_list("service_id", "municipality_id", "maturity", "state")
        .order_by()
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for sid, mid, maturity, state in fetched:
        try:
            by_service[sid][column[mid]] = (maturity, state)
        except KeyError:  # changed between the queries
            continue
    return Matrix(municipalities=kommunen, services=rows, grid=grid)


# --- Progress and charts --------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: int
    css: str
    y: int = 0
    width: float = 0.0


def maturity_counts(statuses, *, total: int) -> dict:
    """Count per Reifegrad of statuses (None = not recorded); share OZG-konform of `total`."""
    counts = dict.fromkeys(Maturity.values, 0)
    recorded = 0
    for status in statuses:
        if status is None:
            continue
        level = status if isinstance(status, int) else status.maturity
        counts[level] += 1
        recorded += 1
    return _counts_result(counts, recorded=recorded, total=total)


def _counts_result(counts: dict[int, int], *, recorded: int, total: int) -> dict:
    compliant = sum(n for level, n in counts.items() if level >= OZG_COMPLIANT_FROM)
    rows = [
        {"level": level, "label": MATURITY_LABELS[level], "count": counts.get(level, 0)}
        for level in Maturity.values
    ]
    return {
        "rows": rows,
        "not_recorded": max(total - recorded, 0),
        "total": total,
        "compliant": compliant,
        "compliant_share": round(100 * compliant / total) if total else 0,
        "chart": bar_chart(
            [Bar(f"{r['level']} {r['label']}", r["count"], f"ozg-bar--l{r['level']}") for r in rows]
            + [Bar(NOT_RECORDED_LABEL(), max(total - recorded, 0), "ozg-bar--none")]
        ),
    }


def NOT_RECORDED_LABEL() -> str:  # noqa: N802 - translated at call time
    from django.utils.translation import gettext

    return gettext("not recorded")


# Geometry of the SVG bar charts. The SVG scales with its box: at 360 px it is shown at
# ~330/400 of its size, so 16 px text stays above 12 px on a phone (static/css/ozg.css).
BAR_HEIGHT = 26
BAR_GAP = 8
LABEL_WIDTH = 186
CHART_WIDTH = 400
VALUE_SPACE = 54
LABEL_CHARS = 22
NICE_PERCENT_MAXIMA = (5, 10, 20, 25, 50, 75, 100)


def nice_percent_maximum(largest: float) -> int:
    """The end of a percent scale: the smallest of 5, 10, 20, 25, 50, 75, 100 that holds the
    largest value, so that bars of 5–8 % are not stubs on a 0–100 % scale."""
    return next((m for m in NICE_PERCENT_MAXIMA if largest <= m), 100)


def _chart(bars: list[Bar], *, scale_max: float, percent: bool) -> dict:
    space = CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE
    for index, bar in enumerate(bars):
        bar.y = index * (BAR_HEIGHT + BAR_GAP)
        bar.width = round(space * min(bar.value, scale_max) / (scale_max or 1), 1)
        bar.value_x = LABEL_WIDTH + bar.width + 6
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(bars) * (BAR_HEIGHT + BAR_GAP),
        "label_width": LABEL_WIDTH,
        "label_chars": LABEL_CHARS,
        "bar_height": BAR_HEIGHT,
        "text_y": BAR_HEIGHT // 2 + 5,
        "scale_end_x": LABEL_WIDTH + space,
        "scale_max": scale_max,
        "percent": percent,
    }


def bar_chart(bars: list[Bar]) -> dict:
    """Geometry of a horizontal SVG bar chart of counts (no inline styles: widths are
    attributes); the longest bar fills the space."""
    largest = max((b.value for b in bars), default=0) or 1
    return _chart(bars, scale_max=largest, percent=False)


def share_chart(rows: list[dict]) -> dict:
    """Bars of the share OZG-konform per row (`label`, `share` in percent) on a scale from 0
    to a round maximum above the largest share (`scale_max`, shown under the chart)."""
    bars = [Bar(r["label"], r["share"], "ozg-bar--l3") for r in rows]
    largest = max((b.value for b in bars), default=0)
    return _chart(bars, scale_max=nice_percent_maximum(largest), percent=True)


def _grouped_counts(key: str, *, filters: Q | None = None) -> dict[int, dict[int, int]]:
    qs = ServiceStatus.objects.filter(service__withdrawn_at__isnull=True)
    if filters is not None:
        qs = qs.filter(filters)
    result: dict[int, dict[int, int]] = {}
    for group, level, n in (
        qs.values(key, "maturity").annotate(n=Count("id")).values_list(key, "maturity", "n")
    ):
        result.setdefault(group, {})[level] = n
    return result


def progress_by_municipality() -> list[dict]:
    """Per Kommune: count per Reifegrad over all active services, share OZG-konform."""
    total = active_services().count()
    grouped = _grouped_counts("municipality_id")
    result = []
    for municipality in Municipality.objects.order_by("name"):
        counts = grouped.get(municipality.pk, {})
        row = _counts_result(counts, recorded=sum(counts.values()), total=total)
        row.pop("chart")
        result.append({"municipality": municipality, **row})
    return result


def progress_by_themenfeld(*, municipality: Municipality | None = None) -> list[dict]:
    """Per Themenfeld: count per Reifegrad over Kommunen × services (or one Kommune's)."""
    services_per = dict(
        active_services()
        .values("themenfeld_id")
        .annotate(n=Count("id"))
        .values_list("themenfeld_id", "n")
    )
    kommunen = 1 if municipality is not None else Municipality.objects.count()
    filters = Q(municipality=municipality) if municipality is not None else None
    grouped = _grouped_counts("service__themenfeld_id", filters=filters)
    result = []
    for themenfeld in Themenfeld.objects.all():
        counts = grouped.get(themenfeld.pk, {})
        total = services_per.get(themenfeld.pk, 0) * kommunen
        row = _counts_result(counts, recorded=sum(counts.values()), total=total)
        row.pop("chart")
        result.append({"themenfeld": themenfeld, **row})
    return result


def municipality_progress(*, municipality: Municipality, user: User) -> dict:
    """The Kommune page's panel: its counts per Reifegrad and per Themenfeld."""
    total = active_services().count()
    counts = _grouped_counts("municipality_id", filters=Q(municipality=municipality)).get(
        municipality.pk, {}
    )
    overall = _counts_result(counts, recorded=sum(counts.values()), total=total)
    by_themenfeld = progress_by_themenfeld(municipality=municipality)
    return {
        "municipality": municipality,
        "overall": overall,
        "by_themenfeld": by_themenfeld,
        "can_edit": can_edit_status(user, municipality),
        "levels": MATURITY_LABELS,
    }


def network_summary() -> dict:
    """The dashboard panel: share OZG-konform across the network and the latest changes."""
    total_services = active_services().count()
    kommunen = Municipality.objects.count()
    counts = dict(
        ServiceStatus.objects.filter(service__withdrawn_at__isnull=True)
        .values("maturity")
        .annotate(n=Count("id"))
        .values_list("maturity", "n")
    )
    overall = _counts_result(counts, recorded=sum(counts.values()), total=total_services * kommunen)
    recent = list(
        StatusChange.objects.select_related("service", "municipality").order_by(
            "-changed_at", "-pk"
        )[:5]
    )
    return {"overall": overall, "recent": recent, "service_count": total_services}


# --- The dashboard's "To do" ------------------------------------------------------------------


def upkeep_for(*, user: User, limit: int = 5, now: dt.datetime | None = None) -> dict:
    """What the person's Kommunen should check in the OZG records, with a fixed number of
    queries: their statuses below the top Reifegrad that nobody changed for
    ``settings.OZG_STATUS_STALE_DAYS`` days, and the services they lead (their own assignment
    or their Themenfeld's) without a status of theirs yet."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    ids = municipality_ids_for(user)
    if not ids:
        return {"municipalities": [], "stale": [], "stale_total": 0, "unrecorded": [],
                "unrecorded_total": 0}  # fmt: skip
    now = now or timezone.now()
    since = now - dt.timedelta(days=settings.OZG_STATUS_STALE_DAYS)
    stale = (
        ServiceStatus.objects.select_related("service", "municipality")
        .filter(municipality_id__in=ids, updated_at__lt=since, service__withdrawn_at__isnull=True)
        .exclude(maturity=Maturity.ONLINE_TRANSACTION)
        .order_by("updated_at", "pk")
    )
    unrecorded = (
        active_services()
        .annotate(
            lead_id=Coalesce("assignment__lead_id", "themenfeld__assignment__lead_id"),
            lead_slug=Coalesce("assignment__lead__slug", "themenfeld__assignment__lead__slug"),
        )
        .filter(lead_id__in=ids)
        .filter(
            ~Exists(
                ServiceStatus.objects.filter(
                    service=OuterRef("pk"), municipality_id=OuterRef("lead_id")
                )
            )
        )
        .order_by("ozg_id")
    )
    stale_items, stale_total = first_and_total(stale, limit)
    unrecorded_items, unrecorded_total = first_and_total(unrecorded, limit)
    return {
        "municipalities": list(Municipality.objects.filter(pk__in=ids).order_by("name")),
        "stale": stale_items,
        "stale_total": stale_total,
        "unrecorded": unrecorded_items,
        "unrecorded_total": unrecorded_total,
        "stale_days": settings.OZG_STATUS_STALE_DAYS,
    }
