from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from lippe_ikz import events
from members.models import Membership
from projects.models import Participation
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import ParticipationFactory, ProjectFactory, TopicFactory


@dataclass
class StandInPost:
    """What the contract promises of discussions.Post (the app is built in parallel)."""

    pk: int
    author: object
    target: object
    body: str = "Wie weit ist das Bürgerserviceportal?"
    parent: StandInPost | None = None
    mentioned: list = field(default_factory=list)

    def get_absolute_url(self) -> str:
        return f"{self.target.get_absolute_url()}#beitrag-{self.pk}"


_next_pk = iter(range(1000, 100000))


def publish_post(*, author, target, parent=None, users=(), municipalities=(), body=None):
    post = StandInPost(pk=next(_next_pk), author=author, target=target, parent=parent)
    if body:
        post.body = body
    events.publish(
        "discussions.post.created",
        post,
        actor=author,
        target=target,
        parent=parent,
        mentioned_users=list(users),
        mentioned_municipalities=list(municipalities),
    )
    return post


@pytest.fixture
def project(detmold, lemgo):
    project = ProjectFactory(title="Bürgerserviceportal", slug="buergerserviceportal",
                             topic=TopicFactory(name="OZG", slug="ozg"), lead=detmold)  # fmt: skip
    ParticipationFactory(project=project, municipality=lemgo, role=Participation.Role.PARTICIPANT)
    return project


@pytest.fixture
def lage_cdo(reference_data):
    return MembershipFactory(
        municipality=reference_data["lage"], role=Membership.Role.CDO,
        user=UserFactory(email="cdo.lage@example.org", full_name="Lea Vorlage"),
    ).user  # fmt: skip


@pytest.fixture
def lemgo_staff(lemgo):
    return MembershipFactory(
        municipality=lemgo, role=Membership.Role.STAFF,
        user=UserFactory(email="team.lemgo@example.org", full_name="Tom Team"),
    ).user  # fmt: skip
