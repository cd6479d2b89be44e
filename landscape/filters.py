import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from landscape.models import Category, Product


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kategorie = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="category",
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("all categories"),
    )
    hosting = django_filters.ChoiceFilter(
        label=_("hosting"), choices=Product.Hosting.choices, empty_label=_("any hosting")
    )
    open_source = django_filters.BooleanFilter(label=_("open source"), field_name="is_open_source")

    class Meta:
        model = Product
        fields = ["q", "kategorie", "hosting", "open_source"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(vendor__icontains=value) | Q(it_provider__icontains=value)
        )
