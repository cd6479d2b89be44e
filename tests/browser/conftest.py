"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a test visits goes through `visit()` or `check_a11y()`, which runs axe-core and
fails on any violation.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection, transaction
from django.test import TransactionTestCase

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
_axe = Axe()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if REQUIRE_BROWSER:
            pytest.fail(
                f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM} (apt-get install chromium)"
            )
        pytest.skip(f"no Chromium at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


@pytest.fixture(scope="session", autouse=True)
def _restore_instead_of_flush(django_db_setup, django_db_blocker):
    """After each browser test, put the tables back as they were before the first one (the
    migrated database with the reference data) instead of Django's flush.

    The live server commits, so these tests are transactional and Django empties every table
    after each (TRUNCATE of 143 tables with their 685 indexes: seconds on PostgreSQL), then
    re-creates content types and permissions, and the next test reloads the OZG catalogue
    (another seconds). Here the rows of the tables that had any are kept in memory (COPY) once;
    after a test the tables that have rows are emptied with DELETE and the kept rows copied
    back, with the same primary keys. Every browser test thus starts on the same database as
    the other tests. PostgreSQL only; on SQLite Django's flush stays.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with django_db_blocker.unblock():
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        kept = _copy_out(tables)

    def _fixture_teardown(self):
        assert list(self._databases_names(include_mirrors=False)) == ["default"]
        _restore(tables, kept)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield


def _quoted(table: str) -> str:
    return connection.ops.quote_name(table)


def _copy_out(tables) -> dict[str, bytes]:
    """The rows of every table that has any, in COPY's text format."""
    kept = {}
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for table in _with_rows(cursor, tables):
            with raw.copy(f"COPY {_quoted(table)} TO STDOUT") as copy:  # noqa: S608
                kept[table] = b"".join(bytes(chunk) for chunk in copy)
    return kept


def _with_rows(cursor, tables) -> list[str]:
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {_quoted(t)})"  # noqa: S608
            for t in tables
        ),
        list(tables),
    )
    return [row[0] for row in cursor.fetchall()]


def _restore(tables, kept: dict[str, bytes]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are deferrable
        for table in _with_rows(cursor, tables):
            cursor.execute(f"DELETE FROM {_quoted(table)}")  # noqa: S608
        raw = cursor.cursor
        for table, rows in kept.items():
            with raw.copy(f"COPY {_quoted(table)} FROM STDIN") as copy:  # noqa: S608
                copy.write(rows)


# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# for setup and assertions are still synchronous and safe there. Only for these tests.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def check_a11y(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA and best practices) on the current page; fail on violations.
    Then the same page at 360 px must not scroll sideways (issue 15: a phone shows every
    column's content inside the page; wide tables scroll inside their own wrapper)."""
    results = _axe.run(page)
    assert results.violations_count == 0, (
        f"axe found {results.violations_count} violation(s) on {page.url}:\n"
        + results.generate_report()
    )
    check_fits_phone(page)


PHONE_WIDTH = 360
_OVERFLOWING = """(w) => Array.from(document.querySelectorAll('body *'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; })
  .slice(0, 5).map(e => e.tagName + '.' + String(e.className).slice(0, 40))"""


def check_fits_phone(page) -> None:
    """The current page at 360 px: the document is no wider than the viewport."""
    size = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(_OVERFLOWING, PHONE_WIDTH) if width > PHONE_WIDTH else []
    finally:
        if size:
            page.set_viewport_size(size)
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways at 360 px ({width} px): {culprits}"


def visit(page, url: str) -> None:
    page.goto(url)
    check_a11y(page)


def login(page, live_server, email: str, password: str) -> None:
    visit(page, f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
