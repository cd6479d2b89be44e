"""What landscape contributes to the portal search (see lippe_ikz.searchable).

Only the catalogue is indexed (products with their category, vendor and IT provider); the
Kommunen's rows, with their costs and contracts, are read on the product's page.
"""

from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _products():
    from landscape.models import Product

    return Product.objects.select_related("category")


def _product(p) -> SearchDocument:
    return SearchDocument(
        title=p.name,
        extra=join(
            _("Software"), p.category.name, p.vendor, p.it_provider, p.get_hosting_display()
        ),
        body=plain(p.description),
        url=p.get_absolute_url(),
    )


SEARCH_TYPES = [
    SearchType(
        "landscape.product",
        _("Software product"),
        "landscape.Product",
        _product,
        _products,
        order=70,
        boost=1.5,
    ),
]
