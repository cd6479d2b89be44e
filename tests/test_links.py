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


def test_absolute_url_puts_paths_on_the_site_and_leaves_full_urls(settings):
    from lippe_ikz.links import absolute_url

    settings.SITE_URL = "https://portal.example.org"
    assert absolute_url("/termine/4/") == "https://portal.example.org/termine/4/"
    assert absolute_url("https://other.example.org/x") == "https://other.example.org/x"
    assert absolute_url("") == ""
