"""The search page's query parameters (django-filter): ?q=…&typ=…&kommune=…&jahr=…&sortierung=…"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Municipality
from search.indexing import all_types
from search.models import SearchEntry

SORTS = [("relevanz", _("relevance")), ("datum", _("newest first"))]


def _type_choices():
    return [(t.key, t.label) for t in all_types()]


class SearchFilter(django_filters.FilterSet):
    typ = django_filters.MultipleChoiceFilter(
        label=_("Type"),
        field_name="type_key",
        choices=_type_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kommune = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        field_name="municipality",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("all Kommunen"),
    )
    jahr = django_filters.NumberFilter(
        label=_("Year"), field_name="year", min_value=1900, max_value=2100
    )
    sortierung = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="no_filter", empty_label=None
    )

    class Meta:
        model = SearchEntry
        fields = ["typ", "kommune", "jahr", "sortierung"]

    def no_filter(self, queryset, name, value):
        return queryset  # the sort is applied by search.selectors
