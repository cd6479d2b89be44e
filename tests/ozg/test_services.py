"""Status services, the change log (history) and the digest selector."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ozg import selectors
from ozg.models import Assignment, FormTemplate, ServiceStatus, StatusChange
from ozg.services import assignment_set, form_adopt, form_template_save, status_set
from tests.ozg.factories import (
    OzgServiceFactory,
    ServiceStatusFactory,
    SolutionFactory,
    ThemenfeldFactory,
)

pytestmark = pytest.mark.django_db


def test_status_set_records_every_change_with_who_and_when(detmold, detmold_cdo, elterngeld):
    portal = SolutionFactory(name="Bürgerserviceportal (regio.IT)")
    status_set(
        actor=detmold_cdo, municipality=detmold, service=elterngeld, maturity=1, state="planned"
    )
    status_set(
        actor=detmold_cdo,
        municipality=detmold,
        service=elterngeld,
        maturity=3,
        state="online",
        online_since=dt.date(2025, 5, 1),
        url="https://www.detmold.de/elterngeld",
        solution=portal,
    )
    # saving the same values again writes nothing
    status_set(
        actor=detmold_cdo,
        municipality=detmold,
        service=elterngeld,
        maturity=3,
        state="online",
        online_since=dt.date(2025, 5, 1),
        url="https://www.detmold.de/elterngeld",
        solution=portal,
    )
    status = ServiceStatus.objects.get(municipality=detmold, service=elterngeld)
    assert (status.maturity, status.state, status.solution, status.updated_by) == (
        3,
        "online",
        portal,
        detmold_cdo,
    )
    assert status.is_ozg_compliant
    changes = list(StatusChange.objects.order_by("changed_at", "pk"))
    assert [(c.old_maturity, c.new_maturity) for c in changes] == [(None, 1), (1, 3)]
    assert changes[1].changed_by == detmold_cdo
    assert set(changes[1].changed_fields) == {
        "maturity",
        "state",
        "online_since",
        "url",
        "solution",
    }


def test_status_changes_since_for_the_digest(detmold, lemgo, detmold_cdo, lemgo_cdo, elterngeld):
    before = timezone.now()
    status_set(
        actor=detmold_cdo, municipality=detmold, service=elterngeld, maturity=2, state="in_progress"
    )
    status_set(actor=lemgo_cdo, municipality=lemgo, service=elterngeld, maturity=4, state="online")
    everything = selectors.status_changes_since(before)
    assert [(c.municipality.name, c.new_maturity) for c in everything] == [
        ("Lemgo", 4),
        ("Detmold", 2),
    ]
    only_detmold = selectors.status_changes_since(before, {detmold.pk})
    assert [(c.service.ozg_id, c.changed_by) for c in only_detmold] == [("10000", detmold_cdo)]
    assert selectors.status_changes_since(timezone.now() + dt.timedelta(seconds=1)) == []


def test_status_of_another_kommune_is_denied_and_nothing_written(lemgo, detmold_cdo, elterngeld):
    with pytest.raises(PermissionDenied):
        status_set(
            actor=detmold_cdo, municipality=lemgo, service=elterngeld, maturity=4, state="online"
        )
    assert not ServiceStatus.objects.exists()
    assert not StatusChange.objects.exists()


def test_invalid_maturity_is_rejected(detmold, detmold_cdo, elterngeld):
    with pytest.raises(ValidationError):
        status_set(
            actor=detmold_cdo, municipality=detmold, service=elterngeld, maturity=7, state="online"
        )
    assert not ServiceStatus.objects.exists()


def test_only_admins_assign_leads_and_the_lead_keeps_forms(
    detmold, lemgo, detmold_cdo, lemgo_cdo, admin_user, elterngeld, familie
):
    with pytest.raises(PermissionDenied):
        assignment_set(actor=detmold_cdo, themenfeld=familie, lead=detmold)
    assignment = assignment_set(
        actor=admin_user, themenfeld=familie, lead=detmold, supporters=[lemgo, detmold]
    )
    assert list(assignment.supporters.all()) == [lemgo]  # the lead is no supporter
    data = {
        "title": "Antrag Elterngeld",
        "kind": "form",
        "version": "1.0",
        "status": "draft",
        "link": "https://example.org/f.pdf",
    }
    with pytest.raises(PermissionDenied):
        form_template_save(actor=lemgo_cdo, service=elterngeld, lead_id=detmold.pk, data=data)
    form = form_template_save(actor=detmold_cdo, service=elterngeld, lead_id=detmold.pk, data=data)
    assert form.owner == detmold
    adoption = form_adopt(actor=lemgo_cdo, form=form, municipality=lemgo)
    assert adoption.version == "1.0"
    with pytest.raises(PermissionDenied):
        form_adopt(actor=lemgo_cdo, form=form, municipality=detmold)
    assert FormTemplate.objects.count() == 1
    assert form.adoptions.count() == 1


def _change(*, municipality, service, when):
    status = ServiceStatusFactory(municipality=municipality, service=service)
    return StatusChange.objects.create(
        status=status, municipality=municipality, service=service, old_maturity=1,
        new_maturity=3, old_state="planned", new_state="online", changed_at=when,
    )  # fmt: skip


def test_status_changes_since_with_led_services(detmold, lemgo):
    now = timezone.now()
    led = OzgServiceFactory()
    by_field = OzgServiceFactory(themenfeld=ThemenfeldFactory(name="Feld der Detmolder"))
    overridden = OzgServiceFactory(themenfeld=by_field.themenfeld)
    Assignment.objects.create(service=led, lead=detmold)
    Assignment.objects.create(themenfeld=by_field.themenfeld, lead=detmold)
    Assignment.objects.create(service=overridden, lead=lemgo)  # its own lead wins
    changes = [
        _change(municipality=lemgo, service=service, when=now + dt.timedelta(seconds=n))
        for n, service in enumerate([led, by_field, overridden])
    ]
    since = now - dt.timedelta(minutes=1)
    assert selectors.status_changes_since(since, {detmold.pk}) == []
    assert (
        selectors.status_changes_since(since, {detmold.pk}, include_led_services=True)
        == changes[1::-1]
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("antrag.pdf", b"MZ\x90\x00 an exe renamed"), ("antrag.exe", b"MZ\x90\x00")],
    ids=["exe-renamed-to-pdf", "exe"],
)
def test_uniform_form_uploads_are_checked_like_every_upload(
    detmold, detmold_cdo, admin_user, elterngeld, familie, name, content, settings, tmp_path
):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    assignment_set(actor=admin_user, themenfeld=familie, lead=detmold)
    data = {"title": "Antrag", "kind": "form", "version": "1", "status": "draft",
            "file": SimpleUploadedFile(name, content)}  # fmt: skip
    with pytest.raises(ValidationError):
        form_template_save(actor=detmold_cdo, service=elterngeld, lead_id=detmold.pk, data=data)
    assert FormTemplate.objects.count() == 0


def test_uniform_form_upload_over_the_size_limit_is_refused(
    detmold, detmold_cdo, admin_user, elterngeld, familie, settings, tmp_path
):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 100
    assignment_set(actor=admin_user, themenfeld=familie, lead=detmold)
    data = {"title": "Antrag", "kind": "form", "version": "1", "status": "draft",
            "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4" + b"x" * 200)}  # fmt: skip
    with pytest.raises(ValidationError):
        form_template_save(actor=detmold_cdo, service=elterngeld, lead_id=detmold.pk, data=data)
    assert FormTemplate.objects.count() == 0
