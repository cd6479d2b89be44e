from django.contrib import admin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from landscape import services
from landscape.models import Category, Product, Usage
from landscape.resources import UsageResource


def _data(form, fields) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in fields}


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        fields = {"name", "slug", "description", "position"}
        services.category_save(actor=request.user, data=_data(form, fields), category=obj)


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "vendor", "it_provider", "hosting", "is_open_source"]
    list_filter = ["category", "hosting", "is_open_source", "is_demo"]
    search_fields = ["name", "vendor", "it_provider"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["solution"]
    list_select_related = ["category"]

    def save_model(self, request, obj, form, change):
        data = _data(form, services.PRODUCT_FIELDS)
        services.product_save(actor=request.user, data=data, product=obj)


@admin.register(Usage)
class UsageAdmin(ExportMixin, SimpleHistoryAdmin):
    """Rows are written through the services (history with who, domain events), here too."""

    list_display = ["municipality", "product", "contract_end", "satisfaction", "updated_at"]
    list_filter = ["product__category", "municipality", "is_demo"]
    search_fields = ["product__name", "municipality__name", "plans"]
    list_select_related = ["municipality", "product", "product__category"]
    autocomplete_fields = ["product", "contact"]
    resource_classes = [UsageResource]

    def save_model(self, request, obj, form, change):
        services.usage_save(
            actor=request.user,
            municipality=form.cleaned_data["municipality"],
            data=_data(form, services.USAGE_FIELDS),
            usage=obj,
        )

    def delete_model(self, request, obj):
        services.usage_delete(actor=request.user, usage=obj)

    def delete_queryset(self, request, queryset):
        for usage in queryset.select_related("municipality"):
            services.usage_delete(actor=request.user, usage=usage)
