"""`make bench`: run every benchmark module in bench/ on SQLite and on PostgreSQL.

Each module `bench/<name>.py` defines `run() -> list[str]` and works in a scratch database of
its own (`bench._support.scratch_database`) that follows the backend: a temporary SQLite file,
or a database `<database>_bench_<module>` (`ikz_bench_<module>` for the default
ikz_bench) created on the PostgreSQL server and dropped afterwards.
Every figure is a ratio measured in the same run against a baseline on the same machine (never
an absolute time to assert on). See docs/benchmarks.md for the figures and how to read them.

Each backend runs in a process of its own (Django reads DATABASE_URL at start):

- BENCH_BACKENDS: "sqlite postgresql" (default) or one of them.
- PostgreSQL server: BENCH_DATABASE_URL, else DATABASE_URL if it is PostgreSQL, else
  postgres://postgres@127.0.0.1:5432/ikz_bench. Unreachable: skipped with a message (an error
  with REQUIRE_SERVICES=1).
- BENCH_MODULES (or the arguments): only these modules, e.g. `bench/run.py projects ozg`.
- Sizes and rounds: see bench/_support.py (BENCH_NRW_PROJECTS, BENCH_ROUNDS …).
"""

import importlib
import os
import pkgutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ itself first on the path, where bench/public.py would
# shadow the `public` package that aiosmtpd imports: only the project root, so the modules
# are always `bench.<name>`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lippe_ikz.settings.local")

HEADER = (
    "| backend | size | page | page ms | × floor (floor ms) | × raw SQL (SQL ms) | queries | "
    "note |\n|---|---|---|---|---|---|---|---|"
)


def module_names(requested: list[str]) -> list[str]:
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(ROOT / "bench")])
        if not m.name.startswith("_") and m.name != "run"
    )
    if requested:
        unknown = set(requested) - set(names)
        if unknown:
            raise SystemExit(f"unknown benchmark modules: {', '.join(sorted(unknown))}")
        names = [n for n in names if n in requested]
    return names


def run_backend(names: list[str]) -> int:
    """In the child process: every module on the backend of DATABASE_URL."""
    import django

    django.setup()
    from django.db import connection

    print(f"\n## {connection.vendor}\n\n{HEADER}", flush=True)
    notes = []
    for name in names:
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        for line in module.run():
            if line.startswith("|"):
                print(line, flush=True)
            else:
                notes.append(line)
        notes.append(
            f"{name}: whole module (data, migrations, timings) "
            f"{time.perf_counter() - started:.0f} s"
        )
    print("\n" + "\n".join(f"- {note}" for note in notes), flush=True)
    return 0


def postgres_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ["DATABASE_URL"]
    return url or "postgres://postgres@127.0.0.1:5432/ikz_bench"


def postgres_reachable(url: str) -> str:
    """'' if the server answers, else why not."""
    import psycopg

    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(server, connect_timeout=3).close()
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return ""


def main(argv: list[str]) -> int:
    requested = argv or os.environ.get("BENCH_MODULES", "").split()
    names = module_names(requested)
    if os.environ.get("BENCH_CHILD") == "1":
        return run_backend(names)
    if not names:
        print("no benchmarks yet")
        return 0
    status = 0
    for backend in os.environ.get("BENCH_BACKENDS", "sqlite postgresql").split():
        if backend == "sqlite":
            url = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"  # never written: scratch files
        elif backend == "postgresql":
            url = postgres_url()
            problem = postgres_reachable(url)
            if problem:
                print(
                    f"\n## postgresql\n\nskipped: the server of {url} does not answer ({problem})"
                )
                if os.environ.get("REQUIRE_SERVICES") == "1":
                    status = 1
                continue
        else:
            raise SystemExit(f"unknown backend {backend!r} (sqlite, postgresql)")
        env = {**os.environ, "DATABASE_URL": url, "BENCH_CHILD": "1"}
        result = subprocess.run([sys.executable, __file__, *names], env=env, check=False)  # noqa: S603
        status = status or result.returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
