"""The /termine/ rows built in Python (`workshops.rendering.event_rows`) are the rows the
template loop rendered before (same markup, same formats, German and English)."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.workshops.factories import MeetingFactory, SessionFactory, in_days
from workshops.models import EventStatus, Meeting
from workshops.rendering import event_rows
from workshops.selectors import event_page

pytestmark = pytest.mark.django_db

# The former loop of templates/workshops/partials/event_table.html.
TEMPLATE_LOOP = """{% load i18n portal %}{% for e in events %}
    <tr class="kern-table__row">
      <td class="kern-table__cell"><time datetime="{{ e.start|date:'c' }}">{{ e.start|weekday_date:"short" }}<br>{{ e.start|time:"TIME_FORMAT" }}–{{ e.end|time:"TIME_FORMAT" }}</time></td>
      <th class="kern-table__cell" scope="row"><a class="kern-link" href="{{ e.get_absolute_url }}">{{ e.calendar_title }}</a>{% if e.is_cancelled %} <strong class="portal-tag">{% translate "cancelled" %}</strong>{% endif %}</th>
      <td class="kern-table__cell">{{ e.kind_label }}</td>
      <td class="kern-table__cell">{{ e.host_name }}</td>
      <td class="kern-table__cell">{% if e.location %}{{ e.location }}{% endif %}{% if e.online_url %}{% if e.location %}<br>{% endif %}{% translate "online" %}{% endif %}</td>
      <td class="kern-table__cell"><a class="kern-link" href="{{ e.ics_url }}" download>{% translate "Download .ics" %}<span class="visually-hidden">: {{ e.calendar_title }}, {{ e.start|date:"DATE_FORMAT" }}</span></a></td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_are_the_former_template_rows(detmold, lemgo, language):
    MeetingFactory(host=detmold, title='Jour fixe "Digital" & <Co>', start=in_days(3, 9),
                   end=in_days(3, 11), location="", online_url="https://example.org/v",
                   kind=Meeting.Kind.JOUR_FIXE)  # fmt: skip
    MeetingFactory(host=lemgo, start=in_days(-40, 14), end=in_days(-40, 16),
                   online_url="https://example.org/w", status=EventStatus.CANCELLED)  # fmt: skip
    SessionFactory(workshop__organiser=lemgo, start=in_days(200, 9), end=in_days(200, 12))
    upcoming, past = event_page()
    events = [*upcoming, *past[0:10]]
    assert len(events) == 3
    with translation.override(language):
        expected = Template(TEMPLATE_LOOP).render(Context({"events": events}))
        assert _normal(event_rows(events)) == _normal(expected)
    assert event_rows([]) == ""
