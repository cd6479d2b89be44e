"""Every non-trivial read of the members app."""

import datetime as dt
from typing import NamedTuple

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Sum, Value, When

from members.models import Membership, Municipality, User

KEY_ROLES = (Membership.Role.CDO, Membership.Role.DEPUTY, Membership.Role.KREIS_COORDINATION)
# The Kreis first, then the Städte und Gemeinden in alphabetical order.
KREIS_FIRST = Case(
    When(kind=Municipality.Kind.KREIS, then=Value(0)), default=Value(1), output_field=IntegerField()
)


def municipality_list() -> QuerySet[Municipality]:
    """Municipalities for the list page (filtered by `MunicipalityFilter`), Kreis first."""
    return Municipality.objects.all().order_by(KREIS_FIRST, "name")


class MunicipalityRow(NamedTuple):
    """One row of the Kommunen list: plain values, no model instances (396 rows at NRW size)."""

    name: str
    slug: str
    kind: str
    population: int
    population_date: dt.date
    cdo: str | None  # full name of the CDO or the Kreis coordination, None without one
    deputies: list[str]  # full names of the deputies


def municipality_rows(municipalities: QuerySet[Municipality]) -> list[MunicipalityRow]:
    """Rows of a `municipality_list()` queryset with their CDO and deputies, in two queries:
    the Kommunen, then the active key people of those Kommunen (by role, then name)."""
    kommunen = list(
        municipalities.values_list("pk", "name", "slug", "kind", "population", "population_date")
    )
    key_people = (
        Membership.objects.filter(
            role__in=KEY_ROLES,
            user__is_active=True,
            municipality_id__in=municipalities.values("pk").order_by(),
        )
        .order_by("role", "user__full_name")
        .values_list("municipality_id", "role", "user__full_name")
    )
    lead_roles = (Membership.Role.CDO, Membership.Role.KREIS_COORDINATION)
    cdo: dict[int, str] = {}
    deputies: dict[int, list[str]] = {}
    for municipality_id, role, full_name in key_people:
        if role in lead_roles:
            cdo.setdefault(municipality_id, full_name)
        elif role == Membership.Role.DEPUTY:
            deputies.setdefault(municipality_id, []).append(full_name)
    return [
        MunicipalityRow(name, slug, kind, population, date, cdo.get(pk), deputies.get(pk, []))
        for pk, name, slug, kind, population, date in kommunen
    ]


def municipality_detail(*, slug: str) -> Municipality:
    people = (
        Membership.objects.filter(user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return (
        Municipality.objects.prefetch_related(
            Prefetch("memberships", queryset=people, to_attr="active_memberships")
        )
    ).get(slug=slug)


def municipalities_for_user(user: User) -> list[Municipality]:
    if not user.is_authenticated:
        return []
    return list(
        Municipality.objects.filter(memberships__user=user).distinct().order_by(KREIS_FIRST, "name")
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("municipality")


def network_overview() -> dict:
    """Figures for the dashboard: Kommunen, inhabitants, people. Two queries."""
    kreis = Q(kind=Municipality.Kind.KREIS)
    figures = Municipality.objects.aggregate(
        count=Count("id", filter=~kreis),
        town_population=Sum("population", filter=~kreis),
        kreise=Count("id", filter=kreis),
        kreis_population=Max("population", filter=kreis),
        kreis_date=Max("population_date", filter=kreis),
    )
    if figures["kreise"] > 1:  # not the network's case; the first by name, as the list shows
        first = Municipality.objects.filter(kreis).order_by("name").first()
        figures["kreis_population"], figures["kreis_date"] = first.population, first.population_date
    people = Membership.objects.aggregate(
        people=Count("user", distinct=True, filter=Q(user__is_active=True)),
        cdos=Count("id", filter=Q(role=Membership.Role.CDO)),
    )
    has_kreis = figures["kreise"] > 0
    return {
        "municipality_count": figures["count"] or 0,
        "population": figures["kreis_population"]
        if has_kreis
        else (figures["town_population"] or 0),
        "population_date": figures["kreis_date"] if has_kreis else None,
        "people_count": people["people"],
        "cdo_count": people["cdos"],
    }


def people_list() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("municipality"))
        )
        .order_by("full_name")
    )
