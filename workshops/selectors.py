"""Every non-trivial read of the workshops app.

The functions marked *digest* are the interface the weekly digest reads; they take aware
datetimes and return evaluated lists or querysets whose related objects are already loaded,
so that composing a digest costs a fixed number of queries.
"""

import datetime as dt
from itertools import chain

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lippe_ikz.queries import first_and_total
from members.models import Membership, Municipality, User
from members.permissions import municipality_ids_for
from workshops.models import (
    ActionItem,
    Attachment,
    Attendance,
    CalendarFeed,
    EventStatus,
    Meeting,
    Workshop,
    WorkshopSession,
)

# --- Querysets with what the pages show -------------------------------------------------------


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("host").annotate(
        accepted_count=Count(
            "attendances", filter=Q(attendances__response=Attendance.Response.ACCEPTED)
        )
    )


def _sessions() -> QuerySet[WorkshopSession]:
    return WorkshopSession.objects.select_related("workshop", "workshop__organiser")


def _action_items() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related(
        "responsible_municipality", "responsible_person", "workshop", "meeting", "project"
    )


def _open_first(qs):
    """Open and running items first (by due date), done ones after them."""
    return qs.order_by(F("completed_at").asc(nulls_first=True), "due_date", "pk")


def event_sort_key(item):
    return (item.start, item.pk)


# --- Termine (meetings and workshop sessions) -------------------------------------------------


class _PastEvents:
    """Past meetings and workshop parts, newest first, for a Paginator: counted and sliced in
    the database (two ordered queries merged), so a page costs the same with 10,000 meetings."""

    def __init__(self, meetings: QuerySet, sessions: QuerySet):
        self.meetings = meetings.order_by("-start", "-pk")
        self.sessions = sessions.order_by("-start", "-pk")

    def count(self) -> int:
        return self.meetings.count() + self.sessions.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("past events are only sliced")
        stop = index.stop
        merged = sorted(
            chain(self.meetings[:stop], self.sessions[:stop]), key=event_sort_key, reverse=True
        )
        return merged[index.start or 0 : stop]


_EVENT_COLUMNS = ("title", "start", "end", "status", "location", "online_url")


def event_page(
    *, kind: str = "", municipality: Municipality | None = None, year: int | None = None
) -> tuple[list, _PastEvents]:
    """/termine/: (upcoming, past), filtered by kind, Kommune and year; the upcoming ones as a list
    (the planning horizon bounds them), the past ones to be paginated (`_PastEvents`).

    Only the columns of the table are read (no acceptance count): the upcoming ones are not
    paginated, so their cost grows with the network's calendar."""
    meetings = Meeting.objects.select_related("host").only(*_EVENT_COLUMNS, "kind", "host__name")
    sessions = _sessions().only(
        *_EVENT_COLUMNS, "workshop__title", "workshop__slug", "workshop__organiser__name"
    )
    if kind in Meeting.Kind.values:
        meetings, sessions = meetings.filter(kind=kind), sessions.none()
    elif kind == "workshop":
        meetings = meetings.none()
    if municipality is not None:
        meetings = meetings.filter(host=municipality)
        sessions = sessions.filter(
            pk__in=WorkshopSession.objects.filter(
                Q(workshop__organiser=municipality) | Q(attending_municipalities=municipality)
            ).values("pk")
        )
    if year:
        meetings = meetings.filter(start__year=year)
        sessions = sessions.filter(start__year=year)
    now = timezone.now()
    upcoming = sorted(
        chain(meetings.filter(end__gt=now), sessions.filter(end__gt=now)), key=event_sort_key
    )
    return upcoming, _PastEvents(meetings.filter(end__lte=now), sessions.filter(end__lte=now))


def event_years() -> list[int]:
    years = {d.year for d in Meeting.objects.dates("start", "year")}
    years |= {d.year for d in WorkshopSession.objects.dates("start", "year")}
    return sorted(years, reverse=True)


