"""Admins curate the catalogue in the administration; saves go through the services."""

import pytest
from django.urls import reverse

from landscape.models import Category, Product, Usage
from lippe_ikz import events
from tests.landscape.factories import UsageFactory, category

pytestmark = pytest.mark.django_db


def test_admin_adds_a_category_and_a_product(admin_client, admin_user):
    with events.capture() as published:
        response = admin_client.post(
            reverse("admin:landscape_category_add"),
            {"name": "Schulverwaltung", "slug": "schulverwaltung", "position": "200"},
        )
        assert response.status_code == 302
        response = admin_client.post(
            reverse("admin:landscape_product_add"),
            {
                "name": "SchulWerk",
                "slug": "schulwerk",
                "category": Category.objects.get(slug="schulverwaltung").pk,
                "hosting": "saas",
                "vendor": "",
                "it_provider": "",
                "url": "",
                "description": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[-2000:]
    product = Product.objects.get(slug="schulwerk")
    assert product.history.first().history_user == admin_user
    assert [e.kind for e in published] == [
        "landscape.category.created",
        "landscape.product.created",
    ]


def test_admin_deletes_usage_through_the_service(admin_client, lemgo, ris):
    usage = UsageFactory(municipality=lemgo, product=ris)
    with events.capture() as published:
        response = admin_client.post(
            reverse("admin:landscape_usage_delete", args=[usage.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Usage.objects.exists()
    assert [e.kind for e in published] == ["landscape.usage.deleted"]


def test_cdo_cannot_reach_the_catalogue_admin(client, lemgo_cdo):
    client.force_login(lemgo_cdo)
    response = client.post(reverse("admin:landscape_category_add"), {"name": "X", "slug": "x"})
    assert response.status_code == 302  # to the admin login
    assert not Category.objects.filter(slug="x").exists()
    assert category().name == "Ratsinformationssystem"
