"""Synthetic projects for benchmarks (`bench/`, like `ozg.bench_data`): never in demo data."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from members.models import Municipality, User
from projects.models import Participation, Project, StatusUpdate, Topic


@transaction.atomic
def generate(*, projects: int, author: User, updates_per_project: int = 4,
             batch_size: int = 2000) -> dict:  # fmt: skip
    """`projects` fictitious projects ("Benchprojekt NNNNN"), each led by one Kommune with 1–5
    more taking part, and a timeline of `updates_per_project` entries. Adds to what exists."""
    municipalities = list(Municipality.objects.order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    statuses = list(Project.Status.values)
    start = Project.objects.filter(slug__startswith="benchprojekt-").count()
    today = timezone.localdate()
    Project.objects.bulk_create(
        [
            Project(
                title=f"Benchprojekt {i:05d}",
                slug=f"benchprojekt-{i:05d}",
                summary="Gemeinsam besser: ein Vorhaben mehrerer Kommunen (Benchmark-Daten).",
                description="Ein **Benchmark-Projekt**.\n\n- Ziel eins\n- Ziel zwei",
                topic=topics[i % len(topics)],
                status=statuses[i % len(statuses)],
                progress=i % 101,
                start_date=today - dt.timedelta(days=i % 900),
                planned_end_date=today + dt.timedelta(days=i % 400),
            )
            for i in range(start, start + projects)
        ],
        batch_size=batch_size,
    )
    created = list(Project.objects.filter(slug__startswith="benchprojekt-").order_by("pk")[start:])
    parts, updates, now = [], [], timezone.now()
    for i, project in enumerate(created, start=start):
        for k in range(2 + i % 5):  # 2 to 6 Kommunen per project
            parts.append(
                Participation(
                    project=project,
                    municipality=municipalities[(i + k * 7) % len(municipalities)],
                    role=Participation.Role.LEAD if k == 0 else Participation.Role.PARTICIPANT,
                )
            )
        for k in range(updates_per_project):
            updates.append(
                StatusUpdate(project=project, author=author, text="Es geht voran.",
                             created_at=now - dt.timedelta(days=i % 300 + 30 * k))
            )  # fmt: skip
    Participation.objects.bulk_create(parts, batch_size=batch_size, ignore_conflicts=True)
    StatusUpdate.objects.bulk_create(updates, batch_size=batch_size)
    return {"projects": len(created), "participations": len(parts), "updates": len(updates)}
