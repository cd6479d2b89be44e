import datetime as dt

import pytest

from landscape.models import Product
from tests.landscape.factories import ProductFactory, UsageFactory, category


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
    """Detmold, Lage and Blomberg on the same RIS (contracts ending 2027), Lemgo on another."""
    for slug, end in (
        ("detmold", (2027, 6, 30)),
        ("lage", (2027, 3, 31)),
        ("blomberg", (2027, 12, 31)),
    ):
        UsageFactory(municipality=reference_data[slug], product=ris, contract_end=dt.date(*end))
    UsageFactory(municipality=reference_data["lemgo"], product=other_ris, satisfaction=2)
    UsageFactory(municipality=reference_data["detmold"], product=dms)
    return reference_data
