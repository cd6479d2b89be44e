"""The digest preview: /digest/vorschau/ (the next digest as a page, with its text part) and
/digest/vorschau/email/ (its HTML part, byte for byte, for the preview's frame), at Lippe and
NRW size, each against the framework floor.

Data: the projects, meetings and knowledge generators at the sizes of bench/_support.py (the
projects' timelines and the meetings around today fill the digest's week), 30 new members in
the window; the landscape's contracts (every Kommune × 12 categories) for its "Verträge"
section. The OZG statuses are left out (the `ozg` module's 220,000 rows take long to make;
the section then shows nothing new).

The digest's sections read many tables; a raw SQL baseline of "the same rows" would be a
dozen queries written anew, so instead a note line splits the page's time: composing the
digest alone (`services.compose_digest`, every read) and building the message (`build_message`,
the two templates), measured in the same rounds as the page.
"""

from bench._support import (
    SIZES,
    analyze,
    bench_client,
    bench_user,
    compare,
    getter,
    measure,
    scratch_database,
    timed,
)


def _split(client, user, size: str) -> str:
    from django.utils import timezone

    from digests import selectors, services

    now = timezone.now()

    def compose():
        return services.compose_digest(person=user, until=now)

    digest = compose()

    def build():
        return services.build_message(person=user, digest=digest,
                                      period=selectors.period_of(now))  # fmt: skip

    times = compare(
        {"page": getter(client, "/digest/vorschau/"), "compose": compose, "build": build},
        rounds=7,
    )
    return (
        f"digest preview ({size}): page {times['page']:.1f} ms = composing the digest "
        f"{times['compose']:.1f} ms + building the message {times['build']:.1f} ms + the rest "
        f"{times['page'] - times['compose'] - times['build']:.1f} ms (page template, "
        f"middleware); sections with content: "
        f"{', '.join(f'{s.key} ({len(items)})' for s, items in digest.sections) or 'none'}"
    )


def run() -> list[str]:
    from knowledge.bench_data import generate as generate_knowledge
    from landscape.bench_data import generate as generate_landscape
    from members.bench_data import generate_kommunen
    from members.models import Membership, Municipality, User
    from projects.bench_data import generate as generate_projects
    from workshops.bench_data import generate as generate_meetings

    lines = []
    with scratch_database("digest_preview"):
        user = bench_user()
        client = bench_client(user)
        projects = meetings = 0
        for size, spec in SIZES.items():
            generate_kommunen(kommunen=spec["kommunen"])

            def data(spec=spec, projects=projects, meetings=meetings, size=size):
                generate_projects(projects=spec["projects"] - projects, author=user)
                generate_meetings(meetings=spec["meetings"] - meetings, attendee=user)
                generate_landscape(kommunen=spec["kommunen"])
                generate_knowledge(author=user, articles=60 if size == "Lippe" else 1500,
                                   revisions=5, people_per_kommune=1)  # fmt: skip
                if size == "Lippe":
                    towns = list(Municipality.objects.order_by("pk"))
                    people = User.objects.bulk_create(
                        [User(email=f"neu{n}@bench.invalid", full_name=f"Neu {n}")
                         for n in range(30)]
                    )  # fmt: skip
                    Membership.objects.bulk_create(
                        [Membership(user=p, municipality=towns[n % len(towns)], role="staff")
                         for n, p in enumerate(people)]
                    )  # fmt: skip

            _, note = timed(f"digest_preview: {size} data generated", data)
            analyze()  # as autovacuum would in production
            lines.append(note)
            projects, meetings = spec["projects"], spec["meetings"]
            label = (f"{spec['kommunen']} Kommunen, {projects:,} projects, "
                     f"{meetings:,} meetings")  # fmt: skip
            lines += [
                measure(client, size, "/digest/vorschau/", "/digest/vorschau/", rounds=7,
                        note=label),
                measure(client, size, "/digest/vorschau/email/ (HTML part)",
                        "/digest/vorschau/email/", rounds=7, note=label),
                _split(client, user, size),
            ]  # fmt: skip
    return lines
