"""Every non-trivial read of the landscape app; query counts do not grow with the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Count, Q
from django.utils import formats, timezone

from landscape.models import Category, Product, Usage, _days_in_month
from lippe_ikz.links import link_maker
from members.models import Membership, Municipality, User
from members.permissions import municipality_ids_for

HORIZONS = (12, 24, 36)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def today() -> dt.date:
    return timezone.localdate()


def own_municipalities(user: User) -> list[Municipality]:
    ids = municipality_ids_for(user)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name")) if ids else []


def has_demo_data() -> bool:
    return Usage.objects.filter(is_demo=True).exists()


def categories() -> list[Category]:
    return list(Category.objects.all())


def _usages():
    return Usage.objects.select_related("municipality", "product", "product__category", "contact")


def catalogue_queryset():
    return Product.objects.select_related("category", "solution").annotate(
        kommunen=Count("usages", distinct=True),
        avg_satisfaction=Avg("usages__satisfaction"),
    )


def product_detail(*, slug: str) -> dict:
    product = Product.objects.select_related("category", "solution").get(slug=slug)
    usages = list(_usages().filter(product=product).order_by("municipality__name"))
    rated = [u.satisfaction for u in usages if u.satisfaction]
    alternatives = list(
        catalogue_queryset()
        .filter(category=product.category)
        .exclude(pk=product.pk)
        .order_by("-kommunen", "name")
    )
    return {
        "product": product,
        "usages": usages,
        "avg_satisfaction": sum(rated) / len(rated) if rated else None,
        "alternatives": alternatives,
    }


def municipality_usages(municipality: Municipality) -> list[Usage]:
    return list(
        _usages()
        .filter(municipality=municipality)
        .order_by("product__category__position", "product__category__name", "product__name")
    )


HISTORY_FIELDS = (
    "product", "since", "contract_end", "notice_months", "licences", "yearly_cost",
    "satisfaction", "comment", "contact", "plans",
)  # fmt: skip


@dataclass
class HistoryEntry:
    """One recorded change of a Kommune's row: who, when, what."""

    when: dt.datetime
    who: User | None
    product: Product | None
    kind: str  # "+" created, "~" changed, "-" removed
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)


def _display(record, name: str) -> str:
    value = getattr(record, name)
    if value in (None, ""):
        return "–"
    if name in ("product", "contact"):
        related = getattr(record, f"{name}_id")
        return str(value) if related else "–"
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return str(value)


def usage_history(*, municipality: Municipality, limit: int = 30) -> list[HistoryEntry]:
    """The newest changes of the Kommune's rows, with who and when and the fields that
    changed (old and new value), from django-simple-history's records (one query)."""
    records = list(
        Usage.history.filter(municipality_id=municipality.pk)
        .select_related("history_user", "product", "contact")
        .order_by("id", "history_date", "history_id")
    )
    labels = {name: Usage._meta.get_field(name).verbose_name for name in HISTORY_FIELDS}
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        if previous is None or previous.id != record.id:
            previous = None
        changes = []
        if record.history_type == "~" and previous is not None:
            for name in HISTORY_FIELDS:
                old, new = _display(previous, name), _display(record, name)
                if old != new:
                    changes.append((str(labels[name]), old, new))
            if not changes:
                previous = record
                continue
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                product=record.product if record.product_id else None,
                kind=record.history_type,
                changes=changes,
            )
        )
        previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def municipality_summary(*, municipality: Municipality) -> dict:
    usages = municipality_usages(municipality)
    now = today()
    upcoming = sorted(
        (u for u in usages if u.notice_date and u.notice_date >= now), key=lambda u: u.notice_date
    )
    return {
        "municipality": municipality,
        "usages": usages,
        "category_count": len({u.product.category_id for u in usages}),
        "next_notice": upcoming[0] if upcoming else None,
    }


def cdo_by_municipality(municipality_ids) -> dict[int, User]:
    memberships = Membership.objects.filter(
        municipality_id__in=list(municipality_ids), role=Membership.Role.CDO
    ).select_related("user")
    return {m.municipality_id: m.user for m in memberships}


@dataclass
class Alternative:
    product: Product
    usages: list[Usage] = field(default_factory=list)

    @property
    def avg_satisfaction(self) -> float | None:
        rated = [u.satisfaction for u in self.usages if u.satisfaction]
        return sum(rated) / len(rated) if rated else None


@dataclass
class FinderRow:
    usage: Usage
    partners: list[Usage]
    alternatives: list[Alternative]


def finder(*, municipality: Municipality) -> list[FinderRow]:
    """Per product of the Kommune: who else uses it (with contact and whether their contract
    ends before ours) and which other products the network uses in the same category."""
    own = municipality_usages(municipality)
    category_ids = {u.product.category_id for u in own}
    others = list(
        _usages()
        .filter(product__category_id__in=category_ids)
        .exclude(municipality=municipality)
        .order_by("contract_end", "municipality__name")
    )
    cdos = cdo_by_municipality({u.municipality_id for u in others})
    kommune_link = link_maker("landscape:municipality")
    for usage in others:
        usage.contact_person = usage.contact or cdos.get(usage.municipality_id)
        usage.kommune_url = kommune_link(usage.municipality.slug)
    own_products = {u.product_id for u in own}
    rows = []
    for usage in own:
        partners = [u for u in others if u.product_id == usage.product_id]
        for partner in partners:
            partner.ends_before_ours = bool(
                usage.contract_end
                and partner.contract_end
                and partner.contract_end < usage.contract_end
            )
        by_product: dict[int, Alternative] = {}
        for other in others:
            if (
                other.product.category_id == usage.product.category_id
                and other.product_id not in own_products
            ):
                by_product.setdefault(other.product_id, Alternative(other.product))
                by_product[other.product_id].usages.append(other)
        alternatives = sorted(by_product.values(), key=lambda a: (-len(a.usages), a.product.name))
        rows.append(FinderRow(usage=usage, partners=partners, alternatives=alternatives))
    return rows


