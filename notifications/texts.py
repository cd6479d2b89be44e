"""The words for the kinds of activity (translated when shown, not when stored)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTIVITY_VERBS = {
    "post": gettext_lazy("New post"),
    "project_status": gettext_lazy("Status changed"),
    "status_update": gettext_lazy("New status update"),
    "participation": gettext_lazy("Kommune joined"),
    "document": gettext_lazy("New document"),
    "ozg_status": gettext_lazy("OZG status changed"),
    "meeting_moved": gettext_lazy("Meeting moved"),
    "meeting_cancelled": gettext_lazy("Meeting cancelled"),
    "minutes": gettext_lazy("Minutes updated"),
    "workshop_results": gettext_lazy("Results documented"),
    "article_changed": gettext_lazy("Article updated"),
}


def activity_label(verb: str) -> str:
    return str(ACTIVITY_VERBS.get(verb, verb))


MESSAGES = {
    "mention": lambda: _("%(actor)s mentioned you in “%(title)s”"),
    "reply": lambda: _("%(actor)s replied to your post in “%(title)s”"),
    "answer": lambda: _("%(actor)s marked an answer to your question in “%(title)s”"),
    "followed_post": lambda: _("%(actor)s wrote a new post in “%(title)s”"),
    "project_status": lambda: _("The project “%(title)s” now has the status “%(detail)s”"),
    "ozg_status": lambda: _("New status of the OZG service “%(title)s”: %(detail)s"),
    "project_joined": lambda: _("%(detail)s was added to the project “%(title)s”"),
    "meeting_moved": lambda: _("The meeting “%(title)s” was moved to %(detail)s"),
    "meeting_cancelled": lambda: _("The meeting “%(title)s” was cancelled"),
}


def notification_message(notification) -> str:
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.target_title
    return template() % {
        "actor": notification.actor_name or _("A former member"),
        "title": notification.target_title,
        "detail": notification.detail,
    }
