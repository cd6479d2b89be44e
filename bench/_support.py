"""Helpers shared by the benchmark modules (not a benchmark itself: no `run()`)."""

import contextlib


def ensure_test_environment() -> None:
    """Django's test environment (test Client host, locmem email), set up once per run."""
    from django.test.utils import setup_test_environment

    # An earlier benchmark module of the same run may have set it up already.
    with contextlib.suppress(RuntimeError):
        setup_test_environment()
