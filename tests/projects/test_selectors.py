"""The selector the weekly digest reads (status updates since a watermark, with scope)."""

import datetime as dt

from django.utils import timezone

from projects.selectors import updates_since
from tests.members.factories import UserFactory
from tests.projects.factories import ParticipationFactory, ProjectFactory, StatusUpdateFactory


def test_projects_selector_scope(detmold, lemgo):
    now = timezone.now()
    own = ProjectFactory(lead=lemgo)
    ParticipationFactory(project=own, municipality=detmold)
    StatusUpdateFactory(project=own, created_at=now)
    StatusUpdateFactory(project=ProjectFactory(lead=lemgo), created_at=now)
    since = now - dt.timedelta(hours=1)
    assert updates_since(since).count() == 2
    assert [u.project for u in updates_since(since, municipality_ids=[detmold.pk])] == [own]
    assert updates_since(since, until=now - dt.timedelta(minutes=1)).count() == 0


def test_updates_since_includes_projects_the_person_is_contact_of(detmold, lemgo):
    now = timezone.now()
    person = UserFactory()
    project = ProjectFactory(lead=lemgo)
    project.contacts.add(person)
    StatusUpdateFactory(project=project, created_at=now)
    since = now - dt.timedelta(hours=1)
    assert updates_since(since, municipality_ids=[detmold.pk]).count() == 0
    assert [
        u.project for u in updates_since(since, municipality_ids=[detmold.pk], user=person)
    ] == [project]