def upcoming_events(*, start: dt.datetime, end: dt.datetime) -> list:
    """*digest*: meetings and workshop sessions beginning in [start, end), by start time.

    Cancelled ones are included (with ``status == "cancelled"``), so a digest can say so.
    """
    meetings = _meetings().filter(start__gte=start, start__lt=end)
    sessions = _sessions().filter(start__gte=start, start__lt=end)
    return sorted(chain(meetings, sessions), key=event_sort_key)


def meetings_accepted_by(
    *, user: User, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[Meeting]:
    """*digest*: planned meetings the person accepted (not waiting), optionally in [start, end)."""
    qs = _meetings().filter(
        attendances__user=user,
        attendances__response=Attendance.Response.ACCEPTED,
        status=EventStatus.PLANNED,
    )
    if start is not None:
        qs = qs.filter(start__gte=start)
    if end is not None:
        qs = qs.filter(start__lt=end)
    return list(qs.order_by("start"))


def accepted_attendees(*, meeting_ids) -> dict[int, list[User]]:
    """*digest*: the active people who accepted each of the meetings (not waiting), by meeting
    id, for meeting reminders and cancellation notices. One query for all meetings."""
    result: dict[int, list[User]] = {pk: [] for pk in meeting_ids}
    attendances = (
        Attendance.objects.filter(
            meeting_id__in=list(meeting_ids),
            response=Attendance.Response.ACCEPTED,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("meeting_id", "pk")
    )
    for attendance in attendances:
        result[attendance.meeting_id].append(attendance.user)
    return result


def cancelled_meetings_since(*, since: dt.datetime, starting_after: dt.datetime) -> list[Meeting]:
    """*digest*: meetings cancelled (last changed) after `since` that would have started after
    `starting_after`, for cancellation notices. One query."""
    return list(
        _meetings()
        .filter(status=EventStatus.CANCELLED, updated_at__gt=since, start__gt=starting_after)
        .order_by("start")
    )


def minutes_and_results_since(*, since: dt.datetime) -> dict:
    """*digest*: meetings whose minutes and workshops whose results changed after `since`.

    Returns ``{"meetings": [...], "workshops": [...]}``, newest first.
    """
    return {
        "meetings": list(
            _meetings().filter(minutes_updated_at__gt=since).order_by("-minutes_updated_at")
        ),
        "workshops": list(
            Workshop.objects.select_related("organiser")
            .filter(results_updated_at__gt=since)
            .order_by("-results_updated_at")
        ),
    }


def action_items_since(*, since: dt.datetime) -> list[ActionItem]:
    """*digest*: action items created after `since`, newest first."""
    return list(_action_items().filter(created_at__gt=since).order_by("-created_at"))


def _mine(user: User) -> Q:
    municipality_ids = Membership.objects.filter(user=user).values("municipality_id")
    return Q(responsible_person=user) | Q(
        responsible_person__isnull=True, responsible_municipality_id__in=municipality_ids
    )


def open_action_items_for(*, user: User) -> list[ActionItem]:
    """*digest*: the person's open action items (not done): assigned to them, or to one of
    their Kommunen without a named person. Ordered by due date; `is_overdue` tells overdue."""
    return list(
        _action_items()
        .filter(_mine(user))
        .exclude(status=ActionItem.Status.DONE)
        .order_by("due_date", "pk")
    )


def open_action_items_by_user(
    *, municipality_ids_by_user: dict[int, list[int]]
) -> dict[int, list[ActionItem]]:
    """*digest*: ``open_action_items_for`` of many people in one query, by user id. Takes each
    person's Kommunen (those of their memberships) by user id."""
    result: dict[int, list[ActionItem]] = {pk: [] for pk in municipality_ids_by_user}
    users_by_municipality: dict[int, list[int]] = {}
    for user_id, municipality_ids in municipality_ids_by_user.items():
        for municipality_id in set(municipality_ids):
            users_by_municipality.setdefault(municipality_id, []).append(user_id)
    items = (
        _action_items()
        .filter(
            Q(responsible_person_id__in=list(result))
            | Q(
                responsible_person__isnull=True,
                responsible_municipality_id__in=list(users_by_municipality),
            )
        )
        .exclude(status=ActionItem.Status.DONE)
        .order_by("due_date", "pk")
    )
    for item in items:
        if item.responsible_person_id is not None:
            result[item.responsible_person_id].append(item)
        else:
            for user_id in users_by_municipality.get(item.responsible_municipality_id, []):
                result[user_id].append(item)
    return result


def overdue_action_items_for(*, user: User, today: dt.date | None = None) -> list[ActionItem]:
    """*digest*: the person's open action items whose due date has passed."""
    today = today or timezone.localdate()
    return list(
        _action_items()
        .filter(_mine(user), due_date__lt=today)
        .exclude(status=ActionItem.Status.DONE)
        .order_by("due_date", "pk")
    )


def municipality_action_items(*, municipality: Municipality) -> list[ActionItem]:
    """A Kommune's open action items."""
    return list(
        _action_items()
        .filter(responsible_municipality=municipality)
        .exclude(status=ActionItem.Status.DONE)
        .order_by("due_date", "pk")
    )


def municipality_events(*, municipality: Municipality, limit: int = 10) -> list:
    """The Kommune's upcoming dates: meetings it hosts and workshop sessions it organises or
    attends, by start time. Two queries whatever the number of rows (its page has a tight
    query budget)."""
    now = timezone.now()
    meetings = _upcoming_meetings().filter(host=municipality, end__gt=now)[:limit]
    attended = WorkshopSession.attending_municipalities.through.objects.filter(
        municipality=municipality
    ).values("workshopsession_id")
    sessions = (
        _sessions()
        .filter(Q(workshop__organiser=municipality) | Q(pk__in=attended), end__gt=now)
        .order_by("start", "pk")[:limit]
    )
    return sorted(chain(meetings, sessions), key=event_sort_key)[:limit]


def _upcoming_meetings() -> QuerySet[Meeting]:
    """Meetings for the short lists of upcoming dates (dashboard, a Kommune's page): by start,
    without `_meetings()`'s count of acceptances, which they do not show. That count needs a
    GROUP BY over every matching meeting before the LIMIT (and a GROUP BY drops Meta.ordering,
    so the "next" meetings were any planned ones)."""
    return Meeting.objects.select_related("host").order_by("start", "pk")


def next_meetings(*, limit: int = 3) -> list:
    now = timezone.now()
    meetings = _upcoming_meetings().filter(end__gt=now, status=EventStatus.PLANNED)[:limit]
    sessions = (
        _sessions().filter(end__gt=now, status=EventStatus.PLANNED).order_by("start", "pk")[:limit]
    )
    return sorted(chain(meetings, sessions), key=event_sort_key)[:limit]


# --- Details --------------------------------------------------------------------------------


def meeting_detail(*, pk: int) -> Meeting:
    attendances = Attendance.objects.select_related("user").order_by("requested_at", "pk")
    return (
        _meetings()
        .select_related("created_by")
        .prefetch_related(
            "agenda_items",
            Prefetch("attendances", queryset=attendances, to_attr="attendance_list"),
            Prefetch(
                "action_items", queryset=_open_first(_action_items()), to_attr="action_item_list"
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by"),
                to_attr="attachment_list",
            ),
        )
        .get(pk=pk)
    )


def attendance_of(*, meeting: Meeting, user: User) -> Attendance | None:
    for attendance in getattr(meeting, "attendance_list", None) or []:
        if attendance.user_id == user.pk:
            return attendance
    if hasattr(meeting, "attendance_list"):
        return None
    return Attendance.objects.filter(meeting=meeting, user=user).first()


def _per_workshop(aggregate):
    """One value over the workshop's parts, as a correlated subquery (no join to multiply
    the action items counted beside it)."""
    return Subquery(
        WorkshopSession.objects.filter(workshop=OuterRef("pk"))
        .order_by()
        .values("workshop")
        .annotate(value=aggregate)
        .values("value")
    )


def workshop_list() -> QuerySet[Workshop]:
    """Workshops with the number of parts and the first and last part's start, counted in
    the database: the cards show no more of the parts (200 workshops at NRW size)."""
    return (
        Workshop.objects.select_related("organiser")
        .annotate(
            session_count=Coalesce(_per_workshop(Count("pk")), 0),
            first_start=_per_workshop(Min("start")),
            last_start=_per_workshop(Max("start")),
        )
        .annotate(
            open_item_count=Count(
                "action_items", filter=~Q(action_items__status=ActionItem.Status.DONE)
            )
        )
        .order_by("-created_at")
    )


def workshop_detail(*, slug: str) -> Workshop:
    sessions = WorkshopSession.objects.prefetch_related("attending_municipalities").order_by(
        "start"
    )
    return (
        Workshop.objects.select_related("organiser", "created_by")
        .prefetch_related(
            Prefetch("sessions", queryset=sessions, to_attr="session_list"),
            Prefetch(
                "action_items", queryset=_open_first(_action_items()), to_attr="action_item_list"
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by"),
                to_attr="attachment_list",
            ),
        )
        .get(slug=slug)
    )


def feed_events(*, since: dt.datetime | None = None) -> list:
    """Every meeting and session for the subscription feed (the last year and the future)."""
    since = since or timezone.now() - dt.timedelta(days=365)
    return sorted(
        chain(_meetings().filter(end__gte=since), _sessions().filter(end__gte=since)),
        key=event_sort_key,
    )


def feed_by_token(*, token: str) -> CalendarFeed | None:
    if not token:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, is_active=True, user__is_active=True)
        .first()
    )


