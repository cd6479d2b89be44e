import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Municipality
from workshops.models import Meeting

KIND_CHOICES = [*Meeting.Kind.choices, ("workshop", _("workshop"))]


class EventFilter(django_filters.FilterSet):
    """Filter of /termine/. Meetings and sessions are two tables, so the view hands the
    cleaned values to `selectors.events` instead of filtering one queryset."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=KIND_CHOICES, empty_label=_("all kinds"), method="noop"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        queryset=Municipality.objects.order_by("kind", "name"),
        empty_label=_("all Kommunen"),
        method="noop",
    )
    year = django_filters.NumberFilter(label=_("Year"), method="noop")

    class Meta:
        model = Meeting
        fields = ["kind", "municipality", "year"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("all years")), *((y, str(y)) for y in years)]
        self.form.fields["year"].widget = forms.Select(choices=choices)

    def noop(self, queryset, name, value):
        return queryset

    def values(self) -> dict:
        self.form.is_valid()
        # Invalid values are dropped; the valid ones still filter.
        data = getattr(self.form, "cleaned_data", {})
        return {
            "kind": data.get("kind") or "",
            "municipality": data.get("municipality"),
            "year": int(data["year"]) if data.get("year") else None,
        }
