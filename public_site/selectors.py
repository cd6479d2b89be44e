"""Every read of the public part. Only released statuses leave this module for the public.

A status is released when its Kommune's PublicationSetting says so and no exception hides
it, or when an exception shows it. Public rows are plain dicts with exactly the keys of
PUBLIC_STATUS_FIELDS (tests compare every public page, file and API answer with it): no
notes, no people, no costs.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Municipality, User
from members.permissions import can_edit_municipality
from ozg.models import (
    OZG_COMPLIANT_FROM,
    ImplementationState,
    Lebenslage,
    Maturity,
    OzgService,
    ServiceStatus,
    Themenfeld,
)
from ozg.selectors import share_chart
from public_site.models import ApiToken, PublicationException, PublicationSetting

MATURITY_LABELS = dict(Maturity.choices)
STATE_LABELS = dict(ImplementationState.choices)

# The stable column names of the open data and the keys of a public status everywhere.
PUBLIC_STATUS_FIELDS = (
    "kommune_ags",
    "kommune_slug",
    "kommune_name",
    "ozg_id",
    "leistung",
    "themenfeld",
    "lage",
    "reifegrad",
    "reifegrad_text",
    "umsetzungsstand",
    "umsetzungsstand_text",
    "online",
    "online_seit",
    "link",
    "loesung",
    "loesung_link",
    "stand",
)
PUBLIC_MUNICIPALITY_FIELDS = (
    "ags",
    "slug",
    "name",
    "art",
    "einwohner",
    "einwohner_stand",
    "website",
    "stati_veroeffentlicht",
)
PUBLIC_STORY_FIELDS = ("abschnitt", "abschnitt_text", "titel", "wann", "text", "stand")
PUBLIC_EVENT_FIELDS = ("titel", "datum", "veranstaltung", "ort", "vortragende")
PUBLIC_SERVICE_FIELDS = (
    "ozg_id",
    "name",
    "themenfeld",
    "themenfeld_slug",
    "lage",
    "lage_id",
    "leika",
)

_STATUS_VALUES = (
    "municipality__ags",
    "municipality__slug",
    "municipality__name",
    "service__ozg_id",
    "service__name",
    "service__themenfeld__name",
    "service__lebenslage__name",
    "maturity",
    "state",
    "online_since",
    "url",
    "solution__name",
    "solution__url",
    "updated_at",
)


def released_q() -> Q:
    """The statuses the public may see (one SQL condition with subqueries)."""
    exceptions = PublicationException.objects.filter(
        municipality=OuterRef("municipality"), service=OuterRef("service")
    )
    releasing = PublicationSetting.objects.filter(statuses_public=True).values("municipality_id")
    return (Q(municipality_id__in=releasing) & ~Exists(exceptions.filter(public=False))) | Exists(
        exceptions.filter(public=True)
    )


def released_for_q(municipality: Municipality) -> Q:
    """The released statuses of one Kommune. Decided here from its setting, so that the
    database reads only that Kommune's rows through the index (released_q's OR with a
    correlated subquery makes SQLite and PostgreSQL scan every status of every Kommune)."""
    released = getattr(municipality, "released", None)
    if released is None:
        released = PublicationSetting.objects.filter(
            municipality=municipality, statuses_public=True
        ).exists()
    exceptions = PublicationException.objects.filter(municipality=municipality)
    if released:
        hidden = exceptions.filter(public=False).values("service_id")
        return Q(municipality=municipality) & ~Q(service_id__in=hidden)
    shown = exceptions.filter(public=True).values("service_id")
    return Q(municipality=municipality, service_id__in=shown)


def status_queryset(
    *, include_unreleased: bool = False, municipality: Municipality | None = None
) -> QuerySet[ServiceStatus]:
    qs = ServiceStatus.objects.filter(service__withdrawn_at__isnull=True)
    if municipality is not None:
        if include_unreleased:
            return qs.filter(municipality=municipality)
        return qs.filter(released_for_q(municipality))
    if not include_unreleased:
        qs = qs.filter(released_q())
    return qs


def status_rows(qs: QuerySet[ServiceStatus]) -> list[dict]:
    """Public dicts (PUBLIC_STATUS_FIELDS) of a status queryset, one query."""
    labels = _Labels()
    return [_row(values, labels) for values in qs.values_list(*_STATUS_VALUES)]


def status_values(qs: QuerySet[ServiceStatus]):
    """The tuples behind status_rows (to paginate in SQL; turn each into a dict with row())."""
    return qs.values_list(*_STATUS_VALUES)


def row_labels() -> "_Labels":
    """The labels for a list of rows built with row()."""
    return _Labels()


def row(values, labels: "_Labels | None" = None) -> dict:
    return _row(values, labels or _Labels())


class _Labels:
    """What a row spells out, translated once per list rather than per row (a whole
    network's export has 220,000 rows): the texts of the levels and states in the active
    language, and the day of each moment of change in the portal's time zone."""

    def __init__(self):
        self.maturity = {k: str(v) for k, v in MATURITY_LABELS.items()}
        self.state = {k: str(v) for k, v in STATE_LABELS.items()}
        self._days: dict = {}

    def day(self, moment) -> str:
        day = self._days.get(moment)
        if day is None:
            day = self._days[moment] = timezone.localtime(moment).date().isoformat()
        return day


def _row(v, labels: _Labels) -> dict:
    (ags, slug, kommune, ozg_id, name, themenfeld, lage, maturity, state, since, url,
     solution, solution_url, updated) = v  # fmt: skip
    return {
        "kommune_ags": ags,
        "kommune_slug": slug,
        "kommune_name": kommune,
        "ozg_id": ozg_id,
        "leistung": name,
        "themenfeld": themenfeld,
        "lage": lage,
        "reifegrad": maturity,
        "reifegrad_text": labels.maturity.get(maturity, ""),
        "umsetzungsstand": state,
        "umsetzungsstand_text": labels.state.get(state, ""),
        "online": maturity >= OZG_COMPLIANT_FROM,
        "online_seit": since.isoformat() if since else None,
        "link": url or None,
        "loesung": solution,
        "loesung_link": solution_url or None,
        "stand": labels.day(updated) if updated else None,
    }


# --- Kommunen -------------------------------------------------------------------------------


def released_ids() -> set[int]:
    return set(
        PublicationSetting.objects.filter(statuses_public=True).values_list(
            "municipality_id", flat=True
        )
    )


def municipalities() -> list[Municipality]:
    """Every Kommune with `.released` (its statuses are public as a whole), two queries."""
    released = released_ids()
    result = list(Municipality.objects.order_by("name"))
    for municipality in result:
        municipality.released = municipality.pk in released
    return result


def municipality_dict(m: Municipality) -> dict:
    return {
        "ags": m.ags,
        "slug": m.slug,
        "name": m.name,
        "art": m.get_kind_display(),
        "einwohner": m.population,
        "einwohner_stand": m.population_date.isoformat() if m.population_date else None,
        "website": m.website or None,
        "stati_veroeffentlicht": bool(getattr(m, "released", False)),
    }


def municipality_by_slug(slug: str) -> Municipality | None:
    """The Kommune with `.released` (its statuses are public as a whole), one query."""
    releasing = PublicationSetting.objects.filter(municipality=OuterRef("pk"), statuses_public=True)
    return Municipality.objects.filter(slug=slug).annotate(released=Exists(releasing)).first()


def kommune_summary(*, municipality: Municipality) -> dict:
    """Counts per Reifegrad of a Kommune's released statuses (one query)."""
    counts = dict(
        status_queryset(municipality=municipality)
        .values("maturity")
        .annotate(n=Count("id"))
        .values_list("maturity", "n")
    )
    rows = [
        {"level": level, "label": MATURITY_LABELS[level], "count": counts.get(level, 0)}
        for level in Maturity.values
    ]
    released = sum(counts.values())
    online = sum(n for level, n in counts.items() if level >= OZG_COMPLIANT_FROM)
    return {"rows": rows, "released": released, "online": online}


# --- Services -------------------------------------------------------------------------------


def themenfelder() -> list[Themenfeld]:
    return list(Themenfeld.objects.all())


def lebenslagen() -> QuerySet[Lebenslage]:
    return Lebenslage.objects.order_by("name")


def service_queryset() -> QuerySet[OzgService]:
    return (
        OzgService.objects.filter(withdrawn_at__isnull=True)
        .select_related("themenfeld", "lebenslage")
        .order_by("ozg_id")
    )


def attach_online_counts(services: list[OzgService]) -> list[OzgService]:
    online = dict(
        status_queryset()
        .filter(service_id__in=[s.pk for s in services], maturity__gte=OZG_COMPLIANT_FROM)
        .values("service_id")
        .annotate(n=Count("id"))
        .values_list("service_id", "n")
    )
    for service in services:
        service.online_count = online.get(service.pk, 0)
    return services


def service_dict(service: OzgService, leika: list[str] | None = None) -> dict:
    return {
        "ozg_id": service.ozg_id,
        "name": service.name,
        "themenfeld": service.themenfeld.name,
        "themenfeld_slug": service.themenfeld.slug,
        "lage": service.lebenslage.name,
        "lage_id": service.lebenslage_id,
        "leika": leika if leika is not None else [],
    }


def service_page(*, ozg_id: str) -> dict | None:
    """A service with, per Kommune, its released status or None (four queries)."""
    service = service_queryset().filter(ozg_id=ozg_id).first()
    if service is None:
        return None
    leika = list(service.leika.order_by("key", "name").values_list("name", flat=True))
    rows = {r["kommune_slug"]: r for r in status_rows(status_queryset().filter(service=service))}
    kommunen = []
    for municipality in Municipality.objects.order_by("name"):
        kommunen.append({"municipality": municipality, "status": rows.get(municipality.slug)})
    online = [k for k in kommunen if k["status"] and k["status"]["online"]]
    return {"service": service, "leika": leika, "kommunen": kommunen, "online": online}


# --- The Kreis' progress --------------------------------------------------------------------


def progress() -> dict:
    """Per Kommune: released statuses per Reifegrad and the share online of all services."""
    total = OzgService.objects.filter(withdrawn_at__isnull=True).count()
    grouped: dict[int, dict[int, int]] = {}
    for mid, level, n in (
        status_queryset()
        .values("municipality_id", "maturity")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "maturity", "n")
    ):
        grouped.setdefault(mid, {})[level] = n
    rows = []
    for municipality in municipalities():
        counts = grouped.get(municipality.pk, {})
        online = sum(n for level, n in counts.items() if level >= OZG_COMPLIANT_FROM)
        rows.append(
            {
                "municipality": municipality,
                "released": municipality.released or bool(counts),
                "counts": [counts.get(level, 0) for level in Maturity.values],
                "online": online,
                "share": round(100 * online / total) if total else 0,
            }
        )
    shown = [r for r in rows if r["released"]]
    chart = share_chart([{"label": r["municipality"].name, "share": r["share"]} for r in shown])
    totals = [sum(r["counts"][i] for r in shown) for i in range(len(Maturity.values))]
    return {
        "rows": rows,
        "chart": chart,
        "total_services": total,
        "levels": MATURITY_LABELS,
        "totals": totals,
    }


