"""Projects: /projekte/ page 1, a project's page, the CSV exports, at Lippe and NRW size.

Each page against the framework floor (base.html with no content, same user, same middleware)
and, for the list and the export, against hand-written SQL that fetches the same rows with a
plain cursor: the count, the page's projects with topic and date of the last update, and their
participations with the Kommune's name.
"""

from bench._support import (
    ROUNDS,
    SIZES,
    analyze,
    bench_client,
    bench_user,
    measure,
    scratch_database,
    timed,
)

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


def _raw_list(limit: int):
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM projects_project")
            cursor.fetchone()
            cursor.execute(LIST_SQL, [limit])
            rows = cursor.fetchall()
            ids = [r[0] for r in rows]
            cursor.execute(PARTICIPANTS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
            return rows, cursor.fetchall()

    return fetch


def run() -> list[str]:
    from members.bench_data import generate_kommunen
    from projects.bench_data import generate
    from projects.models import Project
    from projects.views import PAGE_SIZE

    lines = []
    with scratch_database("projects"):
        user = bench_user()
        client = bench_client(user)
        total = 0
        for size, spec in SIZES.items():
            generate_kommunen(kommunen=spec["kommunen"])
            _, note = timed(
                f"projects: {size} data ({spec['projects']:,} projects) generated",
                lambda spec=spec, total=total: generate(
                    projects=spec["projects"] - total, author=user
                ),
            )
            lines.append(note)
            analyze()
            total = spec["projects"]
            assert Project.objects.count() == total
            first = Project.objects.order_by("title").first()
            label = f"{spec['kommunen']} Kommunen, {total:,} projects"
            lines.append(measure(client, size, f"/projekte/ page 1 ({PAGE_SIZE} of {total:,})",
                                 "/projekte/", raw=_raw_list(PAGE_SIZE), contains=first.title,
                                 note=label))  # fmt: skip
            export_rounds = max(3, ROUNDS // (5 if total < 1000 else 10))
            lines.append(measure(client, size, f"/projekte/export.csv (all {total:,})",
                                 "/projekte/export.csv", raw=_raw_list(total),
                                 rounds=export_rounds, note=label))  # fmt: skip
            lines.append(measure(client, size, "/projekte/&lt;slug&gt;/ (detail)",
                                 first.get_absolute_url(), contains=first.title,
                                 note=label))  # fmt: skip
            lines.append(measure(client, size, "/projekte/&lt;slug&gt;/kosten.csv",
                                 f"{first.get_absolute_url()}kosten.csv", note=label))  # fmt: skip
    return lines
