"""A bounded load run against the public part (loopback only): start gunicorn with two
workers on 127.0.0.1, let 50 asyncio clients (httpx) request public pages and the API for a
fixed number of seconds, print requests per second and errors, stop gunicorn.

    .venv/bin/python bench/_public_load.py --database-url sqlite:///$PWD/var/b.sqlite3 --seconds 60

Used by bench/public.py (with its scratch database, SQLite or PostgreSQL); standalone it needs a
database with the reference data. Rate limits are lifted for the run (PUBLIC_RATE_LIMIT,
API_ANON_RATE).

"""

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, never another address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _urls(slugs: list[str]) -> list[str]:
    urls = ["/online-dienste/", "/api/v1/kommunen/", "/api/v1/status/?page_size=100"]
    for slug in slugs:
        urls += [f"/online-dienste/{slug}/", f"/api/v1/status/?kommune={slug}"]
    return urls


async def _client(http, urls, deadline, stats, rng):
    while time.monotonic() < deadline:
        url = rng.choice(urls)
        try:
            response = await http.get(url)
            if response.status_code == 200:
                stats["ok"] += 1
            else:
                stats["errors"] += 1
                stats.setdefault("codes", {}).setdefault(response.status_code, 0)
                stats["codes"][response.status_code] += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported
            stats["errors"] += 1
            stats.setdefault("exceptions", set()).add(type(exc).__name__)


async def _drive(base: str, urls: list[str], seconds: int, clients: int) -> dict:
    import logging

    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one log line per request otherwise

    stats = {"ok": 0, "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        deadline = time.monotonic() + seconds
        rngs = [random.Random(i) for i in range(clients)]  # noqa: S311 - load mix
        started = time.monotonic()
        await asyncio.gather(*(_client(http, urls, deadline, stats, r) for r in rngs))
        stats["elapsed"] = time.monotonic() - started
    return stats


def _wait_for(base: str, timeout: float = 90) -> None:
    import httpx

    end = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < end:
        try:
            response = httpx.get(base + "/online-dienste/leichte-sprache/", timeout=5)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}: {response.text[:300]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s ({last})")


def load_run(*, database_url: str, slugs: list[str], seconds: int = 60, clients: int = 50,
             workers: int = 2) -> str:  # fmt: skip
    port = _free_port()
    base = f"http://{HOST}:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lippe_ikz.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": HOST,
        "PUBLIC_RATE_LIMIT": "100000000/m",
        "API_ANON_RATE": "100000000/min",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "gunicorn", "lippe_ikz.wsgi", "--workers", str(workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_for(base)
        stats = asyncio.run(_drive(base, _urls(slugs), seconds, clients))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    rps = stats["ok"] / stats["elapsed"] if stats["elapsed"] else 0
    detail = ""
    if stats["errors"]:
        detail = f" ({stats.get('codes', {})} {sorted(stats.get('exceptions', []))})"
    return (
        f"public load run: {workers} gunicorn workers, {clients} clients, {seconds} s, "
        f"{len(slugs)} Kommunen: {rps:.0f} requests/s, {stats['ok']:,} ok, "
        f"{stats['errors']} errors{detail}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    import sqlite3

    if not args.database_url.startswith("sqlite:///"):
        raise SystemExit("standalone: a SQLite database (bench/public.py covers PostgreSQL)")
    with sqlite3.connect(args.database_url.removeprefix("sqlite:///")) as con:
        slugs = [r[0] for r in con.execute("SELECT slug FROM members_municipality")]
    print(load_run(database_url=args.database_url, slugs=slugs, seconds=args.seconds,
                   clients=args.clients))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
