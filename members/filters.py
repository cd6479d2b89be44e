import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Membership, Municipality, User


class MunicipalityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Municipality.Kind.choices, empty_label=_("all kinds")
    )

    class Meta:
        model = Municipality
        fields = ["q", "kind"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip())


def _municipality_choices() -> list[tuple[int, str]]:
    return list(Municipality.objects.order_by("name").values_list("pk", "name"))


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or email"), method="filter_text")
    municipality = django_filters.ChoiceFilter(
        label=_("Kommune"),
        # (pk, name) pairs, no model instances: 396 Kommunen at NRW size on every page.
        choices=_municipality_choices,
        field_name="memberships__municipality",
        empty_label=_("all Kommunen"),
        distinct=True,
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=Membership.Role.choices,
        field_name="memberships__role",
        empty_label=_("all roles"),
        distinct=True,
    )

    class Meta:
        model = User
        fields = ["q", "municipality", "role"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value))
