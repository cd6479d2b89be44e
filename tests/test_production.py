"""The production path: gunicorn with production settings (DEBUG off) on PostgreSQL and Redis.

One scratch database is migrated, loaded with the reference data and seeded (a CDO with a
verified address, a project of their Kommune with a document in MEDIA_ROOT, a session); it is
dumped with pg_dump (and the media files with tar), restored with pg_restore into a second
scratch database (and a fresh media directory), and the portal is booted on the RESTORED
copy: so every check below also proves the backup gives a working portal. A second gunicorn
runs on the same copy with REDIS_URL pointing at a closed port.

Marker `services`: skipped without PostgreSQL (DATABASE_URL) and Redis (TEST_REDIS_URL or
REDIS_URL), failing instead with REQUIRE_SERVICES=1 (CI). Everything it starts or creates
(processes, databases, directories) is removed at the end.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"
HOST = "portal.example.org"
PASSWORD = "ein-langes-Test-Passwort-2026"
DOCUMENT = b"%PDF-1.4\n% IKZ-Portal Lippe production test\n"

SEED = """
import secrets
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from allauth.account.models import EmailAddress
from members.models import Membership, Municipality, User
from projects.models import Document, Participation, Project, Topic

detmold = Municipality.objects.get(slug="detmold")
user = User.objects.create_user(email="cdo.prod@example.org", password={password!r},
                                full_name="Produktion Probe")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
Membership.objects.create(user=user, municipality=detmold, role="cdo")
project = Project.objects.create(
    title="Produktionsprobe Rechenzentrum", slug="produktionsprobe",
    summary="Backup und Wiederherstellung", topic=Topic.objects.first(),
)
Participation.objects.create(project=project, municipality=detmold, role="lead")
document = Document(project=project, title="Konzept", original_name="konzept.pdf",
                    extension="pdf", content_type="application/pdf", size={size},
                    token=secrets.token_hex(16), uploaded_by=user)
