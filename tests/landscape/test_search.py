"""The portal search finds the software catalogue's products (with their category and
vendor), never the Kommunen's rows with costs."""

import pytest
from django.urls import reverse

from landscape import services
from landscape.models import Category
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


def test_software_products_are_found(client, lemgo_cdo, admin_user):
    category, _ = Category.objects.get_or_create(
        name="Ratsinformationssystem", defaults={"slug": "ratsinformationssystem"}
    )
    product = services.product_save(
        actor=admin_user,
        data={"name": "SitzungsPilot", "category": category, "vendor": "Gremienhaus GmbH"},
    )
    client.force_login(lemgo_cdo)
    response = client.get(URL, {"q": "Gremienhaus"})
    assert product.name in titles(response)
    assert product.get_absolute_url() in response.content.decode()
