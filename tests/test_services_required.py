"""In CI (REQUIRE_SERVICES=1) the suite must really run on PostgreSQL and see Redis."""

import os

import pytest
from django.conf import settings
from django.db import connection

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.mark.django_db
def test_database_is_postgresql_when_services_are_required():
    if not REQUIRED:
        pytest.skip("REQUIRE_SERVICES is not set: SQLite is the embedded default")
    assert connection.vendor == "postgresql"
    assert connection.cursor().connection.info.server_version >= 150000


def test_redis_answers_when_services_are_required():
    if not REQUIRED:
        pytest.skip("REQUIRE_SERVICES is not set")
    import redis

    assert settings.REDIS_URL, "REDIS_URL must be set in CI"
    assert redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
