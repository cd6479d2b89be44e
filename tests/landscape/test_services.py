"""Writes: permissions (every denial changes nothing), validation, history, events."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landscape import services
from landscape.models import Product, Usage
from lippe_ikz import events
from tests.landscape.factories import UsageFactory, category, months_ahead
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


def _data(product, **extra):
    return {
        "product": product,
        "since": dt.date(2021, 1, 1),
        "contract_end": dt.date(2027, 6, 30),
        "notice_months": 6,
        "yearly_cost": Decimal("9000"),
        "satisfaction": 4,
        **extra,
    }


def test_cdo_records_own_usage_with_history_and_event(lemgo, lemgo_cdo, ris):
    with events.capture() as published:
        usage = services.usage_save(actor=lemgo_cdo, municipality=lemgo, data=_data(ris))
    assert [e.kind for e in published] == ["landscape.usage.created"]
    assert published[0].data["municipality"] == lemgo
    services.usage_save(
        actor=lemgo_cdo, municipality=lemgo, usage=usage, data={"plans": "Ausschreibung 2027"}
    )
    record = usage.history.first()
    assert record.history_user == lemgo_cdo
    assert record.plans == "Ausschreibung 2027"
    assert usage.history.count() == 2
    assert usage.notice_date == dt.date(2026, 12, 30)


def test_stranger_cannot_write_another_kommunes_rows(lemgo, detmold, detmold_cdo, ris):
    with pytest.raises(PermissionDenied):
        services.usage_save(actor=detmold_cdo, municipality=lemgo, data=_data(ris))
    usage = UsageFactory(municipality=lemgo, product=ris)
    with pytest.raises(PermissionDenied):
        services.usage_save(actor=detmold_cdo, municipality=lemgo, usage=usage, data={"plans": "x"})
    with pytest.raises(PermissionDenied):
        services.usage_delete(actor=detmold_cdo, usage=usage)
    with pytest.raises(PermissionDenied):  # own Kommune named, but the row is Lemgo's
        services.usage_save(actor=detmold_cdo, municipality=detmold, usage=usage, data={})
    usage.refresh_from_db()
    assert usage.municipality == lemgo and usage.plans == ""
    assert Usage.objects.count() == 1


def test_person_without_kommune_cannot_write(lemgo, ris):
    with pytest.raises(PermissionDenied):
        services.usage_save(actor=UserFactory(), municipality=lemgo, data=_data(ris))
    assert not Usage.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"since": dt.date(2028, 1, 1)}, "contract_end"),
        ({"yearly_cost": Decimal("-1")}, "yearly_cost"),
        ({"comment": "x" * 10_000}, "comment"),
        ({"satisfaction": 6}, "satisfaction"),
    ],
)
def test_bad_input_is_refused_with_a_message(lemgo, lemgo_cdo, ris, extra, field):
    with pytest.raises(ValidationError) as exc:
        services.usage_save(actor=lemgo_cdo, municipality=lemgo, data=_data(ris, **extra))
    assert field in exc.value.message_dict
    assert not Usage.objects.exists()


def test_bulk_save_is_all_or_nothing(lemgo, lemgo_cdo, ris, dms):
    with pytest.raises(ValidationError):
        services.usage_bulk_save(
            actor=lemgo_cdo,
            municipality=lemgo,
            rows=[(None, _data(ris)), (None, _data(dms, yearly_cost=Decimal("-5")))],
        )
    assert not Usage.objects.exists()


def test_only_admins_curate_the_catalogue(lemgo_cdo, admin_user):
    data = {"name": "Neues RIS", "category": category()}
    with pytest.raises(PermissionDenied):
        services.product_save(actor=lemgo_cdo, data=data)
    assert not Product.objects.filter(name="Neues RIS").exists()
    with events.capture() as published:
        product = services.product_save(actor=admin_user, data=data)
        services.product_save(actor=admin_user, product=product, data={"vendor": "X"})
    assert product.slug == "neues-ris"
    assert [e.kind for e in published] == [
        "landscape.product.created",
        "landscape.product.changed",
    ]


def test_delete_publishes_before_the_row_goes(lemgo, lemgo_cdo, ris):
    usage = UsageFactory(municipality=lemgo, product=ris)
    pk = usage.pk
    with events.capture() as published:
        services.usage_delete(actor=lemgo_cdo, usage=usage)
    assert published[0].kind == "landscape.usage.deleted"
    assert published[0].data["pk"] == pk
    assert not Usage.objects.exists()


def test_joint_project_invites_the_kommunen_with_interest(network, lemgo, lemgo_cdo, ris):
    from projects.models import Participation, Topic

    usages = list(Usage.objects.filter(product=ris))
    project = services.joint_project_create(
        actor=lemgo_cdo,
        lead_municipality=lemgo,
        category=ris.category,
        usages=usages,
        title="Gemeinsame Ausschreibung RIS",
        topic=Topic.objects.first(),
    )
    roles = {p.municipality.slug: p.role for p in project.participations.all()}
    assert roles == {
        "lemgo": Participation.Role.LEAD,
        "detmold": Participation.Role.INTERESTED,
        "lage": Participation.Role.INTERESTED,
        "blomberg": Participation.Role.INTERESTED,
    }
    assert "Lage: Gremienwerk RIS" in project.description
    assert f"{months_ahead(4):%d.%m.%Y}" in project.description


def test_joint_project_needs_own_kommune(network, detmold, lemgo_cdo, ris):
    from projects.models import Project, Topic

    with pytest.raises(PermissionDenied):
        services.joint_project_create(
            actor=lemgo_cdo,
            lead_municipality=detmold,
            category=ris.category,
            usages=list(Usage.objects.filter(product=ris)),
            title="X",
            topic=Topic.objects.first(),
        )
    assert not Project.objects.filter(title="X").exists()
