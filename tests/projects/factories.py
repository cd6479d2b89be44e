from decimal import Decimal

import factory
from django.utils import timezone

from projects.models import (
    CostItem,
    Participation,
    Partner,
    Project,
    StatusUpdate,
    Topic,
    Wish,
)
from tests.members.factories import MunicipalityFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dienstleister {n}")
    kind = Partner.Kind.IT_PROVIDER


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project; pass `lead=<Municipality>` to create the lead participation."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Gemeinsam besser."
    topic = factory.SubFactory(TopicFactory)

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create:
            Participation.objects.create(
                project=self,
                municipality=extracted or MunicipalityFactory(),
                role=Participation.Role.LEAD,
            )


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Participation.Role.PARTICIPANT


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusUpdate

    project = factory.SubFactory(ProjectFactory)
    created_at = factory.LazyFunction(timezone.now)
    text = "Es geht voran."


class CostItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostItem

    project = factory.SubFactory(ProjectFactory)
    title = "Lizenz"
    kind = CostItem.Kind.LICENCE
    amount = Decimal("1000.00")
    allocation_key = CostItem.Key.EQUAL


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wish

    project = factory.SubFactory(ProjectFactory)
    provider = factory.SubFactory(PartnerFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Single Sign-on"
