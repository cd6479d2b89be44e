from django.contrib import admin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from landscape.models import Category, Product, Usage
from landscape.resources import UsageResource


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "vendor", "it_provider", "hosting", "is_open_source"]
    list_filter = ["category", "hosting", "is_open_source", "is_demo"]
    search_fields = ["name", "vendor", "it_provider"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["solution"]
    list_select_related = ["category"]


@admin.register(Usage)
class UsageAdmin(ExportMixin, SimpleHistoryAdmin):
    """Rows are written through the portal's forms and imports (services, events); the admin
    shows them and their history and exports them."""

    list_display = ["municipality", "product", "contract_end", "satisfaction", "updated_at"]
    list_filter = ["product__category", "municipality", "is_demo"]
    search_fields = ["product__name", "municipality__name", "plans"]
    list_select_related = ["municipality", "product", "product__category"]
    autocomplete_fields = ["product", "contact"]
    resource_classes = [UsageResource]
