import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge.models import Article
from members.models import Municipality
from projects.models import Topic


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Article.Kind.choices, empty_label=_("all kinds")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        field_name="topics",
        to_field_name="slug",
        empty_label=_("all topics"),
    )
    kommune = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        queryset=Municipality.objects.order_by("name"),
        field_name="municipality",
        to_field_name="slug",
        empty_label=_("all Kommunen"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Article.Status.choices, empty_label=_("all statuses")
    )

    class Meta:
        model = Article
        fields = ["q", "kind", "topic", "kommune", "status"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(body__icontains=value)
        )
