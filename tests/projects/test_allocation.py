from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects.allocation import AllocationError, allocate
from projects.models import CostItem, Participation
from projects.selectors import cost_overview, project_detail
from tests.projects.factories import ParticipationFactory

D = Decimal


def test_equal_shares_add_up_to_the_cent():
    shares = allocate(D("100.00"), {"a": 1, "b": 1, "c": 1})
    assert shares == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    assert sum(shares.values()) == D("100.00")


def test_population_key_largest_remainder():
    # 10 € by 1:1:1:3 → exact 1.666…, 1.666…, 1.666…, 5.00: the first two remainders win.
    shares = allocate(D("10.00"), {"a": 1000, "b": 1000, "c": 1000, "d": 3000})
    assert shares == {"a": D("1.67"), "b": D("1.67"), "c": D("1.66"), "d": D("5.00")}


def test_largest_remainder_goes_to_the_largest_fraction_not_the_first():
    # exact: 3.333, 6.666 → floors 3.33, 6.66, one cent to b (remainder .6 > .3)
    assert allocate(D("10.00"), {"a": 1, "b": 2}) == {"a": D("3.33"), "b": D("6.67")}


@pytest.mark.parametrize("total", ["0.01", "0.05", "1234.56", "48000.00", "99999.99"])
def test_shares_always_sum_to_total(total):
    weights = {"lage": 35143, "lemgo": 40855, "detmold": 75089, "blomberg": 15500}
    shares = allocate(D(total), weights)
    assert sum(shares.values()) == D(total)
    assert all(s >= 0 for s in shares.values())


def test_custom_percentages():
    shares = allocate(D("1000.00"), {"a": D("50"), "b": D("33.33"), "c": D("16.67")})
    assert shares == {"a": D("500.00"), "b": D("333.30"), "c": D("166.70")}


@pytest.mark.parametrize("weights", [{}, {"a": 0}, {"a": -1, "b": 2}])
def test_invalid_weights_are_rejected(weights):
    with pytest.raises(AllocationError):
        allocate(D("10"), weights)


def test_cost_item_by_population_uses_participants_population(detmold_cdo, project, detmold, lemgo):
    services.cost_item_create(
        actor=detmold_cdo, project=project,
        data={"title": "Lizenz", "kind": CostItem.Kind.LICENCE, "amount": D("1000.00"),
              "recurrence": CostItem.Recurrence.YEARLY,
              "allocation_key": CostItem.Key.POPULATION},
    )  # fmt: skip
    overview = cost_overview(project_detail(slug=project.slug))
    shares = overview.items[0].shares
    total_pop = detmold.population + lemgo.population
    assert shares[detmold.pk] == (D(1000) * detmold.population / total_pop).quantize(D("0.01"))
    assert sum(shares.values()) == D("1000.00")
    assert overview.totals[lemgo.pk] == shares[lemgo.pk]
    assert overview.yearly_total == D("1000.00")


def test_interested_kommunen_do_not_pay(detmold_cdo, project, reference_data):
    ParticipationFactory(project=project, municipality=reference_data["lage"],
                         role=Participation.Role.INTERESTED)  # fmt: skip
    services.cost_item_create(
        actor=detmold_cdo, project=project,
        data={"title": "Workshop", "kind": CostItem.Kind.SERVICE, "amount": D("500.00"),
              "allocation_key": CostItem.Key.EQUAL},
    )  # fmt: skip
    shares = cost_overview(project_detail(slug=project.slug)).items[0].shares
    assert set(shares.values()) == {D("250.00")}
    assert reference_data["lage"].pk not in shares


def test_custom_percentages_must_add_up_to_100(detmold_cdo, project, detmold, lemgo):
    data = {"title": "Beratung", "kind": CostItem.Kind.SERVICE, "amount": D("900.00"),
            "allocation_key": CostItem.Key.CUSTOM}  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        services.cost_item_create(
            actor=detmold_cdo, project=project, data=data,
            percentages={detmold.pk: D("60"), lemgo.pk: D("30")},
        )  # fmt: skip
    assert "90,00 %" in excinfo.value.messages[0]
    assert "100 %" in excinfo.value.messages[0]
    assert not CostItem.objects.exists()
    services.cost_item_create(
        actor=detmold_cdo, project=project, data=data,
        percentages={detmold.pk: D("66.67"), lemgo.pk: D("33.33")},
    )  # fmt: skip
    shares = cost_overview(project_detail(slug=project.slug)).items[0].shares
    assert shares == {detmold.pk: D("600.03"), lemgo.pk: D("299.97")}
