"""Issue 12 item 2: every change of a Kommune's rows is kept with who and when, and shown on
the Kommune's landscape page (old → new per field); the page's query count stays fixed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from landscape import selectors, services
from landscape.models import Usage

pytestmark = pytest.mark.django_db


def test_changes_are_listed_with_who_when_and_what(client, lemgo, lemgo_cdo, ris, dms):
    usage = services.usage_save(
        actor=lemgo_cdo,
        municipality=lemgo,
        data={"product": ris, "contract_end": dt.date(2027, 6, 30), "yearly_cost": Decimal("1200")},
    )
    services.usage_save(
        actor=lemgo_cdo,
        municipality=lemgo,
        usage=usage,
        data={"yearly_cost": Decimal("1500"), "plans": "Ausschreibung 2027"},
    )
    other = services.usage_save(actor=lemgo_cdo, municipality=lemgo, data={"product": dms})
    services.usage_delete(actor=lemgo_cdo, usage=other)
    history = selectors.usage_history(municipality=lemgo)
    assert [h.kind for h in history] == ["-", "+", "~", "+"]
    change = history[2]
    assert change.who == lemgo_cdo and change.product == ris
    labels = {label: (old, new) for label, old, new in change.changes}
    name = {f: str(Usage._meta.get_field(f).verbose_name) for f in ("plans", "yearly_cost")}
    assert labels[name["plans"]] == ("–", "Ausschreibung 2027")
    assert set(labels) == set(name.values())
    client.force_login(lemgo_cdo)
    page = client.get(reverse("landscape:municipality", args=["lemgo"])).content.decode()
    section = page.split('id="verlauf"')[1]
    assert "Änderungsverlauf" in page
    assert "1.200,00 → 1.500,00" in section and "– → Ausschreibung 2027" in section
    assert lemgo_cdo.full_name in section and "AktenWerk DMS" in section


def test_unchanged_saves_and_other_kommunen_are_left_out(lemgo, detmold, lemgo_cdo, ris):
    from tests.landscape.factories import UsageFactory

    UsageFactory(municipality=detmold, product=ris)
    usage = services.usage_save(actor=lemgo_cdo, municipality=lemgo, data={"product": ris})
    services.usage_save(actor=lemgo_cdo, municipality=lemgo, usage=usage, data={})
    history = selectors.usage_history(municipality=lemgo)
    assert len(history) == 1 and history[0].kind == "+"
