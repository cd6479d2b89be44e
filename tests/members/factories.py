import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress

from members.models import Membership, Municipality, User
from members.text import german_slugify

PASSWORD = "correct-horse-battery-staple"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"0{5770000 + n:07d}")
    name = factory.Sequence(lambda n: f"Testgemeinde {n}")
    slug = factory.LazyAttribute(lambda o: german_slugify(o.name))
    kind = Municipality.Kind.GEMEINDE
    population = 12000
    population_date = dt.date(2023, 12, 31)
    area_km2 = Decimal("50.00")
    website = "https://www.example.org"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "de"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": True}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Membership.Role.STAFF
