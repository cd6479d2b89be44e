"""Permission decisions of the members app.

The network's rule: every member reads everything; a person writes their own profile and
the records of the municipalities they belong to; portal admins (staff) write everything.
Other apps build on `municipality_ids_for`.
"""

from members.models import Membership, Municipality, User


def municipality_ids_for(user: User) -> set[int]:
    """The municipalities whose records this person may write (cached per request object)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_writable_municipality_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, role__in=Membership.WRITING_ROLES).values_list(
                "municipality_id", flat=True
            )
        )
        user._writable_municipality_ids = cached
    return cached


def can_edit_municipality(user: User, municipality: Municipality) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or municipality.pk in municipality_ids_for(user)


def is_admin_or_kreis_coordination(user) -> bool:
    """Admins and the Kreis-Koordination: the network's coordinators (they curate the story,
    handle talk requests and moderate discussions). Cached per request object."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_is_kreis_coordination", None)
    if cached is None:
        cached = Membership.objects.filter(
            user=user, role=Membership.Role.KREIS_COORDINATION
        ).exists()
        user._is_kreis_coordination = cached
    return cached
