"""OZG services can be discussed (see lippe_ikz.discussable): questions to the lead Kommune."""

from django.db.models import Q

from lippe_ikz.discussable import DiscussionTarget


def _answerers(service) -> set[int]:
    from ozg.selectors import lead_id_for

    lead_id = lead_id_for(service)
    return {lead_id} if lead_id is not None else set()


def _answerable_ids(municipality_ids):
    from ozg.models import Assignment, OzgService

    own = Assignment.objects.filter(service__isnull=False)
    led_themenfelder = Assignment.objects.filter(
        themenfeld__isnull=False, lead_id__in=municipality_ids
    ).values("themenfeld_id")
    return OzgService.objects.filter(
        Q(assignment__lead_id__in=municipality_ids)
        | (Q(themenfeld_id__in=led_themenfelder) & ~Q(pk__in=own.values("service_id")))
    ).values("pk")


DISCUSSION_TARGETS = [DiscussionTarget("ozg.OzgService", _answerers, _answerable_ids)]