# --- Publication settings and tokens (member side) ------------------------------------------


def publication_of(municipality: Municipality) -> PublicationSetting:
    setting = PublicationSetting.objects.filter(municipality=municipality).first()
    return setting or PublicationSetting(municipality=municipality)


def exceptions_of(municipality: Municipality) -> list[PublicationException]:
    return list(
        PublicationException.objects.filter(municipality=municipality)
        .select_related("service")
        .order_by("service__ozg_id")
    )


def publication_panel(*, municipality: Municipality, user: User) -> dict:
    setting = publication_of(municipality)
    return {
        "municipality": municipality,
        "setting": setting,
        "exception_count": PublicationException.objects.filter(municipality=municipality).count(),
        "can_edit": can_edit_municipality(user, municipality),
        "title": _("Public pages"),
    }


def tokens_of(user: User) -> list[ApiToken]:
    if not user.is_authenticated:
        return []
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))


def active_service_count() -> int:
    return OzgService.objects.filter(withdrawn_at__isnull=True).count()


def leika_names(service_ids: list[int]) -> dict[int, list[str]]:
    """The LeiKa names per service (one query)."""
    from ozg.models import LeikaService

    result: dict[int, list[str]] = {}
    for sid, name in (
        LeikaService.objects.filter(service_id__in=service_ids)
        .order_by("service_id", "key", "name")
        .values_list("service_id", "name")
    ):
        result.setdefault(sid, []).append(name)
    return result


