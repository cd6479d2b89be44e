"""The unread count of the bell in the header: read only when a template shows it (one query
per page at most; none for pages without a logged-in person)."""

from django.utils.functional import cached_property


class UnreadNotifications:
    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        if self.user is None or not self.user.is_authenticated:
            return 0
        from notifications.selectors import unread_count

        return unread_count(self.user)


def unread_notifications(request) -> dict:
    return {"unread_notifications": UnreadNotifications(getattr(request, "user", None))}
