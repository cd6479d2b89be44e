"""The first-wave services tell the apps on top what they wrote (docs/events.md)."""

import datetime as dt

import pytest
from django.utils import timezone

from lippe_ikz import events
from ozg.models import ImplementationState, OzgService
from ozg.services import status_set
from projects.models import Project
from projects.services import participation_add, status_update_add
from tests.projects.factories import ProjectFactory
from tests.workshops.factories import MeetingFactory
from workshops.services import meeting_cancel, meeting_update

pytestmark = pytest.mark.django_db


def test_a_status_change_of_a_project_is_published_with_before_and_after(detmold_cdo, detmold):
    project = ProjectFactory(lead=detmold)
    with events.capture() as published:
        update = status_update_add(
            actor=detmold_cdo, project=project, text="Los", new_status=Project.Status.IMPLEMENTATION
        )
    assert [e.kind for e in published] == [
        "projects.status_update.created",
        "projects.project.status_changed",
    ]
    changed = published[1]
    assert changed.obj == project and changed.actor == detmold_cdo
    assert changed.data["new_status"] == Project.Status.IMPLEMENTATION
    assert changed.data["update"] == update


def test_a_kommune_added_to_a_project_is_published(detmold_cdo, detmold, lemgo):
    project = ProjectFactory(lead=detmold)
    with events.capture() as published:
        participation_add(
            actor=detmold_cdo, project=project, municipality=lemgo, role="participant"
        )
    assert [(e.kind, e.data["municipality"]) for e in published] == [
        ("projects.participation.created", lemgo)
    ]


def test_a_moved_and_a_cancelled_meeting_are_published(admin_user):
    meeting = MeetingFactory()
    later = meeting.start + dt.timedelta(days=7)
    with events.capture() as published:
        meeting_update(
            actor=admin_user,
            meeting=meeting,
            data={"start": later, "end": later + dt.timedelta(hours=2)},
        )
        meeting_cancel(actor=admin_user, meeting=meeting)
        meeting_cancel(actor=admin_user, meeting=meeting)  # the second changes nothing
    assert [e.kind for e in published] == [
        "workshops.meeting.changed",
        "workshops.meeting.cancelled",
    ]
    assert published[0].data["moved"] is True


def test_an_ozg_status_change_is_published_once_and_an_unchanged_save_not_at_all(
    detmold_cdo, detmold
):
    service = OzgService.objects.first()
    kwargs = {
        "actor": detmold_cdo,
        "municipality": detmold,
        "service": service,
        "maturity": 2,
        "state": ImplementationState.IN_PROGRESS,
        "online_since": timezone.localdate(),
    }
    with events.capture() as published:
        status_set(**kwargs)
        status_set(**kwargs)
    assert [e.kind for e in published] == ["ozg.status.created"]
    assert published[0].data["change"].new_maturity == 2
