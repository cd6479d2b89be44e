import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from members.models import Membership, Municipality, User

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"]["ok"] is False


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_healthz_is_503_when_the_broker_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["broker"]["ok"] is False


@override_settings(DEBUG=False)
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_seed_demo_creates_a_cdo_per_municipality_once(reference_data):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Membership.objects.count()) == counts
    for municipality in Municipality.objects.exclude(kind=Municipality.Kind.KREIS):
        cdo = User.objects.get(email=f"cdo.{municipality.slug}@example.org")
        assert cdo.check_password("ikz-demo-2026")
        assert cdo.memberships.filter(role=Membership.Role.CDO, municipality=municipality)
    assert User.objects.get(email="admin@example.org").is_staff
    assert User.objects.get(email="cdo.bad-salzuflen@example.org")


def test_favicon_ico_points_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
