import shutil

import pytest

from knowledge import services
from knowledge.models import Article
from members.models import Membership
from tests.members.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _private_media(tmp_path, settings):
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the rate limiter of the public request form counts in the cache
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def stranger(db):
    """Logged in, but belongs to no Kommune."""
    return UserFactory(full_name="Stefan Fremd")


@pytest.fixture
def coordinator(reference_data):
    return MembershipFactory(
        municipality=reference_data["kreis-lippe"],
        role=Membership.Role.KREIS_COORDINATION,
        user=UserFactory(email="kreis@example.org", full_name="Kora Koordination"),
    ).user


@pytest.fixture
def guide(detmold_cdo, detmold):
    return services.article_create(
        actor=detmold_cdo,
        data={
            "kind": Article.Kind.GUIDE,
            "title": "Leitfaden Videokonferenz",
            "summary": "So gelingt die Ratssitzung per Video.",
            "body": "Zeile eins\nZeile zwei",
            "municipality": detmold,
            "owner": detmold_cdo,
        },
        publish=True,
    )


@pytest.fixture
def checklist(detmold_cdo, detmold):
    return services.article_create(
        actor=detmold_cdo,
        data={
            "kind": Article.Kind.CHECKLIST,
            "title": "Einführung E-Akte",
            "summary": "Schritte zur E-Akte.",
            "body": "",
            "municipality": detmold,
            "owner": detmold_cdo,
        },
        items=["Aktenplan festlegen", "Personalrat beteiligen", "Pilotbereich schulen"],
        publish=True,
    )
