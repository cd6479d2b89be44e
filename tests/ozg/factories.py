import factory

from ozg.models import (
    Assignment,
    ImplementationState,
    Lebenslage,
    OzgService,
    ServiceStatus,
    Solution,
    Themenfeld,
)
from tests.members.factories import MunicipalityFactory


class ThemenfeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Themenfeld
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Themenfeld {n}")
    slug = factory.Sequence(lambda n: f"themenfeld-{n}")
    position = factory.Sequence(lambda n: n)


class LebenslageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lebenslage
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lebenslage {n}")
    themenfeld = factory.SubFactory(ThemenfeldFactory)


class OzgServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OzgService
        django_get_or_create = ("ozg_id",)

    ozg_id = factory.Sequence(lambda n: f"{20000 + n}")
    name = factory.Sequence(lambda n: f"Testleistung {n}")
    lebenslage = factory.SubFactory(LebenslageFactory)
    themenfeld = factory.LazyAttribute(lambda o: o.lebenslage.themenfeld)


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lösung {n}")
    kind = Solution.Kind.PORTAL


class ServiceStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStatus

    municipality = factory.SubFactory(MunicipalityFactory)
    service = factory.SubFactory(OzgServiceFactory)
    maturity = 1
    state = ImplementationState.PLANNED


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    lead = factory.SubFactory(MunicipalityFactory)
