"""link_maker: the same URLs as reverse(), with the resolver asked once."""

from django.urls import reverse

from lippe_ikz.links import link_maker


def test_links_equal_reverse_for_slugs_and_ids():
    kommune = link_maker("landscape:municipality")
    product = link_maker("landscape:product_detail")
    for slug in ("detmold", "horn-bad-meinberg", "a1"):
        assert kommune(slug) == reverse("landscape:municipality", kwargs={"slug": slug})
        assert product(slug) == reverse("landscape:product_detail", kwargs={"slug": slug})
    meeting = link_maker("workshops:meeting_detail", "pk")
    assert meeting(42) == reverse("workshops:meeting_detail", kwargs={"pk": 42})
