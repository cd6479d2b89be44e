"""The knowledge generator behind `make bench` (bench/knowledge.py): the pages it measures
exist and show the generated rows, and a second, larger call only adds."""

import pytest

from knowledge.bench_data import CHECKLIST, GUIDE, generate
from knowledge.models import Article, Expertise

pytestmark = pytest.mark.django_db


def test_generate_fills_the_measured_pages_and_adds_up(detmold_client, detmold_cdo):
    sizes = {"revisions": 3, "story": 2, "talks": 2, "requests": 2, "checklist_items": 4}
    first = generate(author=detmold_cdo, articles=5, **sizes)
    assert first["adoptions"] == 17  # every Kommune of the reference data
    second = generate(author=detmold_cdo, articles=8, **{**sizes, "revisions": 6})
    assert second["articles"] == first["articles"] + 3
    assert second["expertise"] == first["expertise"] == Expertise.objects.count()
    guide = Article.objects.get(slug=GUIDE)
    assert guide.revisions.count() == guide.revision_number == 6
    checklist = Article.objects.get(slug=CHECKLIST)
    assert checklist.items.count() == 4
    for url in ("/wissen/", guide.get_absolute_url(), f"{guide.get_absolute_url()}versionen/",
                f"{checklist.get_absolute_url()}uebernahmen/", "/wer-weiss-was/"):  # fmt: skip
        assert detmold_client.get(url).status_code == 200, url
    response = detmold_client.get(f"{checklist.get_absolute_url()}uebernahmen/")
    assert response.content.count(b"/wissen/benchcheckliste/uebernahmen/") >= 17
