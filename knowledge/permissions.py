"""Who may read and write what in the knowledge app.

Members read everything published (and archived); a draft is seen only by the people of the
article's Kommune, its owner, its author and admins. The people of the article's Kommune, its
owner and its author edit it; the owner (and admins) archive it. The network's story is
edited by admins and the Kreis-Koordination; the public sees story items marked public.
"""

from members.permissions import is_admin_or_kreis_coordination, municipality_ids_for


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_read_article(user, article) -> bool:
    if not _active(user):
        return False
    if article.status != article.Status.DRAFT:
        return True
    return can_edit_article(user, article)


def can_create_article(user) -> bool:
    return _active(user) and (user.is_staff or bool(municipality_ids_for(user)))


def can_edit_article(user, article) -> bool:
    if not _active(user):
        return False
    return (
        user.is_staff
        or article.municipality_id in municipality_ids_for(user)
        or article.owner_id == user.pk
        or (article.created_by_id is not None and article.created_by_id == user.pk)
    )


def can_archive_article(user, article) -> bool:
    return _active(user) and (user.is_staff or article.owner_id == user.pk)


def can_write_for_municipality(user, municipality_id) -> bool:
    if not _active(user):
        return False
    return user.is_staff or municipality_id in municipality_ids_for(user)


def is_coordinator(user) -> bool:
    """Admins and the Kreis-Koordination edit the story and handle talk requests."""
    return is_admin_or_kreis_coordination(user)
