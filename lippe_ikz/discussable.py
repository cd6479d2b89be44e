"""How a content app makes its objects discussable (app ``discussions``).

The discussions app sits on top of the content apps and learns which objects carry a thread
only through this contract. An app's ``AppConfig`` defines a property ``discussion_targets``
returning a list of ``DiscussionTarget``; the thread appears on the object's detail page
through the ``object_panels`` hook (lippe_ikz.panels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class DiscussionTarget:
    """One kind of discussable object.

    - ``model``: ``"app_label.ModelName"`` (integer primary key, ``get_absolute_url``).
    - ``answerers(obj) -> set[int]``: the Kommunen whose people may mark a reply as the answer
      to a question (project Federführung, OZG lead Kommune, organiser, article's Kommune).
    - ``answerable_ids(municipality_ids) -> QuerySet``: ``values("pk")`` of the objects those
      Kommunen answer for (the list of open questions on their dashboard).
    - ``can_view(user, obj) -> bool``: who may read the object (and so its thread). ``None``
      (the default) means every active member.
    - ``visible_ids(user) -> QuerySet | None``: the same rule in SQL (``values("pk")`` of the
      objects the person may open), used by the search; ``None`` means all.
    """

    model: str
    answerers: Callable[[Any], set[int]]
    answerable_ids: Callable[[set[int]], Any]
    can_view: Callable[[Any, Any], bool] | None = None
    visible_ids: Callable[[Any], Any] | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)


def discussion_targets() -> list[DiscussionTarget]:
    found: list[DiscussionTarget] = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "discussion_targets", ()))
    return found


def target_for_model(model) -> DiscussionTarget | None:
    label = model._meta.concrete_model._meta.label_lower
    return next((t for t in discussion_targets() if t.model.lower() == label), None)
