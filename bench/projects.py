"""Benchmark of the projects list: server time of /projekte/ against the raw SQL of its rows.

Builds its own data (500 projects with participants and a timeline) in a throwaway SQLite file
created through Django's test database machinery; var/db.sqlite3 is never touched. Both sides
run in this process on the same data: the page through Django's test Client (middleware,
session, filters, templates), the baseline as hand-written SQL that fetches the same rows with
a plain cursor. Printed figures are ratios (best of N each), never absolute times.
"""

import io
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

from bench._support import ensure_test_environment

PROJECTS = 500
UPDATES_PER_PROJECT = 4
ROUNDS = 25

LIST_SQL = """
SELECT p.id, p.title, p.slug, p.summary, p.status, p.progress, p.start_date,
       p.planned_end_date, t.id, t.name, MAX(u.created_at) AS last_update_at
FROM projects_project p
JOIN projects_topic t ON t.id = p.topic_id
LEFT JOIN projects_statusupdate u ON u.project_id = p.id
GROUP BY p.id, t.id
ORDER BY p.title
LIMIT %s
"""
PARTICIPANTS_SQL = """
SELECT pa.id, pa.project_id, pa.role, m.id, m.name, m.slug
FROM projects_participation pa
JOIN members_municipality m ON m.id = pa.municipality_id
WHERE pa.project_id IN ({ids})
ORDER BY pa.project_id, pa.role, m.name
"""


def _best(fn, rounds: int = ROUNDS) -> float:
    fn()  # warm up (template loading, prepared statements, caches)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _build_data():
    from django.core.management import call_command
    from django.utils import timezone

    from members.models import Membership, Municipality, User
    from projects.models import Participation, Project, StatusUpdate, Topic

    call_command("load_reference_data", stdout=io.StringIO())
    municipalities = list(Municipality.objects.order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    user = User.objects.create_user(email="bench@example.org", password=None, full_name="Bench")
    Membership.objects.create(user=user, municipality=municipalities[0], role=Membership.Role.CDO)
    statuses = list(Project.Status.values)
    Project.objects.bulk_create(
        Project(
            title=f"Projekt {i:04d}",
            slug=f"projekt-{i:04d}",
            summary="Gemeinsam besser: ein Vorhaben mehrerer Kommunen im Kreis Lippe.",
            topic=topics[i % len(topics)],
            status=statuses[i % len(statuses)],
            progress=i % 101,
        )
        for i in range(PROJECTS)
    )
    projects = list(Project.objects.order_by("pk"))
    parts, updates, now = [], [], timezone.now()
    for i, project in enumerate(projects):
        n = 2 + i % 5  # 2 to 6 Kommunen per project
        for k in range(n):
            municipality = municipalities[(i + k) % len(municipalities)]
            role = Participation.Role.LEAD if k == 0 else Participation.Role.PARTICIPANT
            parts.append(Participation(project=project, municipality=municipality, role=role))
        for k in range(UPDATES_PER_PROJECT):
            updates.append(
                StatusUpdate(
                    project=project, author=user, text="Es geht voran.",
                    created_at=now - timedelta(days=i + 30 * k),
                )
            )  # fmt: skip
    Participation.objects.bulk_create(parts)
    StatusUpdate.objects.bulk_create(updates)
    return user


def _raw_list(page_size: int):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM projects_project")
        cursor.fetchone()
        cursor.execute(LIST_SQL, [page_size])
        rows = cursor.fetchall()
        ids = [r[0] for r in rows]
        cursor.execute(PARTICIPANTS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
        return rows, cursor.fetchall()


def run() -> list[str]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from projects.views import PAGE_SIZE

    # whitenoise warns when `collectstatic` has not run (a fresh clone); irrelevant here.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    ensure_test_environment()  # test Client host, locmem email
    settings.DEBUG = False  # as in production: no query log, no debug pages
    tmp = tempfile.TemporaryDirectory(prefix="ikz-bench-")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = str(Path(tmp.name) / "bench.sqlite3")
    old_name = connection.settings_dict["NAME"]
    lines = []
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        user = _build_data()
        client = Client()
        client.force_login(user)
        url = "/projekte/"

        def page():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        html = page().content.decode()
        assert "Projekt 0000" in html and "Projekt 0019" in html
        rows, participants = _raw_list(PAGE_SIZE)
        assert len(rows) == PAGE_SIZE and rows[0][1] == "Projekt 0000"
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or
                                        execute(sql, *args)):  # fmt: skip
            page()

        t_page = _best(page)
        t_sql = _best(lambda: _raw_list(PAGE_SIZE))
        lines.append(
            f"projects: /projekte/ page 1 ({PAGE_SIZE} of {PROJECTS} projects, "
            f"{len(participants)} participations, {len(queries)} queries) = "
            f"{t_page / t_sql:.1f}x the raw SQL of the same rows"
        )

        def export():
            response = client.get("/projekte/export.csv")
            assert response.status_code == 200
            return response

        csv_rows = export().content.decode("utf-8-sig").count("\n") - 1
        assert csv_rows == PROJECTS, csv_rows
        t_export = _best(export, rounds=max(3, ROUNDS // 5))
        t_sql_all = _best(lambda: _raw_list(PROJECTS), rounds=max(3, ROUNDS // 5))
        lines.append(
            f"projects: /projekte/export.csv (all {PROJECTS} projects) = "
            f"{t_export / t_sql_all:.1f}x the raw SQL of the same rows"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        tmp.cleanup()
    return lines