# --- The network's public story and upcoming public events (knowledge app) ------------------


def story_items() -> list[dict]:
    """The story entries marked public (timeline, how IKZ works, successes …), one query."""
    from knowledge.models import StoryEntry

    labels = dict(StoryEntry.Section.choices)
    rows = (
        StoryEntry.objects.filter(is_public=True)
        .order_by("section", "order", "pk")
        .values_list("section", "title", "when", "body", "updated_at")
    )
    return [
        {
            "abschnitt": section,
            "abschnitt_text": str(labels.get(section, "")),
            "titel": title,
            "wann": when or None,
            "text": body,
            "stand": timezone.localtime(updated).date().isoformat(),
        }
        for section, title, when, body, updated in rows
    ]


def upcoming_public_events(*, today) -> list[dict]:
    """Talks marked public from `today` on (the portal's meetings have no public flag), one
    query. Slides stay on the story page; speakers are public there too."""
    from knowledge.models import Talk

    rows = (
        Talk.objects.filter(is_public=True, date__gte=today)
        .order_by("date", "pk")
        .values_list("title", "date", "event", "place", "speakers")
    )
    return [
        {
            "titel": title,
            "datum": date.isoformat(),
            "veranstaltung": event,
            "ort": place or None,
            "vortragende": speakers,
        }
        for title, date, event, place, speakers in rows
    ]
