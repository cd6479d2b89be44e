"""Synthetic meetings and workshops for benchmarks (`bench/`, like `ozg.bench_data`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from members.models import Municipality, User
from workshops.models import AgendaItem, Attendance, Meeting, Workshop, WorkshopSession


@transaction.atomic
def generate(*, meetings: int, attendee: User, workshops: int | None = None,
             batch_size: int = 2000) -> dict:  # fmt: skip
    """`meetings` fictitious meetings ("Benchtreffen NNNNN"), one every two days around today
    (two thirds in the past, with minutes), hosted in turn by every Kommune, three agenda items
    each, `attendee` accepting every third; and `workshops` (default meetings / 50) workshops
    of two parts. Adds to what exists."""
    municipalities = list(Municipality.objects.order_by("pk"))
    workshops = max(1, meetings // 50) if workshops is None else workshops
    start = Meeting.objects.filter(title__startswith="Benchtreffen ").count()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = now - dt.timedelta(days=2 * (meetings * 2 // 3))
    new = []
    for i in range(start, start + meetings):
        begin = first + dt.timedelta(days=2 * (i - start), hours=i % 8)
        new.append(
            Meeting(
                title=f"Benchtreffen {i:05d}",
                kind=Meeting.Kind.NETWORK if i % 3 else Meeting.Kind.JOUR_FIXE,
                host=municipalities[i % len(municipalities)],
                start=begin,
                end=begin + dt.timedelta(hours=2),
                location="Kreishaus Detmold, Raum 1",
                description="Austausch im Netzwerk (Benchmark-Daten).",
                minutes="Protokoll: **Beschlüsse** und Aufgaben." if begin < now else "",
            )
        )
    created = Meeting.objects.bulk_create(new, batch_size=batch_size)
    items, attendances = [], []
    for k, meeting in enumerate(created):
        for position in (1, 2, 3):
            items.append(AgendaItem(meeting=meeting, position=position, title=f"Thema {position}",
                                    duration_minutes=30))  # fmt: skip
        if k % 3 == 0:
            attendances.append(
                Attendance(meeting=meeting, user=attendee, response=Attendance.Response.ACCEPTED)
            )
    AgendaItem.objects.bulk_create(items, batch_size=batch_size)
    Attendance.objects.bulk_create(attendances, batch_size=batch_size)
    base = Workshop.objects.filter(slug__startswith="benchworkshop-").count()
    made = Workshop.objects.bulk_create(
        [
            Workshop(
                title=f"Benchworkshop {i:04d}",
                slug=f"benchworkshop-{i:04d}",
                goal="Gemeinsam eine Lösung finden (Benchmark-Daten).",
                organiser=municipalities[i % len(municipalities)],
            )
            for i in range(base, base + workshops)
        ]  # fmt: skip
    )
    sessions = []
    for i, workshop in enumerate(made):
        for part in (1, 2):
            begin = first + dt.timedelta(days=7 * i + 3 * part, hours=9)
            sessions.append(WorkshopSession(workshop=workshop, title=f"Teil {part}", start=begin,
                                            end=begin + dt.timedelta(hours=3)))  # fmt: skip
    WorkshopSession.objects.bulk_create(sessions, batch_size=batch_size)
    return {"meetings": len(created), "workshops": len(made), "sessions": len(sessions)}
