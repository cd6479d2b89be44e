"""What of projects can be discussed (see lippe_ikz.discussable): a project, with its status
updates and wishes discussed on the project's page; its Federführung answers questions."""

from lippe_ikz.discussable import DiscussionTarget


def _answerers(project) -> set[int]:
    from projects.models import Participation

    return set(
        Participation.objects.filter(project=project, role=Participation.Role.LEAD).values_list(
            "municipality_id", flat=True
        )
    )


def _answerable_ids(municipality_ids):
    from projects.models import Participation, Project

    return Project.objects.filter(
        participations__role=Participation.Role.LEAD,
        participations__municipality_id__in=municipality_ids,
    ).values("pk")


DISCUSSION_TARGETS = [DiscussionTarget("projects.Project", _answerers, _answerable_ids)]
