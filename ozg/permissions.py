"""Permission decisions of the OZG app.

- Every member reads everything.
- People of a Kommune (CDO, deputy, staff, Kreis coordination) edit that Kommune's statuses
  and its adoptions of uniform forms.
- People of the lead Kommune (Federführung) of a service edit the service's uniform forms and
  the notes and target date of the assignment.
- Portal admins (staff) edit everything, and only they assign leads and import catalogues.
"""

from members.models import Municipality, User
from members.permissions import can_edit_municipality, municipality_ids_for


def _active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_edit_status(user: User, municipality: Municipality) -> bool:
    return can_edit_municipality(user, municipality)


def can_edit_service_work(user: User, lead_id: int | None) -> bool:
    """Forms and notes of a service: its lead Kommune's people, or admins."""
    if not _active(user):
        return False
    return user.is_staff or (lead_id is not None and lead_id in municipality_ids_for(user))


def can_assign_lead(user: User) -> bool:
    return _active(user) and user.is_staff


def can_import_catalogue(user: User) -> bool:
    return _active(user) and user.is_staff
