"""Small query helpers shared by the apps' selectors."""

from django.db.models import Count, QuerySet, Window


def first_and_total(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and how many rows it has in all, in ONE query
    (a window count computed before the LIMIT), so a panel's query count is the same whether
    it shows a few rows or the first five of many."""
    items = list(queryset.annotate(_total_rows=Window(expression=Count("pk")))[:limit])
    return items, (items[0]._total_rows if items else 0)
