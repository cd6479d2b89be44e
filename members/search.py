"""What members contributes to the portal search (see lippe_ikz.searchable)."""

from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _municipality(m) -> SearchDocument:
    return SearchDocument(
        title=m.name,
        extra=join(m.get_kind_display(), f"AGS {m.ags}", m.website),
        body=plain(m.description),
        url=m.get_absolute_url(),
        municipality_id=m.pk,
    )


def _people():
    from members.models import Membership

    return Membership.objects.select_related("user", "municipality")


def _person(ms) -> SearchDocument | None:
    if not ms.user.is_active:
        return None
    return SearchDocument(
        title=ms.user.full_name or ms.user.email,
        extra=join(ms.get_role_display(), ms.municipality.name, ms.user.job_title, ms.motto),
        body=ms.responsibilities,
        url=f"{ms.municipality.get_absolute_url()}#person-{ms.pk}",
        municipality_id=ms.municipality_id,
    )


SEARCH_TYPES = [
    SearchType(
        "members.municipality",
        _("Kommune"),
        "members.Municipality",
        _municipality,
        order=10,
        boost=1.5,
    ),
    SearchType(
        "members.person",
        _("Person"),
        "members.Membership",
        _person,
        queryset=_people,
        parents=("user", "municipality"),
        order=20,
        boost=1.5,
    ),
]
