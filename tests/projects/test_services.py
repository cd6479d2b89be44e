from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects.models import CostItem, Participation, Project, StatusUpdate, Wish, WishVote
from tests.projects.factories import PartnerFactory


def test_create_project_makes_own_kommune_lead_and_starts_the_timeline(detmold_cdo, detmold, topic):
    project = services.project_create(
        actor=detmold_cdo, lead_municipality=detmold,
        data={"title": "Digitale Bauakte für Lügde", "summary": "Online", "topic": topic},
        status=Project.Status.PLANNING,
    )  # fmt: skip
    assert project.slug == "digitale-bauakte-fuer-luegde"
    assert project.lead == detmold
    assert project.status == Project.Status.PLANNING
    assert list(project.contacts.all()) == [detmold_cdo]
    first = project.updates.get()
    assert first.new_status == Project.Status.PLANNING and first.author == detmold_cdo


def test_slugs_stay_unique_and_avoid_reserved_paths(detmold_cdo, detmold, topic):
    make = lambda title: services.project_create(  # noqa: E731
        actor=detmold_cdo, lead_municipality=detmold,
        data={"title": title, "summary": "x", "topic": topic},
    )  # fmt: skip
    assert make("Neu").slug == "neu-2"
    assert make("E-Akte").slug == "e-akte"
    assert make("E-Akte").slug == "e-akte-2"


def test_status_changes_only_through_an_update(detmold_cdo, project):
    assert project.status == Project.Status.IDEA
    update = services.status_update_add(
        actor=detmold_cdo, project=project, text="Pilot läuft", new_status="implementation",
        progress=40,
    )  # fmt: skip
    project.refresh_from_db()
    assert project.status == "implementation" and project.progress == 40
    assert update.previous_status == "idea"
    services.status_update_add(actor=detmold_cdo, project=project, text="Weiter so")
    project.refresh_from_db()
    assert project.status == "implementation" and project.progress == 40
    assert project.updates.count() == 2


def test_update_with_progress_over_100_is_rejected(detmold_cdo, project):
    with pytest.raises(ValidationError):
        services.status_update_add(actor=detmold_cdo, project=project, text="x", progress=120)
    project.refresh_from_db()
    assert project.progress is None and not StatusUpdate.objects.exists()


def test_join_change_role_and_leave(lage_cdo, detmold_cdo, project, reference_data):
    lage = reference_data["lage"]
    p = services.participation_add(
        actor=lage_cdo, project=project, municipality=lage, role=Participation.Role.INTERESTED
    )
    services.participation_set_role(actor=detmold_cdo, participation=p, role="participant")
    p.refresh_from_db()
    assert p.role == "participant"
    services.participation_remove(actor=lage_cdo, participation=p)
    assert not project.participations.filter(municipality=lage).exists()


def test_handing_over_the_lead(detmold_cdo, project, lemgo, detmold):
    lemgo_p = project.participations.get(municipality=lemgo)
    services.participation_set_role(actor=detmold_cdo, participation=lemgo_p, role="lead")
    roles = dict(project.participations.values_list("municipality__slug", "role"))
    assert roles == {"lemgo": "lead", "detmold": "participant"}


def test_lead_cannot_be_demoted_without_a_successor(detmold_cdo, project, detmold):
    lead = project.participations.get(municipality=detmold)
    with pytest.raises(ValidationError):
        services.participation_set_role(actor=detmold_cdo, participation=lead, role="participant")


def test_wish_raised_supported_once_per_kommune_and_answered(
    detmold_cdo, lemgo_cdo, project, detmold, lemgo
):
    provider = PartnerFactory(name="regio.IT")
    wish = services.wish_create(
        actor=lemgo_cdo, project=project, municipality=lemgo, provider=provider,
        title="Barrierefreie PDF-Bescheide",
    )  # fmt: skip
    services.wish_support(actor=detmold_cdo, wish=wish, municipality=detmold)
    with pytest.raises(ValidationError):
        services.wish_support(actor=detmold_cdo, wish=wish, municipality=detmold)
    assert WishVote.objects.filter(wish=wish).count() == 2
    services.wish_set_status(
        actor=detmold_cdo, wish=wish, status=Wish.Status.SUBMITTED, provider_answer="Geplant."
    )
    wish.refresh_from_db()
    assert wish.status == "submitted" and wish.provider_answer == "Geplant."


def test_end_before_start_is_rejected(detmold_cdo, detmold, topic):
    import datetime as dt

    with pytest.raises(ValidationError) as excinfo:
        services.project_create(
            actor=detmold_cdo, lead_municipality=detmold,
            data={"title": "X", "summary": "x", "topic": topic,
                  "start_date": dt.date(2025, 1, 1), "planned_end_date": dt.date(2024, 1, 1)},
        )  # fmt: skip
    assert "planned_end_date" in excinfo.value.error_dict
    assert not Project.objects.exists()


def test_empty_title_and_negative_amounts_are_rejected(detmold_cdo, detmold, topic, project):
    with pytest.raises(ValidationError) as excinfo:
        services.project_create(
            actor=detmold_cdo, lead_municipality=detmold,
            data={"title": "", "summary": "x", "topic": topic, "funding_amount": Decimal("-1")},
        )  # fmt: skip
    assert {"title", "funding_amount"} <= set(excinfo.value.error_dict)
    with pytest.raises(ValidationError):
        services.cost_item_create(
            actor=detmold_cdo, project=project,
            data={"title": "Minus", "kind": CostItem.Kind.LICENCE, "amount": Decimal("-100")},
        )  # fmt: skip
    assert not CostItem.objects.exists()
