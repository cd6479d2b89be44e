"""The Kommunen list's rows built in Python show what the former template loop showed."""

import datetime as dt
import re

import pytest
from django.db.models import Prefetch
from django.template import Context, Template
from django.utils import translation

from members import selectors
from members.models import Membership, Municipality
from members.rendering import municipality_rows_html
from tests.members.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

# The loop of templates/members/partials/municipality_results.html before the rows were built
# in Python (members.rendering), over Kommunen with `.cdo` (a User or None) and `.deputies`.
FORMER_LOOP = Template(
    """{% load portal %}{% for m in municipalities %}
    <tr class="kern-table__row">
      <th class="kern-table__cell" scope="row"><a class="kern-link" href="{{ m.get_absolute_url }}">{{ m.name }}</a></th>
      <td class="kern-table__cell">{{ m.get_kind_display }}</td>
      <td class="kern-table__cell kern-table__cell--numeric">{{ m.population|de_number }}</td>
      <td class="kern-table__cell">{{ m.population_date|date:"SHORT_DATE_FORMAT" }}</td>
      <td class="kern-table__cell">{{ m.cdo.full_name|default:"–" }}</td>
      <td class="kern-table__cell">{% for person in m.deputies %}{{ person.full_name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
)


def _former(queryset) -> str:
    """The former selector (prefetch + attributes) and template loop."""
    key_people = (
        Membership.objects.filter(role__in=selectors.KEY_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    result = list(
        queryset.prefetch_related(
            Prefetch("memberships", queryset=key_people, to_attr="key_memberships")
        )
    )
    lead = (Membership.Role.CDO, Membership.Role.KREIS_COORDINATION)
    for m in result:
        m.cdo = next((k.user for k in m.key_memberships if k.role in lead), None)
        m.deputies = [k.user for k in m.key_memberships if k.role == Membership.Role.DEPUTY]
    return FORMER_LOOP.render(Context({"municipalities": result}))


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.fixture
def network(reference_data, detmold_cdo, detmold):
    odd = MunicipalityFactory(
        name="O'Dorf & <Söhne>", slug="odorf", population=1234567,
        population_date=dt.date(2024, 6, 30), kind=Municipality.Kind.STADT,
    )  # fmt: skip
    for name in ("Zora Zweite", "Anna <Erste>"):
        MembershipFactory(
            municipality=odd, role=Membership.Role.DEPUTY, user=UserFactory(full_name=name)
        )
    MembershipFactory(municipality=detmold, role=Membership.Role.DEPUTY,
                      user=UserFactory(full_name="Vera Vize"))  # fmt: skip
    MembershipFactory(municipality=detmold, role=Membership.Role.DEPUTY,
                      user=UserFactory(full_name="Inge Inaktiv", is_active=False))  # fmt: skip
    MembershipFactory(municipality=detmold, role=Membership.Role.STAFF,
                      user=UserFactory(full_name="Sam Staff"))  # fmt: skip
    kreis = Municipality.objects.get(kind=Municipality.Kind.KREIS)
    MembershipFactory(municipality=kreis, role=Membership.Role.KREIS_COORDINATION,
                      user=UserFactory(full_name="Kai Kreis"))  # fmt: skip


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_are_those_of_the_former_template_loop(network, language):
    queryset = selectors.municipality_list()
    with translation.override(language):
        rows = selectors.municipality_rows(queryset)
        html = municipality_rows_html(rows)
        assert _normalised(html) == _normalised(_former(queryset))
    assert len(rows) == Municipality.objects.count() == 18
    assert "O&#x27;Dorf &amp; &lt;Söhne&gt;" in html
    assert "Anna &lt;Erste&gt;, Zora Zweite" in html  # deputies by name
    assert ("1.234.567" if language == "de" else "1,234,567") in html
    assert "Inge Inaktiv" not in html and "Sam Staff" not in html


def test_filtered_rows_read_only_the_filtered_kommunen(network, django_assert_num_queries):
    queryset = selectors.municipality_list().filter(name__icontains="det")
    with django_assert_num_queries(2):
        rows = selectors.municipality_rows(queryset)
    assert [(r.name, r.cdo, r.deputies) for r in rows] == [("Detmold", "Dana Demo", ["Vera Vize"])]
