from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value) -> str:
    """Money with the locale's grouping and two decimals: 1.234,56 € in German."""
    if value is None or value == "":
        return "–"
    formatted = number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{formatted}\N{NO-BREAK SPACE}€"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
