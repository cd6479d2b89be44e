import datetime as dt
from decimal import Decimal

import factory

from landscape.models import Category, Product, Usage
from tests.members.factories import MunicipalityFactory


def months_ahead(months: int) -> dt.date:
    """The last day of the month ``months`` from today, so that tests do not age."""
    from landscape.models import _days_in_month
    from landscape.selectors import add_months, today

    day = add_months(today(), months)
    return day.replace(day=_days_in_month(day.year, day.month))


def category(slug: str = "ratsinformationssystem") -> Category:
    """A category loaded by load_reference_data."""
    return Category.objects.get(slug=slug)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Produkt {n}")
    slug = factory.Sequence(lambda n: f"produkt-{n}")
    category = factory.LazyFunction(category)
    vendor = "Beispiel GmbH"
    hosting = Product.Hosting.IT_PROVIDER


class UsageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usage

    municipality = factory.SubFactory(MunicipalityFactory)
    product = factory.SubFactory(ProductFactory)
    since = dt.date(2020, 1, 1)
    contract_end = dt.date(2027, 6, 30)
    notice_months = 6
    licences = 40
    yearly_cost = Decimal("12000.00")
    satisfaction = 4
    comment = "Läuft stabil."
