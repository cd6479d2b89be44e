import pytest

from landscape.models import Product
from tests.landscape.factories import ProductFactory, UsageFactory, category, months_ahead


@pytest.fixture
def ris(db) -> Product:
    return ProductFactory(name="Gremienwerk RIS", slug="gremienwerk-ris")


@pytest.fixture
def other_ris(db) -> Product:
    return ProductFactory(name="SitzungsPilot", slug="sitzungspilot")


@pytest.fixture
def dms(db) -> Product:
    return ProductFactory(
        name="AktenWerk DMS", slug="aktenwerk-dms", category=category("e-akte-dms")
    )


@pytest.fixture
def network(reference_data, ris, other_ris, dms):
    """Detmold, Lage and Blomberg on the same RIS (contracts ending in 7, 4 and 13 months),
    Lemgo on another."""
    for slug, months in (("detmold", 7), ("lage", 4), ("blomberg", 13)):
        UsageFactory(
            municipality=reference_data[slug], product=ris, contract_end=months_ahead(months)
        )
    UsageFactory(municipality=reference_data["lemgo"], product=other_ris, satisfaction=2)
    UsageFactory(municipality=reference_data["detmold"], product=dms)
    return reference_data