document.file.save("konzept.pdf", ContentFile({content!r}), save=True)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print("SEEDED", session.session_key, document.pk)
"""


def _missing(reason: str):
    if REQUIRED:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _services() -> tuple[str, str]:
    """(PostgreSQL server URL without database, Redis URL), or skip/fail."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        _missing("DATABASE_URL is not PostgreSQL")
    redis_url = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL", "")
    if not redis_url:
        _missing("neither TEST_REDIS_URL nor REDIS_URL is set")
    import psycopg
    import redis

    server = database_url.rsplit("/", 1)[0]
    try:
        psycopg.connect(f"{server}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        _missing(f"PostgreSQL or Redis does not answer ({exc.__class__.__name__})")
    for tool in ("pg_dump", "pg_restore", "gunicorn"):
        if not (shutil.which(tool) or (Path(sys.executable).parent / tool).exists()):
            _missing(f"{tool} is not installed")
    return server, redis_url


def _admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _run(command: list[str], env: dict, timeout: int = 120) -> str:
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _fetch(port: int, path: str, *, session: str = "", https: bool = True, method: str = "GET",
           body: bytes | None = None, headers: dict | None = None):  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    sent = {"Host": HOST, **(headers or {})}
    if https:
        sent["X-Forwarded-Proto"] = "https"
    if session:
        sent["Cookie"] = "; ".join(filter(None, [f"sessionid={session}", sent.get("Cookie")]))
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    content = response.read()
    conn.close()
    headers_ = {}
    for name, value in response.getheaders():
        headers_.setdefault(name.lower(), []).append(value)
    return response.status, headers_, content


@contextmanager
def _gunicorn(env: dict):
    port = _free_port()
    binary = Path(sys.executable).parent / "gunicorn"
    command = [str(binary if binary.exists() else "gunicorn"), "lippe_ikz.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30",
               "--graceful-timeout", "5"]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        started = time.monotonic()
        while True:
            try:
                _fetch(port, "/healthz", https=False)
                break
            except OSError as exc:
                if process.poll() is not None or time.monotonic() - started > 30:
                    process.kill()
                    output = process.stdout.read()
                    raise AssertionError(f"gunicorn did not start:\n{output}") from exc
                time.sleep(0.2)
        yield port, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _no_debug_output(body: bytes) -> None:
    text = body.decode("utf-8", "replace")
    for marker in ("Traceback", "Django Version", "DEBUG = True", "Using the URLconf",
                   "ProgrammingError", "settings.py"):  # fmt: skip
        assert marker not in text, marker


def _cookie(headers: dict, name: str) -> str:
    for value in headers.get("set-cookie", []):
        if value.startswith(f"{name}="):
            return value
    raise AssertionError(f"no {name} cookie in {headers.get('set-cookie')}")


def test_gunicorn_production_settings_backup_restore_and_redis_down(tmp_path):
    server, redis_url = _services()
    suffix = secrets.token_hex(4)
    source_db, restored_db = f"ikz_bench_prod_{suffix}", f"ikz_bench_prod_{suffix}_restored"
    media, restored_media, static = tmp_path / "media", tmp_path / "media2", tmp_path / "static"
    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_")) and key not in ("TEST_REDIS_URL",)
    }
    base_env.update(
        DJANGO_SETTINGS_MODULE="lippe_ikz.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        SITE_URL=f"https://{HOST}",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(static),
        EMAIL_URL="consolemail://",
        DEBUG="false",
        CONN_MAX_AGE="0",
        LOG_LEVEL="WARNING",
    )
    source_env = {**base_env, "DATABASE_URL": f"{server}/{source_db}", "MEDIA_ROOT": str(media)}
    env = {**base_env, "DATABASE_URL": f"{server}/{restored_db}", "MEDIA_ROOT": str(restored_media)}
    manage = [sys.executable, "manage.py"]
    _admin(server, f'CREATE DATABASE "{source_db}"')
    _admin(server, f'CREATE DATABASE "{restored_db}"')
    try:
        # Static files for whitenoise (manifest storage) while the database is migrated.
        collect = subprocess.Popen(  # noqa: S603
            [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=source_env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        _run([*manage, "migrate", "--noinput", "-v0"], source_env)
        _run([*manage, "load_reference_data"], source_env)
        seed = SEED.format(password=PASSWORD, size=len(DOCUMENT), content=DOCUMENT)
        seeded = _run([*manage, "shell", "-c", seed], source_env)
        session, document_pk = re.search(r"SEEDED (\S+) (\d+)", seeded).groups()
        assert collect.wait(timeout=120) == 0, collect.stdout.read()

        # Backup (pg_dump + the media files) and restore into the second database.
        dump = tmp_path / "portal.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}",
              f"{server}/{source_db}"], source_env)  # fmt: skip
        with tarfile.open(tmp_path / "media.tar.gz", "w:gz") as archive:
            archive.add(media, arcname="media")
        _run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={server}/{restored_db}",
              str(dump)], source_env)  # fmt: skip
        with tarfile.open(tmp_path / "media.tar.gz") as archive:
            archive.extractall(tmp_path / "restore", filter="data")
        (tmp_path / "restore" / "media").rename(restored_media)
        shutil.rmtree(media)  # the portal below sees only the restored copy

        redis_down = {**env, "REDIS_URL": f"redis://127.0.0.1:{_free_port()}/0"}
        with _gunicorn(env) as (port, _), _gunicorn(redis_down) as (down_port, _):
            # HTTP is redirected to HTTPS (behind the proxy); /healthz is exempt.
            status, headers, _body = _fetch(port, "/accounts/login/", https=False)
            assert status == 301 and headers["location"][0] == f"https://{HOST}/accounts/login/"

            status, headers, body = _fetch(port, "/accounts/login/")
            assert status == 200, body[:500]
            assert b"<form" in body
            assert headers["strict-transport-security"][0].startswith("max-age=31536000")
            assert "includeSubDomains" in headers["strict-transport-security"][0]
            csp = headers["content-security-policy"][0]
            assert "default-src" in csp and "'unsafe-inline'" not in csp
            assert headers["x-content-type-options"] == ["nosniff"]
            assert headers["referrer-policy"] == ["same-origin"]
            assert headers["x-frame-options"] == ["DENY"]
            csrf_cookie = _cookie(headers, "csrftoken")
            assert "Secure" in csrf_cookie
            _no_debug_output(body)
            login_page = body

            status, _headers, body = _fetch(port, "/healthz", https=False)
            health = json.loads(body)
            assert status == 200, health
            assert health["database"]["ok"] and health["broker"]["ok"]

            # A real login through allauth on the restored database: a secure session cookie.
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
            csrf = csrf_cookie.split(";")[0]
            status, headers, body = _fetch(
                port, "/accounts/login/", method="POST",
                body=urlencode({"csrfmiddlewaretoken": token.decode(),
                                "login": "cdo.prod@example.org", "password": PASSWORD}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf,
                         "Referer": f"https://{HOST}/accounts/login/", "Origin": f"https://{HOST}"},
            )  # fmt: skip
            assert status == 302, body[:1000]
            session_cookie = _cookie(headers, "sessionid")
            assert "Secure" in session_cookie and "HttpOnly" in session_cookie

            # Pages of the restored portal, through the session seeded before the dump.
            status, _headers, body = _fetch(port, "/projekte/", session=session)
            assert status == 200 and b"Produktionsprobe Rechenzentrum" in body
            status, _headers, body = _fetch(port, "/projekte/produktionsprobe/", session=session)
            assert status == 200 and b"Konzept" in body
            status, _headers, body = _fetch(
                port, f"/projekte/produktionsprobe/dokumente/{document_pk}/", session=session
            )
            assert status == 200 and body == DOCUMENT  # the media files came back too

            # Errors: the portal's own pages, no traceback.
            status, _headers, body = _fetch(port, "/gibt-es-nicht/", session=session)
            assert status == 404 and "Seite nicht gefunden" in body.decode()
            _no_debug_output(body)

            # Redis unreachable: pages still answer, the health check says 503.
            status, _headers, body = _fetch(down_port, "/accounts/login/")
            assert status == 200, body[:500]
            status, _headers, body = _fetch(down_port, "/projekte/", session=session)
            assert status == 200 and b"Produktionsprobe Rechenzentrum" in body
            status, _headers, body = _fetch(down_port, "/healthz", https=False)
            assert status == 503 and json.loads(body)["broker"]["ok"] is False

            # A forced server error without any test-only URL: the documents table is taken
            # away under the running portal, so the project page fails inside the view.
            _admin_db = f"{server}/{restored_db}"
            import psycopg

            with psycopg.connect(_admin_db, autocommit=True) as conn:
                conn.execute("ALTER TABLE projects_document RENAME TO projects_document_gone")
            status, _headers, body = _fetch(port, "/projekte/produktionsprobe/", session=session)
            assert status == 500
            assert "Vorübergehende Störung" in body.decode()
            _no_debug_output(body)
    finally:
        for name in (source_db, restored_db):
            _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
