"""Profile one page on a scratch database with the bench's data (pyinstrument).

    .venv/bin/python bench/_profile.py projects /projekte/ [/projekte/export.csv …]

The first argument picks the data: `projects` (BENCH_NRW_PROJECTS projects), `workshops`
(BENCH_NRW_MEETINGS meetings), `ozg` (NRW statuses), `knowledge` (bench/knowledge.py's NRW
data; the guide is /wissen/benchleitfaden/, the checklist /wissen/benchcheckliste/) or
`discussions` (a thread of 500 posts on the first project, /projekte/benchprojekt-00000/).
Prints pyinstrument's text report of 20 requests of each URL, DEBUG off as in production.
With BENCH_PROFILER=cprofile: cProfile on CPU time (`time.process_time`, so that waiting
for a busy shared machine does not count), the 25 functions with the most own time and the
25 with the most cumulative time.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lippe_ikz.settings.local")


def main(data: str, urls: list[str]) -> None:
    import django

    django.setup()
    from pyinstrument import Profiler

    from bench._support import SIZES, bench_client, bench_user, getter, scratch_database
    from members.bench_data import generate_kommunen

    spec = SIZES["NRW"]
    with scratch_database(f"profile_{data}"):
        user = bench_user()
        generate_kommunen(kommunen=spec["kommunen"])
        if data == "projects":
            from projects.bench_data import generate

            generate(projects=spec["projects"], author=user)
        elif data == "workshops":
            from workshops.bench_data import generate

            generate(meetings=spec["meetings"], attendee=user)
        elif data == "ozg":
            from ozg.bench_data import generate

            generate(kommunen=spec["kommunen"])
        elif data == "knowledge":
            from bench.knowledge import KNOWLEDGE
            from knowledge.bench_data import generate
            from projects.bench_data import generate as generate_projects
            from workshops.bench_data import generate as generate_meetings

            generate_projects(projects=200, author=user)
            generate_meetings(meetings=400, attendee=user)
            generate(author=user, **KNOWLEDGE["NRW"])
        elif data == "discussions":
            from bench.discussions import _people, _thread
            from projects.bench_data import generate as generate_projects
            from projects.models import Project

            generate_projects(projects=10, author=user)
            people, kommunen = _people(1)
            _thread(Project.objects.order_by("pk").first(), 500, people, kommunen)
        client = bench_client(user)
        rounds = int(os.environ.get("BENCH_PROFILE_ROUNDS", "20"))
        for url in urls:
            fetch = getter(client, url)
            if os.environ.get("BENCH_PROFILER") == "cprofile":
                _cprofile(url, fetch, rounds)
                continue
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(rounds):
                    fetch()
            print(f"\n===== {url}")
            print(profiler.output_text(unicode=True, color=False, show_all=False))


def _cprofile(url: str, fetch, rounds: int) -> None:
    import cProfile
    import io
    import pstats
    import time

    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(rounds):
        fetch()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    print(f"\n===== {url} (CPU seconds, {rounds} requests)")
    print(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
