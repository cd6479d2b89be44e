import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.models import Municipality
from projects.models import Participation, Project, Topic


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorting that puts projects without a value last on every database.

    PostgreSQL sorts NULL first in descending order, SQLite last; a project without any
    update must not top the "latest update first" list on one and not on the other.
    """

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = self.param_map[param.lstrip("-")]
        expression = F(field)
        return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "title", "pk") if value else qs


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("all statuses")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("all topics")
    )
    kommune = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        # Only what the options show: 396 Kommunen at NRW size are built on every page.
        queryset=Municipality.objects.only("pk", "name", "slug").order_by("name"),
        to_field_name="slug",
        empty_label=_("all Kommunen"),
        method="filter_none",
    )
    rolle = django_filters.ChoiceFilter(
        label=_("Role of the Kommune"),
        choices=Participation.Role.choices,
        empty_label=_("any role"),
        method="filter_none",
    )
    sortierung = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=(("title", "title"), ("last_update_at", "updated"), ("start_date", "start")),
        field_labels={
            "title": _("Title (A–Z)"),
            "-title": _("Title (Z–A)"),
            "-updated": _("Latest update first"),
            "updated": _("Oldest update first"),
            "-start": _("Latest start first"),
            "start": _("Earliest start first"),
        },
        empty_label=_("Title (A–Z)"),
    )  # fmt: skip

    class Meta:
        model = Project
        fields = ["q", "status", "topic", "kommune", "rolle", "sortierung"]

    def filter_none(self, queryset, name, value):
        return queryset  # combined in filter_queryset: Kommune and role on the same row

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        municipality = self.form.cleaned_data.get("kommune")
        role = self.form.cleaned_data.get("rolle")
        participation = {}
        if municipality:
            participation["municipality"] = municipality
        if role:
            participation["role"] = role
        if participation:
            queryset = queryset.filter(
                pk__in=Participation.objects.filter(**participation).values("project_id")
            )
        return queryset