def event_ics(item) -> bytes:
    """*digest*: the .ics bytes of one meeting or workshop session."""
    from workshops.calendar import event_ics as _event_ics

    return _event_ics(item)


def workshops_by_person() -> list[tuple[int, Workshop]]:
    """*knowledge* ("Wer weiß was?"): (person id, workshop) for the workshops a person set up
    and facilitated for the network, in one query."""
    workshops = Workshop.objects.filter(created_by__isnull=False).order_by("-created_at")
    return [(workshop.created_by_id, workshop) for workshop in workshops]


def editable_origins_for(*, user: User) -> dict:
    """*knowledge*: the workshops and meetings a person may add action items to (those of
    their Kommunen; all for admins), newest first."""
    from workshops.permissions import _active

    if not _active(user):
        return {"workshops": [], "meetings": []}
    workshops = Workshop.objects.order_by("-created_at")
    meetings = Meeting.objects.select_related("host").order_by("-start")
    if not user.is_staff:
        ids = municipality_ids_for(user)
        workshops = workshops.filter(organiser_id__in=ids)
        meetings = meetings.filter(host_id__in=ids)
    return {"workshops": list(workshops[:50]), "meetings": list(meetings[:50])}


# --- The dashboard's "To do" ------------------------------------------------------------------


def meetings_awaiting_reply(*, user: User, limit: int = 5) -> dict:
    """Upcoming planned meetings the person has not answered yet (every member of the network
    is invited to its meetings): the next `limit` and how many there are. One query."""
    meetings = (
        Meeting.objects.select_related("host")
        .only("title", "start", "host__name")  # what the card shows: narrow rows to sort
        .filter(end__gt=timezone.now(), status=EventStatus.PLANNED)
        .exclude(attendances__user=user)
        .order_by("start", "pk")
    )
    items, total = first_and_total(meetings, limit)
    return {"items": items, "total": total}
