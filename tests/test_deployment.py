"""Deployment files stay valid: production settings pass `check --deploy`, compose parses."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lippe_ikz.settings.production",
        "SECRET_KEY": "a" * 20 + "b" * 20 + "c-d-e-f-g-h-i-j-k-l-m-n-o-p",
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="lippe_ikz.settings.production", ALLOWED_HOSTS="x")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=tmp_path if False else ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose not installed")
def test_compose_file_is_valid(tmp_path):
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    result = subprocess.run(
        ["docker-compose", "config", "-q"],
        cwd=tmp_path, env={**os.environ, "POSTGRES_PASSWORD": "x"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_no_file_records_a_package_registry_address():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    # Spelled in parts so that this file does not match itself.
    hosts = tuple(a + b for a, b in [("registry.", "npmjs"), ("pypi", ".org"),
                                     ("files.", "pythonhosted"), ("yarn", "pkg.com")])  # fmt: skip
    offenders = [
        name
        for name in tracked
        if (ROOT / name).is_file()
        and any(h in (ROOT / name).read_text(errors="ignore") for h in hosts)
    ]
    assert offenders == []
