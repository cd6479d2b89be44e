"""Every non-trivial read of the members app."""

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Sum, Value, When

from members.models import Membership, Municipality, User

KEY_ROLES = (Membership.Role.CDO, Membership.Role.DEPUTY, Membership.Role.KREIS_COORDINATION)
# The Kreis first, then the Städte und Gemeinden in alphabetical order.
KREIS_FIRST = Case(
    When(kind=Municipality.Kind.KREIS, then=Value(0)), default=Value(1), output_field=IntegerField()
)


def municipality_list() -> QuerySet[Municipality]:
    """Municipalities with their CDO and deputy prefetched (one query for all of them)."""
    key_people = (
        Membership.objects.filter(role__in=KEY_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return (
        Municipality.objects.all()
        .prefetch_related(Prefetch("memberships", queryset=key_people, to_attr="key_memberships"))
        .order_by(KREIS_FIRST, "name")
    )


def with_key_people(municipalities) -> list[Municipality]:
    """Evaluate a `municipality_list()` queryset and attach `.cdo` and `.deputies`."""
    result = list(municipalities)
    for municipality in result:
        key = getattr(municipality, "key_memberships", [])
        lead_roles = (Membership.Role.CDO, Membership.Role.KREIS_COORDINATION)
        municipality.cdo = next((m.user for m in key if m.role in lead_roles), None)
        municipality.deputies = [m.user for m in key if m.role == Membership.Role.DEPUTY]
    return result


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
    """Figures for the dashboard: Kommunen, inhabitants, people."""
    towns = Municipality.objects.exclude(kind=Municipality.Kind.KREIS)
    figures = towns.aggregate(count=Count("id"), population=Sum("population"))
    kreis = Municipality.objects.filter(kind=Municipality.Kind.KREIS).first()
    return {
        "municipality_count": figures["count"] or 0,
        "population": kreis.population if kreis else (figures["population"] or 0),
        "population_date": kreis.population_date if kreis else None,
        "people_count": User.objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .count(),
        "cdo_count": Membership.objects.filter(role=Membership.Role.CDO).count(),
    }


def people_list() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("municipality"))
        )
        .order_by("full_name")
    )
