"""Workshops and Termine: /termine/ (every meeting and workshop part), a meeting's page,
/workshops/ and a workshop's page, at Lippe and NRW size (10,000 meetings by default).

Every page against the framework floor; /termine/ also against the raw SQL of its rows (the
meetings with their host and number of acceptances, the workshop parts with their workshop).
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

MEETINGS_SQL = """
SELECT m.id, m.title, m.kind, m.start, m."end", m.status, m.location, h.id, h.name, h.slug,
       COUNT(a.id) FILTER (WHERE a.response = 'accepted')
FROM workshops_meeting m
JOIN members_municipality h ON h.id = m.host_id
LEFT JOIN workshops_attendance a ON a.meeting_id = m.id
GROUP BY m.id, h.id
"""
SESSIONS_SQL = """
SELECT s.id, s.title, s.start, s."end", s.status, w.id, w.title, w.slug, o.id, o.name
FROM workshops_workshopsession s
JOIN workshops_workshop w ON w.id = s.workshop_id
JOIN members_municipality o ON o.id = w.organiser_id
"""


def _raw_events():
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(MEETINGS_SQL)
            meetings = cursor.fetchall()
            cursor.execute(SESSIONS_SQL)
            return meetings, cursor.fetchall()

    return fetch


def run() -> list[str]:
    from django.utils import timezone

    from members.bench_data import generate_kommunen
    from workshops.bench_data import generate
    from workshops.models import Meeting, Workshop

    lines = []
    with scratch_database("workshops"):
        user = bench_user()
        client = bench_client(user)
        total = 0
        for size, spec in SIZES.items():
            generate_kommunen(kommunen=spec["kommunen"])
            _, note = timed(
                f"workshops: {size} data ({spec['meetings']:,} meetings) generated",
                lambda spec=spec, total=total: generate(meetings=spec["meetings"] - total,
                                                        attendee=user),
            )  # fmt: skip
            lines.append(note)
            analyze()
            total = spec["meetings"]
            label = f"{spec['kommunen']} Kommunen, {total:,} meetings"
            meeting = Meeting.objects.filter(start__gt=timezone.now()).order_by("start").first()
            workshop = Workshop.objects.order_by("pk").first()
            few = max(3, ROUNDS // (3 if total < 1000 else 10))
            lines += [
                measure(client, size, f"/termine/ (all {total:,})", "/termine/",
                        raw=_raw_events(), rounds=few, note=label),
                measure(client, size, "/termine/&lt;pk&gt;/ (detail)", f"/termine/{meeting.pk}/",
                        contains=meeting.title, note=label),
                measure(client, size, "/workshops/", "/workshops/", note=label),
                measure(client, size, "/workshops/&lt;slug&gt;/ (detail)",
                        f"/workshops/{workshop.slug}/", contains=workshop.title, note=label),
            ]  # fmt: skip
    return lines
