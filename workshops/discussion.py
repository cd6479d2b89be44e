"""Workshops (their results) and meetings (agenda before, Protokoll after) can be discussed
(see lippe_ikz.discussable); the organiser or host Kommune answers questions."""

from lippe_ikz.discussable import DiscussionTarget


def _workshop_answerers(workshop) -> set[int]:
    return {workshop.organiser_id} if workshop.organiser_id else set()


def _workshop_ids(municipality_ids):
    from workshops.models import Workshop

    return Workshop.objects.filter(organiser_id__in=municipality_ids).values("pk")


def _meeting_answerers(meeting) -> set[int]:
    return {meeting.host_id} if meeting.host_id else set()


def _meeting_ids(municipality_ids):
    from workshops.models import Meeting

    return Meeting.objects.filter(host_id__in=municipality_ids).values("pk")


DISCUSSION_TARGETS = [
    DiscussionTarget("workshops.Workshop", _workshop_answerers, _workshop_ids),
    DiscussionTarget("workshops.Meeting", _meeting_answerers, _meeting_ids),
]
