import pytest

from ozg.models import OzgService, Themenfeld


@pytest.fixture
def catalogue(reference_data):
    """The full shipped catalogue (14 / 55 / 557 / 5,223) and the 17 Kommunen."""
    return reference_data


@pytest.fixture
def elterngeld(catalogue) -> OzgService:
    return OzgService.objects.select_related("themenfeld").get(ozg_id="10000")


@pytest.fixture
def familie(catalogue) -> Themenfeld:
    return Themenfeld.objects.get(name="Familie & Kind")
