import datetime as dt

import pytest
from django.core.cache import cache

from ozg.models import OzgService, ServiceStatus
from public_site.models import PublicationSetting

SECRET_NOTE = "GEHEIME-NOTIZ-4711"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cache versions and entries live in the cache, rows are rolled back: start clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def luegde(reference_data):
    return reference_data["luegde"]


@pytest.fixture
def wohngeld(reference_data):
    return OzgService.objects.get(ozg_id="10092")


@pytest.fixture
def hundesteuer(reference_data):
    return OzgService.objects.get(ozg_id="10160")


@pytest.fixture
def released(luegde, wohngeld, hundesteuer, detmold, detmold_cdo):
    """Lügde releases its statuses (Wohngeld online, Hundesteuer in planning); Detmold does
    not release (its Wohngeld status is private). Every status has a secret note."""
    PublicationSetting.objects.create(municipality=luegde, statuses_public=True)
    PublicationSetting.objects.create(municipality=detmold, statuses_public=False)
    online = ServiceStatus.objects.create(
        municipality=luegde,
        service=wohngeld,
        maturity=3,
        state="online",
        online_since=dt.date(2024, 4, 2),
        url="https://www.example.org/luegde/wohngeld",
        notes=SECRET_NOTE,
        updated_by=detmold_cdo,
    )
    planned = ServiceStatus.objects.create(
        municipality=luegde, service=hundesteuer, maturity=1, state="planned", notes=SECRET_NOTE
    )
    private = ServiceStatus.objects.create(
        municipality=detmold,
        service=wohngeld,
        maturity=4,
        state="online",
        url="https://www.example.org/detmold/geheim",
        notes=SECRET_NOTE,
    )
    # The network's story: one public entry and talk, and private ones with the secret.
    from django.utils import timezone

    from knowledge.models import StoryEntry, Talk

    soon = timezone.localdate() + dt.timedelta(days=30)
    StoryEntry.objects.create(section="history", title="Start 2019", when="2019", is_public=True)
    StoryEntry.objects.create(section="lesson", title="Intern", body=SECRET_NOTE)
    Talk.objects.create(title="IKZ in Lippe", date=soon, event="Kongress", speakers="A. B.",
                        is_public=True)  # fmt: skip
    Talk.objects.create(title=SECRET_NOTE, date=soon, event="Klausur", speakers="C. D.")
    return {"online": online, "planned": planned, "private": private}
