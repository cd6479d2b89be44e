"""Demo data: all 17 Kommunen, marked as demo, idempotent, with real groups for the finder."""

import io

import pytest
from django.urls import reverse

from landscape.demo import seed_landscape
from landscape.models import Usage
from landscape.selectors import procurement_windows

pytestmark = pytest.mark.django_db


def test_seed_covers_every_kommune_and_is_idempotent(reference_data):
    seed_landscape(stdout=io.StringIO())
    count = Usage.objects.count()
    assert set(Usage.objects.values_list("municipality__slug", flat=True)) == set(reference_data)
    assert not Usage.objects.filter(is_demo=False).exists()
    out = io.StringIO()
    seed_landscape(stdout=out)
    assert Usage.objects.count() == count
    assert "0 usage rows created" in out.getvalue()


def test_several_kommunen_share_a_ris_ending_in_2027(reference_data):
    seed_landscape(stdout=io.StringIO())
    ris = Usage.objects.filter(
        product__name="Gremienwerk RIS", contract_end__year=2027
    ).values_list("municipality__slug", flat=True)
    assert len(set(ris)) >= 5
    import datetime as dt

    [window] = procurement_windows(
        months=24,
        category=Usage.objects.filter(product__name="Gremienwerk RIS").first().product.category,
        on=dt.date(2026, 12, 1),
    )
    assert len(window.kommunen) >= 5


def test_pages_say_the_rows_are_example_data(reference_data, detmold_client):
    page = detmold_client.get(reverse("landscape:overview")).content.decode()
    assert "Beispieldaten" not in page
    seed_landscape(stdout=io.StringIO())
    page = detmold_client.get(reverse("landscape:overview")).content.decode()
    assert "Diese Installation zeigt Beispieldaten" in page
