import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from members.models import Municipality
from ozg.models import (
    OZG_COMPLIANT_FROM,
    Assignment,
    ImplementationState,
    Lebenslage,
    LeikaService,
    Maturity,
    OzgService,
    ServiceStatus,
    Themenfeld,
)

NOT_RECORDED = "none"


class CatalogueFilter(django_filters.FilterSet):
    """The catalogue's filters. Reifegrad, state and "still open" refer to `kommune`."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    themenfeld = django_filters.ModelChoiceFilter(
        label=_("Themenfeld"),
        queryset=Themenfeld.objects.all(),
        to_field_name="slug",
        empty_label=_("all Themenfelder"),
    )
    lebenslage = django_filters.ModelChoiceFilter(
        label=_("Lebens- or Geschäftslage"),
        queryset=Lebenslage.objects.order_by("name"),
        empty_label=_("all Lagen"),
    )
    lead = django_filters.ModelChoiceFilter(
        label=_("Lead Kommune"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("any"),
        method="filter_lead",
    )
    kommune = django_filters.ModelChoiceFilter(
        label=_("Status of Kommune"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("no Kommune"),
        method="filter_nothing",
    )
    maturity = django_filters.ChoiceFilter(
        label=_("Reifegrad"),
        choices=[(NOT_RECORDED, _("not recorded"))] + Maturity.numbered_choices(as_str=True),
        empty_label=_("any"),
        method="filter_maturity",
    )
    state = django_filters.ChoiceFilter(
        label=_("Implementation state"),
        choices=ImplementationState.choices,
        empty_label=_("any"),
        method="filter_state",
    )
    open = django_filters.BooleanFilter(
        label=_("Still open for this Kommune (not yet OZG-konform)"),
        widget=forms.CheckboxInput,
        method="filter_open",
    )
    withdrawn = django_filters.BooleanFilter(
        label=_("Include withdrawn services"),
        widget=forms.CheckboxInput,
        method="filter_withdrawn",
    )

    class Meta:
        model = OzgService
        fields = []

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("withdrawn"):
            queryset = queryset.filter(withdrawn_at__isnull=True)
        return super().filter_queryset(queryset)

    def _kommune(self):
        return self.form.cleaned_data.get("kommune")

    def _statuses(self, kommune):
        return ServiceStatus.objects.filter(service=OuterRef("pk"), municipality=kommune)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_withdrawn(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        leika = LeikaService.objects.filter(service=OuterRef("pk")).filter(
            Q(name__icontains=value) | Q(key=value)
        )
        return queryset.filter(
            Q(name__icontains=value)
            | Q(ozg_id=value)
            | Q(lebenslage__name__icontains=value)
            | Exists(leika)
        )

    def filter_lead(self, queryset, name, value):
        own = Assignment.objects.filter(service=OuterRef("pk"))
        return queryset.filter(
            Exists(own.filter(lead=value))
            | (
                ~Exists(own)
                & Exists(Assignment.objects.filter(themenfeld=OuterRef("themenfeld"), lead=value))
            )
        )

    def filter_maturity(self, queryset, name, value):
        kommune = self._kommune()
        if kommune is None:
            if value == NOT_RECORDED:
                return queryset.filter(
                    ~Exists(ServiceStatus.objects.filter(service=OuterRef("pk")))
                )
            return queryset.filter(
                Exists(ServiceStatus.objects.filter(service=OuterRef("pk"), maturity=int(value)))
            )
        if value == NOT_RECORDED:
            return queryset.filter(~Exists(self._statuses(kommune)))
        return queryset.filter(Exists(self._statuses(kommune).filter(maturity=int(value))))

    def filter_state(self, queryset, name, value):
        kommune = self._kommune()
        statuses = (
            self._statuses(kommune)
            if kommune
            else ServiceStatus.objects.filter(service=OuterRef("pk"))
        )
        return queryset.filter(Exists(statuses.filter(state=value)))

    def filter_open(self, queryset, name, value):
        kommune = self._kommune()
        if not value or kommune is None:
            return queryset
        done = self._statuses(kommune).filter(maturity__gte=OZG_COMPLIANT_FROM)
        return queryset.filter(~Exists(done))
