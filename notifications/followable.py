"""Which items can be followed, and how they are named in URLs and texts."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

# model label → what the button says it is; a model of an app that is not installed is left out.
FOLLOWABLE = {
    "projects.project": _("project"),
    "ozg.ozgservice": _("OZG service"),
    "workshops.meeting": _("meeting"),
    "workshops.workshop": _("workshop"),
    "knowledge.article": _("knowledge article"),
}


def is_followable(obj) -> bool:
    meta = getattr(obj, "_meta", None)
    return meta is not None and meta.label_lower in FOLLOWABLE and obj.pk is not None


def content_type_for_label(label: str) -> ContentType | None:
    """The content type of a followable model label ("projects.project"), or None."""
    if label not in FOLLOWABLE:
        return None
    app_label, model = label.split(".", 1)
    if not apps.is_installed(app_label):
        return None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None


def find(content_type: ContentType, pk: int, *, user):
    """The followable item the person may see, or None (drafts of knowledge articles are only
    visible to some; everything else is readable by the whole network)."""
    model = content_type.model_class()
    queryset = model._default_manager.all()
    if model._meta.label_lower == "knowledge.article":
        from knowledge.selectors import visible_articles

        queryset = visible_articles(user)
    return queryset.filter(pk=pk).first()
