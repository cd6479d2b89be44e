"""Who may write what in the workshops app.

Members read everything. People of the organising Kommune (workshop) or the host Kommune
(meeting) and admins edit; each person manages only their own attendance; the responsible
person, the responsible Kommune and the editors of the workshop or meeting update an action
item's status.
"""

from members.permissions import municipality_ids_for


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_write_for_municipality(user, municipality_id: int | None) -> bool:
    if not _active(user):
        return False
    return user.is_staff or municipality_id in municipality_ids_for(user)


def can_create(user) -> bool:
    """May this person create a workshop or meeting at all (for one of their Kommunen)?"""
    return _active(user) and (user.is_staff or bool(municipality_ids_for(user)))


def can_edit_workshop(user, workshop) -> bool:
    return can_write_for_municipality(user, workshop.organiser_id)


def can_edit_meeting(user, meeting) -> bool:
    return can_write_for_municipality(user, meeting.host_id)


def can_edit_origin(user, item) -> bool:
    """Edit rights on the workshop or meeting an action item or attachment belongs to."""
    if item.workshop_id:
        return can_edit_workshop(user, item.workshop)
    return can_edit_meeting(user, item.meeting)


def can_delete_attachment(user, attachment) -> bool:
    """The person who uploaded it, people of the organising or host Kommune, and admins."""
    if not _active(user):
        return False
    return attachment.uploaded_by_id == user.pk or can_edit_origin(user, attachment)


def can_update_action_item(user, item) -> bool:
    if not _active(user):
        return False
    if item.responsible_person_id == user.pk:
        return True
    if can_write_for_municipality(user, item.responsible_municipality_id):
        return True
    return can_edit_origin(user, item)
