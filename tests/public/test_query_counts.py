"""Every public page and API list keeps its query count at 17 and at 60 Kommunen (ozg.bench_data:
a status for every service in every Kommune), with the cache empty (the counts with a warm
cache are zero). The larger size only has to be larger: a query per Kommune or per row would
show at 60 as it would at NRW's 396 (which took half a minute to fill)."""

import pytest
from django.core.cache import cache

from members.models import Municipality
from ozg.bench_data import generate
from public_site.models import PublicationSetting

pytestmark = pytest.mark.django_db

URLS = {
    "/online-dienste/": 3,
    "/online-dienste/luegde/": 8,
    "/online-dienste/luegde/?q=Wohngeld&online=on": 10,
    "/online-dienste/leistungen/": 4,
    "/online-dienste/leistungen/10092/": 4,
    "/online-dienste/fortschritt/": 4,
    "/online-dienste/daten/luegde.csv": 2,
    "/api/v1/kommunen/": 3,
    "/api/v1/leistungen/": 3,
    "/api/v1/status/": 2,
    # the Kommune is read first so that only its rows are read (index), then the filter
    "/api/v1/status/?kommune=luegde&reifegrad_min=3": 4,
}


def _fill(kommunen: int) -> None:
    generate(kommunen=kommunen)
    PublicationSetting.objects.bulk_create(
        [
            PublicationSetting(municipality=m, statuses_public=True)
            for m in Municipality.objects.all()
        ]
    )


@pytest.mark.parametrize("kommunen", [17, 60])
def test_query_counts_do_not_grow_with_kommunen(
    client, reference_data, kommunen, django_assert_max_num_queries
):
    _fill(kommunen)
    assert Municipality.objects.count() == kommunen
    for url, bound in URLS.items():
        cache.clear()
        with django_assert_max_num_queries(bound):
            response = client.get(url)
        assert response.status_code == 200, url
