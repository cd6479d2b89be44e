"""Who may do what with a project.

Every member reads everything. CDOs, deputies and staff (and the Kreis coordination) create
projects, led by one of their Kommunen. People of the participating Kommunen edit the content
and post updates; only the lead Kommune changes roles, removes participants, answers wishes
or deletes. Portal admins do everything.
"""

from members.models import User
from members.permissions import municipality_ids_for
from projects.models import Participation, Project


def _active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def participant_ids(project: Project) -> dict[int, str]:
    """municipality id → role (uses prefetched participations when present)."""
    return {p.municipality_id: p.role for p in project.participations.all()}


def can_create_project(user: User) -> bool:
    return _active(user) and (user.is_staff or bool(municipality_ids_for(user)))


def can_edit_project(user: User, project: Project) -> bool:
    if not _active(user):
        return False
    return user.is_staff or bool(municipality_ids_for(user) & participant_ids(project).keys())


def can_manage_project(user: User, project: Project) -> bool:
    """Lead rights: roles, removing participants, answering wishes, deleting."""
    if not _active(user):
        return False
    if user.is_staff:
        return True
    lead = {m for m, role in participant_ids(project).items() if role == Participation.Role.LEAD}
    return bool(municipality_ids_for(user) & lead)


def joinable_municipality_ids(user: User, project: Project) -> set[int]:
    """The user's Kommunen that do not take part yet."""
    if not _active(user):
        return set()
    return municipality_ids_for(user) - participant_ids(project).keys()


def leavable_participations(user: User, project: Project) -> list[Participation]:
    """The user's Kommunen that take part without leading (a lead hands over first)."""
    if not _active(user):
        return []
    mine = municipality_ids_for(user)
    return [
        p
        for p in project.participations.all()
        if p.municipality_id in mine and p.role != Participation.Role.LEAD
    ]
