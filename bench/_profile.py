"""Profile one page on a scratch database with the bench's data (pyinstrument).

    .venv/bin/python bench/_profile.py projects /projekte/ [/projekte/export.csv …]

The first argument picks the data: `projects` (BENCH_NRW_PROJECTS projects), `workshops`
(BENCH_NRW_MEETINGS meetings) or `ozg` (NRW statuses). Prints pyinstrument's text report of
20 requests of each URL, DEBUG off as in production.
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
        client = bench_client(user)
        for url in urls:
            fetch = getter(client, url)
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(int(os.environ.get("BENCH_PROFILE_ROUNDS", "20"))):
                    fetch()
            print(f"\n===== {url}")
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
