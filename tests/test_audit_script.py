""".ci/audit (`make audit`): a known-vulnerable dependency always fails the run; advisory
services that cannot be asked fail too, unless AUDIT_UNREACHABLE=warn (then loudly). The two
tools are replaced by stand-ins that answer like pip-audit and npm audit do."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "audit"

ANSWERS = {
    "clean": ("No known vulnerabilities found", 0),
    "pip_finding": (
        "Found 1 known vulnerability in 1 package\nName   Version ID             Fix Versions\n"
        "django 5.2.0   PYSEC-2026-1   5.2.1",
        1,
    ),
    "pip_unreachable": (
        "ERROR:pip_audit._cli:amqp: Dependency not found on PyPI and could not be audited",
        1,
    ),
    "npm_finding": ("htmx.org  <2.0.9\nSeverity: high\n1 high severity vulnerability", 1),
    "npm_unreachable": ("npm error audit endpoint returned an error", 1),
}


@pytest.fixture
def tools(tmp_path):
    """A bin directory with pip-audit and npm that print $PIP_ANSWER / $NPM_ANSWER."""
    for name, variable in (("pip-audit", "PIP"), ("npm", "NPM")):
        tool = tmp_path / name
        tool.write_text(f'#!/bin/sh\nprintf "%s\\n" "${variable}_OUT"\nexit "${variable}_RC"\n')
        tool.chmod(0o755)

    def run(pip: str, npm: str, **extra) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "BIN": str(tmp_path),
            "PATH": f"{tmp_path}:{os.environ['PATH']}",
            "PIP_OUT": ANSWERS[pip][0], "PIP_RC": str(ANSWERS[pip][1]),
            "NPM_OUT": ANSWERS[npm][0], "NPM_RC": str(ANSWERS[npm][1]),
            **extra,
        }  # fmt: skip
        if "AUDIT_UNREACHABLE" not in extra:
            env.pop("AUDIT_UNREACHABLE", None)
        return subprocess.run(  # noqa: S603
            ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60,
            check=False,
        )  # fmt: skip

    return run


def test_nothing_known_passes(tools):
    result = tools("clean", "clean")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "audit: OK" in result.stdout


@pytest.mark.parametrize(("pip", "npm"), [("pip_finding", "clean"), ("clean", "npm_finding")])
def test_a_finding_fails_the_run(tools, pip, npm):
    result = tools(pip, npm)
    assert result.returncode == 1
    assert "FOUND known vulnerabilities" in result.stdout
    assert "PYSEC-2026-1" in result.stdout or "htmx.org" in result.stdout


def test_a_finding_fails_even_when_unreachable_services_may_be_skipped(tools):
    result = tools("pip_finding", "npm_unreachable", AUDIT_UNREACHABLE="warn")
    assert result.returncode == 1
    assert "FAILED: known-vulnerable dependencies" in result.stderr


def test_unreachable_services_fail_unless_allowed_and_then_say_so(tools):
    result = tools("pip_unreachable", "npm_unreachable")
    assert result.returncode == 3
    assert result.stderr.count("NOT CHECKED") == 2
    warned = tools("pip_unreachable", "clean", AUDIT_UNREACHABLE="warn")
    assert warned.returncode == 0
    assert "were NOT checked" in warned.stderr
