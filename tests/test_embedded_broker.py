"""The embedded default of `make run`: Celery on kombu's SQLAlchemy transport over a SQLite
file, consumed by a real worker process (no Redis, no server)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from celery import Celery
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _settings_of(env: dict) -> list[str]:
    """Celery settings of `make run` (lippe_ikz.settings.local) in a fresh interpreter."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CELERY_BROKER_URL); print(s.CELERY_TASK_ALWAYS_EAGER)"
    )
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "lippe_ikz.settings.local", **env}
    full.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=full, cwd=ROOT, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    return result.stdout.split()


def test_make_run_uses_the_sqlite_broker_without_redis_and_redis_with_it():
    broker, eager = _settings_of({"REDIS_URL": ""})
    assert broker == f"sqla+sqlite:///{ROOT / 'var' / 'celery-broker.sqlite3'}"
    assert eager == "False"  # the weekly job needs a real worker and beat
    broker, eager = _settings_of({"REDIS_URL": "redis://127.0.0.1:6379/5"})
    assert (broker, eager) == ("redis://127.0.0.1:6379/5", "False")


def test_procfile_runs_web_worker_and_beat():
    procfile = (ROOT / "Procfile").read_text()
    names = [line.split(":", 1)[0] for line in procfile.splitlines() if line and line[0] != "#"]
    assert names == ["web", "worker", "beat"]
    assert "DatabaseScheduler" in procfile and "$PORT" in procfile


def test_a_real_worker_consumes_a_task_from_the_sqlite_broker(tmp_path):
    url = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lippe_ikz.settings.local",
        "CELERY_BROKER_URL": url,
        "REDIS_URL": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lippe_ikz", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        # Not the current app: shared tasks of later tests must keep the project's app.
        producer = Celery("probe", broker=url, set_as_current=False)
        producer.conf.broker_transport_options = settings.CELERY_EMBEDDED_BROKER_TRANSPORT_OPTIONS
        # celery.accumulate is built into every worker and needs no database.
        sent = producer.send_task("celery.accumulate", args=(4, 2))
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            text = log.read_text()
            if f"celery.accumulate[{sent.id}] succeeded" in text:
                break
            assert worker.poll() is None, text
            time.sleep(0.2)
        else:
            raise AssertionError(log.read_text())
        assert "(4, 2)" in text
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def test_links_in_emails_point_to_the_port_of_make_run():
    """`make run PORT=8130` sends digests and export links to http://127.0.0.1:8130."""
    code = "import django; django.setup(); from django.conf import settings as s; print(s.SITE_URL)"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lippe_ikz.settings.local",
        "PORTAL_PORT": "8130",
    }
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.split()[-1] == "http://127.0.0.1:8130"
    assert "PORTAL_PORT=$(PORT)" in (ROOT / "Makefile").read_text()
