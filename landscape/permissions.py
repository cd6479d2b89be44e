"""Who may do what with the software landscape.

- Every member reads everything, yearly costs included (the portal has no public landscape
  page; a public page must leave ``yearly_cost`` out).
- People of a Kommune (CDO, deputy, staff, Kreis coordination) write that Kommune's rows.
- Portal admins (staff) curate the catalogue (categories, products) and write every row.
"""

from members.models import Municipality, User
from members.permissions import can_edit_municipality


def _active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_edit_landscape(user: User, municipality: Municipality) -> bool:
    return can_edit_municipality(user, municipality)


def can_curate_catalogue(user: User) -> bool:
    return _active(user) and user.is_staff


def can_import_network(user: User) -> bool:
    return _active(user) and user.is_staff
