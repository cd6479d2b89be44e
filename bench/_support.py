"""Helpers shared by the benchmark modules (not a benchmark itself: no `run()`).

- `scratch_database(module)`: a throwaway database that follows the backend of DATABASE_URL
  (a temporary SQLite file, or `<database>_bench_<module>` on the PostgreSQL server, e.g.
  `ikz_bench_<module>` for the default ikz_bench), migrated and
  loaded with the reference data, dropped afterwards. The development database is never used.
- `bench_client(user)`: Django's test Client, logged in (anonymous without a user), on a
  URLconf that adds the framework floors (`/__bench__/floor/`: base.html with no content,
  through the same middleware; `/__bench__/public-floor/`: the public layout, no content).
- `compare(...)`: best-of-N timings of several callables, interleaved round by round, so that a
  change of the machine's load hits every side of a ratio alike.
- `Figure`: one line of the report (a Markdown table row).
"""

import contextlib
import io
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# Network sizes: Lippe (the real network) and NRW (every Kommune of the Land), full by default.
SIZES = {
    "Lippe": {
        "kommunen": 17,
        "projects": env_int("BENCH_LIPPE_PROJECTS", 200),
        "meetings": env_int("BENCH_LIPPE_MEETINGS", 400),
    },
    "NRW": {
        "kommunen": env_int("BENCH_NRW_KOMMUNEN", 396),
        "projects": env_int("BENCH_NRW_PROJECTS", 5000),
        "meetings": env_int("BENCH_NRW_MEETINGS", 10000),
    },
}


def ensure_test_environment() -> None:
    """Django's test environment (test Client host, locmem email), set up once per run."""
    import warnings

    from django.conf import settings
    from django.test.utils import setup_test_environment

    # whitenoise warns when `collectstatic` has not run (a fresh clone); irrelevant here.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    from django.template import Template

    # An earlier benchmark module of the same run may have set it up already.
    with contextlib.suppress(RuntimeError):
        rendering = Template._render
        setup_test_environment()
        # ... but templates render as in production: the test environment sends a signal for
        # every template rendered, and the test Client copies the context on each (3-5 % of
        # an include-heavy page such as a long thread, nothing on the floor).
        Template._render = rendering
    settings.DEBUG = False  # as in production: no query log, no debug pages
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]


def database_url(settings_dict: dict) -> str:
    """DATABASE_URL of a database (for subprocesses such as a Celery worker)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    if settings_dict.get("PASSWORD"):
        user += f":{settings_dict['PASSWORD']}"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


@contextlib.contextmanager
def scratch_database(module: str):
    """A migrated database with the reference data for one benchmark module, then dropped."""
    from django.core.management import call_command
    from django.db import connection

    ensure_test_environment()
    test = connection.settings_dict.setdefault("TEST", {})
    tmp = None
    if connection.vendor == "sqlite":
        tmp = tempfile.TemporaryDirectory(prefix=f"ikz-bench-{module}-")
        test["NAME"] = str(Path(tmp.name) / "bench.sqlite3")
    old_name = connection.settings_dict["NAME"]
    if tmp is None:
        # Named after the server database of the run (ikz_bench by default), so that two
        # engineers with their own databases on one server never clobber each other's.
        base = old_name if "bench" in old_name else f"{old_name}_bench"
        test["NAME"] = f"{base}_{module}"
    connection.close()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_reference_data", stdout=io.StringIO())
        yield connection
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if tmp is not None:
            tmp.cleanup()


def bench_user(municipality_slug: str = "detmold"):
    """The CDO of a Kommune who looks at the pages."""
    from members.models import Membership, Municipality, User

    user = User.objects.create_user(email="bench@example.org", password=None, full_name="Bench")
    Membership.objects.create(
        user=user,
        municipality=Municipality.objects.get(slug=municipality_slug),
        role=Membership.Role.CDO,
    )
    return user


def bench_client(user=None):
    """The test Client on the bench URLconf, logged in as `user` (anonymous if None)."""
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches, set_urlconf

    settings.ROOT_URLCONF = "bench._urls"
    clear_url_caches()
    set_urlconf(None)
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def getter(client, url: str, *, contains: str = "", before=None):
    """A callable fetching `url` (streaming responses read to the end), checked once;
    `before()` runs before every fetch (e.g. emptying the cache of the public pages)."""

    def fetch():
        if before is not None:
            before()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return body

    body = fetch()
    if contains:
        assert contains.encode() in body, (url, contains)
    return fetch


def count_queries(fn) -> int:
    from django.db import connection

    queries = []

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(queries)


def compare(fns: dict, rounds: int = ROUNDS) -> dict[str, float]:
    """Best time in ms of each callable over `rounds`, the callables interleaved per round."""
    for fn in fns.values():
        fn()  # warm up (templates, prepared statements, caches)
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: t * 1000 for name, t in best.items()}


@dataclass
class Figure:
    size: str
    page: str
    page_ms: float
    floor_ms: float
    raw_ms: float | None = None
    queries: int | None = None
    note: str = ""

    def line(self) -> str:
        from django.db import connection

        floor = self.page_ms / self.floor_ms
        floor_mark = "" if floor <= 2 else " ⚠"
        if self.raw_ms:
            raw = self.page_ms / self.raw_ms
            raw_text = f"{raw:.1f}×{'' if raw <= 3 else ' ⚠'} ({self.raw_ms:.1f} ms)"
        else:
            raw_text = "–"
        queries = "" if self.queries is None else str(self.queries)
        return (
            f"| {connection.vendor} | {self.size} | {self.page} | {self.page_ms:.1f} | "
            f"{floor:.1f}×{floor_mark} ({self.floor_ms:.1f} ms) | {raw_text} | {queries} | "
            f"{self.note} |"
        )


FLOOR = "/__bench__/floor/"
PUBLIC_FLOOR = "/__bench__/public-floor/"


def measure(client, size: str, label: str, url: str, *, raw=None, contains: str = "",
            rounds: int = ROUNDS, note: str = "", floor: str = FLOOR,
            before=None) -> str:  # fmt: skip
    """One report line: `url` against the floor (and against `raw`, the SQL of its rows).

    `floor`: PUBLIC_FLOOR for the public pages (their own layout, anonymous visitor);
    `before`: run before every fetch of the page and of the floor alike (not timed apart)."""
    page = getter(client, url, contains=contains, before=before)
    floor = getter(client, floor, before=before)
    fns = {"page": page, "floor": floor}
    if raw is not None:
        fns["raw"] = raw
    times = compare(fns, rounds)
    return Figure(size, label, times["page"], times["floor"], times.get("raw"),
                  count_queries(page), note).line()  # fmt: skip


def raw_sql(sql: str, params=()):
    """A callable running hand-written SQL on a plain cursor and fetching every row."""
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return fetch


def analyze() -> None:
    """Planner statistics for freshly generated rows (PostgreSQL; nothing on SQLite).

    In production autovacuum analyses a table soon after many rows change; the bench measures
    seconds after a bulk insert, and the shared development server runs with autovacuum off,
    so without this the planner takes a 10,000-row table for empty and picks nested loops
    that cost hundreds of milliseconds (the dashboard's next meetings: 290 ms instead of 1 ms;
    each grouped count of /ozg/fortschritt/ 1.2 s instead of 80 ms). SQLite is left as the
    embedded default runs it, without statistics.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(label: str, fn) -> tuple[object, str]:
    start = time.perf_counter()
    result = fn()
    return result, f"{label} in {time.perf_counter() - start:.1f} s"
