import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from digests.sections import clear_window_data

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _fresh_window_data():
    """A window's shared data lives per process for minutes; tests reuse the same windows
    with other data, so every test starts without any."""
    clear_window_data()
    yield
    clear_window_data()
