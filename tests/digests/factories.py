import factory

from digests.models import Delivery, DigestPreference
from tests.members.factories import UserFactory


class DigestPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestPreference
        django_get_or_create = ("person",)

    person = factory.SubFactory(UserFactory)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    person = factory.SubFactory(UserFactory)
    period = "2026-W10"
