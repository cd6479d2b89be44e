"""Reads of the digests app: preferences, due people, slots."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from digests.models import Delivery, DigestPreference

BERLIN = ZoneInfo(settings.TIME_ZONE)
DEFAULTS = {"enabled": True, "weekday": 0, "hour": 7}


def preference_for(person) -> DigestPreference:
    """The stored preference, or an unsaved one with the defaults."""
    try:
        return DigestPreference.objects.get(person=person)
    except DigestPreference.DoesNotExist:
        return DigestPreference(person=person)


def period_of(moment: dt.datetime) -> str:
    """The ISO week in Europe/Berlin, e.g. "2026-W10": one digest per person and period."""
    year, week, _ = moment.astimezone(BERLIN).isocalendar()
    return f"{year}-W{week:02d}"


def previous_period(period: str) -> str:
    year, week = period.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1) - dt.timedelta(days=7)
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}"


def slot_of(*, period: str, weekday: int, hour: int) -> dt.datetime:
    """The wall-clock slot in Europe/Berlin (so summer time neither moves nor doubles it)."""
    year, week = period.split("-W")
    day = dt.date.fromisocalendar(int(year), int(week), weekday + 1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN)


def next_slot(preference: DigestPreference, now: dt.datetime | None = None) -> dt.datetime | None:
    """The person's next slot: this week's if no digest of this week went out yet (it may
    lie in the past: then it is due and waits for the dispatcher), else next week's."""
    if not preference.enabled:
        return None
    now = now or timezone.now()
    period = period_of(now)
    slot = slot_of(period=period, weekday=preference.weekday, hour=preference.hour)
    if Delivery.objects.filter(person_id=preference.person_id, period=period).exists():
        following = period_of(slot + dt.timedelta(days=7))
        return slot_of(period=following, weekday=preference.weekday, hour=preference.hour)
    return slot


DISPATCH_TASK = "digests.dispatch_digests"
# Beat writes a task's last run to the database every few minutes (DatabaseScheduler syncs
# every 3 minutes), so "running" allows two intervals plus that lag.
DISPATCH_GRACE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class DigestSchedule:
    """What the dashboard says about the person's digest, truthfully."""

    next_at: dt.datetime | None  # None: the person gets no digest
    due: bool  # the slot has come; the next dispatcher run sends it
    dispatcher_running: bool  # beat has run the dispatcher recently
    dispatcher_last_run: dt.datetime | None


def dispatcher_state(now: dt.datetime | None = None) -> tuple[bool, dt.datetime | None]:
    """Whether beat runs the digest dispatcher (its last run is recent), and when it last ran."""
    from django_celery_beat.models import PeriodicTask

    now = now or timezone.now()
    task = (
        PeriodicTask.objects.filter(task=DISPATCH_TASK, enabled=True)
        .select_related("interval")
        .order_by("-last_run_at")
        .first()
    )
    if task is None or task.last_run_at is None:
        return False, None
    every = dt.timedelta(minutes=15)
    if task.interval is not None:
        every = dt.timedelta(**{task.interval.period: task.interval.every})
    return now - task.last_run_at <= 2 * every + DISPATCH_GRACE, task.last_run_at


def digest_schedule(preference: DigestPreference, now: dt.datetime | None = None) -> DigestSchedule:
    now = now or timezone.now()
    slot = next_slot(preference, now)
    running, last_run = dispatcher_state(now)
    return DigestSchedule(
        next_at=slot,
        due=slot is not None and slot <= now,
        dispatcher_running=running,
        dispatcher_last_run=last_run,
    )


def _people_with_slots() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            d_on=Coalesce("digest_preference__enabled", Value(True)),
            d_wd=Coalesce("digest_preference__weekday", Value(0)),
            d_hr=Coalesce("digest_preference__hour", Value(7)),
        )
        .filter(d_on=True)
    )


def _without_delivery(people: QuerySet, *periods: str) -> QuerySet:
    for period in periods:
        people = people.exclude(
            Exists(Delivery.objects.filter(person=OuterRef("pk"), period=period))
        )
    return people


def due_people(*, now: dt.datetime) -> dict[str, list[int]]:
    """Ids of people whose slot has come and who have no delivery for its period, by period.

    Slots compare as local wall-clock (weekday, hour), so a dispatcher that was down for
    hours catches up; a slot on a Sunday missed over the week boundary is still caught up
    within 24 hours.
    """
    local = now.astimezone(BERLIN)
    period = period_of(now)
    wd, hr = local.weekday(), local.hour
    people = _people_with_slots()
    current = _without_delivery(
        people.filter(Q(d_wd__lt=wd) | Q(d_wd=wd, d_hr__lte=hr)), period
    ).values_list("pk", flat=True)
    due = {period: list(current)}
    if wd == 0:
        before = previous_period(period)
        late = _without_delivery(people.filter(d_wd=6, d_hr__gt=hr), before, period)
        due[before] = list(late.values_list("pk", flat=True))
    return due


def own_municipality_ids(person) -> list[int]:
    from members.models import Membership

    return sorted(
        set(Membership.objects.filter(user=person).values_list("municipality_id", flat=True))
    )


def own_municipality_ids_by_person(*, person_ids) -> dict[int, list[int]]:
    """``own_municipality_ids`` of many people in one query."""
    from members.models import Membership

    result: dict[int, set[int]] = {pk: set() for pk in person_ids}
    pairs = Membership.objects.filter(user_id__in=list(result)).values_list(
        "user_id", "municipality_id"
    )
    for user_id, municipality_id in pairs:
        result[user_id].add(municipality_id)
    return {pk: sorted(ids) for pk, ids in result.items()}


def watermarks(*, person_ids) -> dict[int, dt.datetime]:
    """The watermark of each of the people who have one."""
    return dict(
        DigestPreference.objects.filter(
            person_id__in=list(person_ids), watermark__isnull=False
        ).values_list("person_id", "watermark")
    )


def reminder_wishes(*, person_ids) -> dict[int, bool]:
    """Whether each person wants meeting reminders (people without a preference: yes)."""
    return dict(
        DigestPreference.objects.filter(person_id__in=list(person_ids)).values_list(
            "person_id", "reminders"
        )
    )