def network_overview() -> dict:
    """Fragmentation per category (how many different products, in how many Kommunen) and
    the products shared by the most Kommunen."""
    cats = list(
        Category.objects.annotate(
            product_count=Count(
                "products", filter=Q(products__usages__isnull=False), distinct=True
            ),
            kommune_count=Count("products__usages__municipality", distinct=True),
        )
    )
    products = list(
        Product.objects.select_related("category")
        .annotate(kommunen=Count("usages__municipality", distinct=True))
        .filter(kommunen__gt=0)
        .order_by("-kommunen", "name")
    )
    return {
        "categories": cats,
        "shared_products": [p for p in products if p.kommunen > 1],
        "kommune_total": Municipality.objects.count(),
    }


@dataclass
class Window:
    category: Category
    usages: list[Usage]

    @property
    def kommunen(self) -> list[Municipality]:
        seen = {}
        for usage in self.usages:
            seen.setdefault(usage.municipality_id, usage.municipality)
        return list(seen.values())

    @property
    def products(self) -> list[Product]:
        seen = {}
        for usage in self.usages:
            seen.setdefault(usage.product_id, usage.product)
        return list(seen.values())

    @property
    def first_notice(self) -> dt.date | None:
        dates = [u.notice_date for u in self.usages if u.notice_date]
        return min(dates) if dates else None


def procurement_windows(
    *, months: int, category: Category | None = None, on: dt.date | None = None
) -> list[Window]:
    """Contracts ending within ``months`` from today, grouped by category (soonest first)."""
    start = on or today()
    end = add_months(start, months)
    qs = _usages().filter(contract_end__gte=start, contract_end__lte=end)
    if category is not None:
        qs = qs.filter(product__category=category)
    groups: dict[int, Window] = {}
    # Two links per row, up to thousands of rows at NRW size: the resolver is asked once.
    kommune_link = link_maker("landscape:municipality")
    product_link = link_maker("landscape:product_detail")
    for usage in qs.order_by("product__category__position", "contract_end", "municipality__name"):
        usage.kommune_url = kommune_link(usage.municipality.slug)
        usage.product_url = product_link(usage.product.slug)
        groups.setdefault(
            usage.product.category_id, Window(category=usage.product.category, usages=[])
        ).usages.append(usage)
    return list(groups.values())


def window_usages(*, category: Category, usage_ids) -> list[Usage]:
    return list(
        _usages()
        .filter(product__category=category, pk__in=list(usage_ids))
        .order_by("municipality__name")
    )


@dataclass
class LandscapeMatrix:
    municipalities: list[Municipality]
    categories: list[Category]
    cells: dict[tuple[int, int], list[str]]

    def rows(self):
        cells = self.cells
        cats = self.categories
        for m in self.municipalities:
            yield m, [cells.get((m.pk, c.pk), ()) for c in cats]


def matrix() -> LandscapeMatrix:
    """Kommunen × categories, each cell the names of the products in use (three queries).

    The cells are read with the ORM's SQL but a plain cursor (``fetchall``): no per-row
    conversion for ~4,750 rows at NRW size (see docs/benchmarks.md)."""
    municipalities = list(Municipality.objects.order_by("name").only("pk", "name", "slug"))
    cats = categories()
    sql, params = (
        Usage.objects.order_by("product__name")
        .values_list("municipality_id", "product__category_id", "product__name")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    cells: dict[tuple[int, int], list[str]] = {}
    for municipality_id, category_id, name in rows:
        key = (municipality_id, category_id)
        if key in cells:
            cells[key].append(name)
        else:
            cells[key] = [name]
    return LandscapeMatrix(municipalities, cats, cells)


def export_usages(*, municipality: Municipality | None = None):
    qs = _usages().order_by("municipality__name", "product__category__position", "product__name")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs


def notice_dates_near(municipality_ids, *, on: dt.date | None = None, days: int = 120):
    """Contracts of the Kommunen whose notice date lies within ``days`` from today (digest)."""
    start = on or today()
    end = start + dt.timedelta(days=days)
    # The notice period is at most 60 months, so the contract ends within days + 60 months.
    usages = _usages().filter(
        municipality_id__in=list(municipality_ids),
        contract_end__gte=start,
        contract_end__lte=add_months(end, 60),
    )
    near = [u for u in usages if u.notice_date and start <= u.notice_date <= end]
    return sorted(near, key=lambda u: (u.notice_date, u.municipality.name))


__all__ = [
    "HORIZONS",
    "add_months",
    "catalogue_queryset",
    "finder",
    "matrix",
    "municipality_summary",
    "network_overview",
    "notice_dates_near",
    "procurement_windows",
    "product_detail",
]
