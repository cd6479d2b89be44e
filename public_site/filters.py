"""django-filter sets of the public pages and the API (Lage, Themenfeld, Kommune …)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Municipality
from ozg.models import OZG_COMPLIANT_FROM, ImplementationState, Lebenslage, Themenfeld
from public_site import search


class _SearchMixin:
    version: float = 0.0

    def filter_text(self, queryset, name, value):
        ranked = search.search(value, version=self.version)
        if ranked is None:
            return queryset
        field = "pk" if queryset.model._meta.model_name == "ozgservice" else "service_id"
        return queryset.filter(**{f"{field}__in": ranked})


class PublicStatusFilter(_SearchMixin, django_filters.FilterSet):
    """The statuses of one Kommune page (and of the API's status list)."""

    q = django_filters.CharFilter(label=_("What are you looking for?"), method="filter_text")
    themenfeld = django_filters.ModelChoiceFilter(
        label=_("Themenfeld"),
        field_name="service__themenfeld",
        queryset=Themenfeld.objects.all(),
        to_field_name="slug",
        empty_label=_("all Themenfelder"),
    )
    lage = django_filters.ModelChoiceFilter(
        label=_("Lebens- or Geschäftslage"),
        field_name="service__lebenslage",
        queryset=Lebenslage.objects.order_by("name"),
        empty_label=_("all Lagen"),
    )
    online = django_filters.BooleanFilter(
        label=_("Only services that are online"),
        widget=forms.CheckboxInput,
        method="filter_online",
    )

    class Meta:
        fields = []

    def filter_online(self, queryset, name, value):
        return queryset.filter(maturity__gte=OZG_COMPLIANT_FROM) if value else queryset


class ApiStatusFilter(PublicStatusFilter):
    kommune = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        field_name="municipality",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
    )
    ozg_id = django_filters.CharFilter(label=_("OZG-ID"), field_name="service__ozg_id")
    reifegrad_min = django_filters.NumberFilter(
        label=_("lowest Reifegrad"), field_name="maturity", lookup_expr="gte", min_value=0,
        max_value=4,
    )  # fmt: skip
    umsetzungsstand = django_filters.ChoiceFilter(
        label=_("Implementation state"), field_name="state", choices=ImplementationState.choices
    )
    # Strict: "true" or "false"; anything else is a 400 (a BooleanFilter would ignore it).
    online = django_filters.ChoiceFilter(
        label=_("online"),
        choices=[("true", "true"), ("false", "false")],
        method="filter_online_api",
    )

    def filter_online_api(self, queryset, name, value):
        if value == "true":
            return queryset.filter(maturity__gte=OZG_COMPLIANT_FROM)
        return queryset.filter(maturity__lt=OZG_COMPLIANT_FROM)


class PublicServiceFilter(_SearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("What are you looking for?"), method="filter_text")
    themenfeld = django_filters.ModelChoiceFilter(
        label=_("Themenfeld"),
        queryset=Themenfeld.objects.all(),
        to_field_name="slug",
        empty_label=_("all Themenfelder"),
    )
    lage = django_filters.ModelChoiceFilter(
        label=_("Lebens- or Geschäftslage"),
        field_name="lebenslage",
        queryset=Lebenslage.objects.order_by("name"),
        empty_label=_("all Lagen"),
    )

    class Meta:
        fields = []


class KommuneFilter(django_filters.FilterSet):
    art = django_filters.ChoiceFilter(
        label=_("kind"), field_name="kind", choices=Municipality.Kind.choices
    )

    class Meta:
        model = Municipality
        fields = []
