"""Lighthouse (mobile) performance and accessibility of /, /projekte/ and /ozg/matrix/.

Not part of `make bench` (it needs the Lighthouse CLI, which is not a dependency of the
portal, and a running production-like server). Run by hand:

1. A production-like server (DEBUG off, whitenoise with CompressedManifestStaticFilesStorage,
   gunicorn), on the demo data (`migrate`, `load_reference_data`, `seed_demo` run before with
   the local settings into the same SQLite file):

       export DJANGO_SETTINGS_MODULE=lippe_ikz.settings.production \\
              SECRET_KEY=bench-only ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false \\
              STATIC_ROOT=/tmp/ikz-static DATABASE_URL=sqlite:///$PWD/var/dev.sqlite3
       .venv/bin/python manage.py collectstatic --noinput -v0
       .venv/bin/gunicorn lippe_ikz.wsgi -b 127.0.0.1:8104 -w 2

2. The Lighthouse CLI outside the project (never into its node_modules), e.g.
   `npm install --prefix /tmp/lh lighthouse`, and Chromium (Debian: /usr/bin/chromium).

3. `LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse .venv/bin/python bench/_lighthouse.py \\
       --base-url http://127.0.0.1:8104`

The script logs in as the demo CDO of Detmold (the pages need a login), hands Lighthouse the
session cookie, runs Lighthouse's default mobile profile (Moto G Power viewport, simulated
slow 4G and 4× CPU slowdown) `--runs` times per page and prints the median scores and the
metrics behind them as a Markdown table (docs/benchmarks.md). Secure cookies: production sets
them with the Secure flag; the script reads them from the response headers itself, so plain
http on 127.0.0.1 works.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

PAGES = ["/", "/projekte/", "/ozg/matrix/"]


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(base_url: str, email: str, password: str) -> str:
    """The Cookie header of a logged-in session."""
    parts = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    html = response.read().decode()
    jar = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": password}
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Referer": f"{base_url}/accounts/login/",
            "Origin": base_url,
        },
    )
    response = conn.getresponse()
    response.read()
    jar.update(_cookies(response))
    if response.status != 302 or "sessionid" not in jar:
        raise SystemExit(f"login failed: HTTP {response.status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items() if k != "messages")


def lighthouse(binary: str, url: str, cookie: str, chrome: str, attempts: int = 3) -> dict:
    """One Lighthouse run; Lighthouse's own transient trace errors (NO_NAVSTART, seen on the
    busy shared machine) are retried."""
    for attempt in range(1, attempts + 1):
        try:
            return _lighthouse_once(binary, url, cookie, chrome)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _lighthouse_once(binary: str, url: str, cookie: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": chrome}
        subprocess.run(
            [
                binary,
                url,
                "--quiet",
                "--only-categories=performance,accessibility",
                "--output=json",
                f"--output-path={out}",
                f"--extra-headers={json.dumps({'Cookie': cookie})}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
            ],
            check=True,
            env=env,
        )
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl", ""),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8104")
    parser.add_argument(
        "--lighthouse",
        default=os.environ.get("LIGHTHOUSE", "lighthouse"),
        help="the Lighthouse CLI (env LIGHTHOUSE), e.g. /tmp/lh/node_modules/.bin/lighthouse",
    )
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--email", default="cdo.detmold@example.org")
    parser.add_argument("--password", default="ikz-demo-2026")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()

    cookie = login(args.base_url, args.email, args.password)
    print("| page | performance | accessibility | FCP s | LCP s | TBT ms | CLS | transfer kB |")
    print("|---|---|---|---|---|---|---|---|")
    for page in args.pages:
        runs = [
            lighthouse(args.lighthouse, args.base_url + page, cookie, args.chrome)
            for _ in range(args.runs)
        ]
        if any("/accounts/login/" in r["final_url"] for r in runs):
            sys.exit(f"{page}: Lighthouse landed on the login page (session not accepted)")
        keys = [key for key in runs[0] if key != "final_url"]
        med = {key: statistics.median(r[key] for r in runs) for key in keys}
        print(
            f"| {page} | {med['performance']:.0f} | {med['accessibility']:.0f} | "
            f"{med['fcp']:.1f} | {med['lcp']:.1f} | {med['tbt']:.0f} | {med['cls']:.3f} | "
            f"{med['kb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
