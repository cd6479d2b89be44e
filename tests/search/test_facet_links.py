"""The facet links keep the search and the other facets, drop the page, toggle their own."""

from html import unescape
from urllib.parse import parse_qs

from django.template import Context, Template
from django.test import RequestFactory

LINKS = Template(
    "{% load search_tags %}"
    "{% facet_url 'typ' 'projects.project' toggle=True %}|"
    "{% facet_url 'typ' 'ozg.service' toggle=True %}|"
    "{% facet_url 'kommune' 'lemgo' %}|{% facet_url 'kommune' '' %}|{% facet_url 'jahr' 2025 %}"
)


def test_facet_links_keep_the_rest_and_drop_the_page():
    request = RequestFactory().get(
        "/suche/", {"q": "E-Akte Bürger", "typ": "ozg.service", "kommune": "detmold", "seite": "3"}
    )
    links = unescape(LINKS.render(Context({"request": request}))).split("|")  # &amp; in href
    parsed = [parse_qs(link.removeprefix("?")) for link in links]
    for params in parsed:
        assert params["q"] == ["E-Akte Bürger"]
        assert "seite" not in params
    assert parsed[0]["typ"] == ["ozg.service", "projects.project"]  # added
    assert "typ" not in parsed[1]  # the selected one removed again
    assert parsed[2]["kommune"] == ["lemgo"] and parsed[2]["typ"] == ["ozg.service"]
    assert "kommune" not in parsed[3] and parsed[3]["typ"] == ["ozg.service"]
    assert parsed[4]["jahr"] == ["2025"] and parsed[4]["kommune"] == ["detmold"]
