"""Members and the dashboard: /, /kommunen/, a Kommune's page, /personen/, /profil/, at Lippe
and NRW size (a CDO per Kommune, the projects and meetings of the other modules' generators,
so that the dashboard and the Kommune's panels have something to show).

Every page against the framework floor; /kommunen/ also against the raw SQL of its rows (the
Kommunen with their people).
"""

from bench._support import (
    SIZES,
    analyze,
    bench_client,
    bench_user,
    measure,
    scratch_database,
    timed,
)

KOMMUNEN_SQL = """
SELECT m.id, m.name, m.slug, m.kind, m.population, u.id, u.full_name, u.email, ms.role
FROM members_municipality m
LEFT JOIN members_membership ms ON ms.municipality_id = m.id
LEFT JOIN members_user u ON u.id = ms.user_id
ORDER BY m.name
"""


def _people(kommunen: int) -> int:
    from django.contrib.auth.hashers import make_password

    from members.models import Membership, Municipality, User

    unusable = make_password(None)
    towns = list(Municipality.objects.order_by("pk")[:kommunen])
    have = set(User.objects.filter(email__startswith="cdo.").values_list("email", flat=True))
    new = [
        User(
            email=f"cdo.{m.slug}@bench.invalid", full_name=f"Vertretung {m.name}", password=unusable
        )
        for m in towns
        if f"cdo.{m.slug}@bench.invalid" not in have
    ]
    User.objects.bulk_create(new)
    by_email = {u.email: u for u in User.objects.filter(email__endswith="@bench.invalid")}
    Membership.objects.bulk_create(
        [Membership(user=by_email[f"cdo.{m.slug}@bench.invalid"], municipality=m, role="deputy")
         for m in towns if f"cdo.{m.slug}@bench.invalid" in {u.email for u in new}]
    )  # fmt: skip
    return User.objects.count()


def run() -> list[str]:
    from bench._support import raw_sql
    from members.bench_data import generate_kommunen
    from projects.bench_data import generate as generate_projects
    from workshops.bench_data import generate as generate_meetings

    lines = []
    with scratch_database("members"):
        user = bench_user()
        client = bench_client(user)
        projects = meetings = 0
        for size, spec in SIZES.items():
            generate_kommunen(kommunen=spec["kommunen"])

            def data(spec=spec, projects=projects, meetings=meetings):
                generate_projects(projects=spec["projects"] - projects, author=user)
                generate_meetings(meetings=spec["meetings"] - meetings, attendee=user)
                people = _people(spec["kommunen"])
                analyze()  # as autovacuum would in production
                return people

            people, note = timed(f"members: {size} data generated", data)
            lines.append(note)
            projects, meetings = spec["projects"], spec["meetings"]
            label = (f"{spec['kommunen']} Kommunen, {people:,} people, {projects:,} projects, "
                     f"{meetings:,} meetings")  # fmt: skip
            lines += [
                measure(client, size, "/ (dashboard)", "/", note=label),
                measure(client, size, f"/kommunen/ (all {spec['kommunen']})", "/kommunen/",
                        raw=raw_sql(KOMMUNEN_SQL), note=label),
                measure(client, size, "/kommunen/detmold/ (detail)", "/kommunen/detmold/",
                        contains="Detmold", note=label),
                measure(client, size, "/personen/ (page 1)", "/personen/", note=label),
                measure(client, size, "/profil/", "/profil/", note=label),
            ]  # fmt: skip
    return lines
