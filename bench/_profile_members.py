"""Profile the members pages on a kept database with the `members` bench's NRW data.

    .venv/bin/python bench/_profile_members.py [cprofile|pyinstrument|time|cpu] / /kommunen/ …

The database (`<BENCH_DATABASE_URL's name>_profile_members`, or a SQLite file under var/) is
built once and kept, so that later runs start at once; BENCH_PROFILE_FRESH=1 rebuilds it.
Prints a profile of BENCH_PROFILE_ROUNDS (20) requests of each URL, DEBUG off as in
production, or (`time`) each page's best time against the floor and its query count, or
(`cpu`) the best CPU time of this process for the page and the floor.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lippe_ikz.settings.local")
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]


def build(connection) -> None:
    import io

    from django.core.management import call_command

    from bench._support import SIZES, analyze, bench_user
    from bench.members import _people
    from members.bench_data import generate_kommunen
    from projects.bench_data import generate as generate_projects
    from workshops.bench_data import generate as generate_meetings

    call_command("load_reference_data", stdout=io.StringIO())
    spec = SIZES["NRW"]
    user = bench_user()
    generate_kommunen(kommunen=spec["kommunen"])
    generate_projects(projects=spec["projects"], author=user)
    generate_meetings(meetings=spec["meetings"], attendee=user)
    _people(spec["kommunen"])
    analyze()


def main(mode: str, urls: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection

    from bench._support import bench_client, compare, count_queries, ensure_test_environment, getter

    ensure_test_environment()
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(ROOT / "var" / "profile_members.sqlite3")
    else:
        base = connection.settings_dict["NAME"]
        base = base if "bench" in base else f"{base}_bench"
        test["NAME"] = f"{base}_profile_members"
    fresh = bool(os.environ.get("BENCH_PROFILE_FRESH"))
    connection.close()
    connection.creation.create_test_db(verbosity=0, keepdb=not fresh, serialize=False)
    from members.models import User

    if not User.objects.filter(email="bench@example.org").exists():
        build(connection)
    user = User.objects.get(email="bench@example.org")
    client = bench_client(user)
    rounds = int(os.environ.get("BENCH_PROFILE_ROUNDS", "20"))
    for url in urls:
        fetch = getter(client, url)
        print(f"\n===== {url}")
        if mode == "time":
            floor = getter(client, "/__bench__/floor/")
            times = compare({"page": fetch, "floor": floor}, rounds)
            print(
                f"page {times['page']:.1f} ms, floor {times['floor']:.1f} ms, "
                f"{times['page'] / times['floor']:.1f}×, {count_queries(fetch)} queries"
            )
        elif mode == "cpu":
            # This process's CPU time only (not the database server's): steadier than wall
            # time on a busy machine, and what the Python side of a page costs.
            floor = getter(client, "/__bench__/floor/")
            best = {"page": float("inf"), "floor": float("inf")}
            for _ in range(rounds):
                for name, fn in (("page", fetch), ("floor", floor)):
                    start = time.process_time()
                    fn()
                    best[name] = min(best[name], time.process_time() - start)
            print(
                f"CPU page {best['page'] * 1000:.1f} ms, floor {best['floor'] * 1000:.1f} ms, "
                f"{best['page'] / best['floor']:.1f}×"
            )
        elif mode == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(rounds):
                    fetch()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(rounds):
                fetch()
            profiler.disable()
            stats = pstats.Stats(profiler)
            limit = int(os.environ.get("BENCH_PROFILE_LINES", "40"))
            stats.sort_stats("cumulative").print_stats(limit)
            stats.sort_stats("tottime").print_stats(limit)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
