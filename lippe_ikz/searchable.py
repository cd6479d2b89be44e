"""How a content app makes its records findable by the portal search (app ``search``).

The search app sits on top of every other app and learns what to index only through this
contract. An app's ``AppConfig`` defines a property ``search_types`` returning a list of
``SearchType``; the search app collects them (INSTALLED_APPS order), indexes every object of
each type on ``manage.py rebuild_search_index`` and keeps the index current from the domain
events (``lippe_ikz.events``) and from writes in the Django admin. See docs/architecture.md
("Making an app searchable") for the full rules and an example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class SearchDocument:
    """What one object contributes to the index.

    ``title`` is weighted highest (A), ``extra`` next (B: names, keys, places, people),
    ``body`` lowest (C: descriptions, minutes, Markdown source). ``url`` points at the exact
    place, with an ``#anchor`` when the object is a part of a page. ``municipality_id`` and
    ``date`` feed the facets (Kommune, year) and the date sort.
    """

    title: str
    url: str
    body: str = ""
    extra: str = ""
    municipality_id: int | None = None
    date: dt.date | dt.datetime | None = None


@dataclass(frozen=True)
class SearchType:
    """One kind of search result.

    - ``key``: unique, ``"<app_label>.<name>"`` (stored in the index; renaming means a rebuild).
    - ``label``: the type's name shown in the results and the type facet (gettext_lazy).
    - ``model``: ``"app_label.ModelName"``; the object's primary key must be an integer.
      Several types may share a model (a meeting, its minutes, its decisions).
    - ``document(obj) -> SearchDocument | None``: ``None`` means "not in the index"
      (e.g. an inactive person). Must not query: load what it needs in ``queryset``.
    - ``queryset() -> QuerySet``: every object of the type, with ``select_related`` /
      ``prefetch_related`` for what ``document`` reads (used for the rebuild and to reload
      an object after an event). Default: the model's default manager.
    - ``parents``: names of foreign keys to the objects this one is a part of (a milestone's
      ``"project"``). Any event about a parent re-syncs its parts of this type (new parts are
      added, vanished ones removed), and deleting the parent removes them at once.
    - ``visible(user) -> Q | None``: the rule who may open the object, as a ``Q`` over the
      index row's ``object_id`` / ``municipality_id`` (e.g.
      ``Q(object_id__in=Document.objects.filter(...).values("pk"))``). ``None`` (the default,
      or returned for a user) means every logged-in member may open it. The search applies
      it in SQL, so a result the person may not open is never shown nor counted.
    - ``rebuild_on``: event kinds after which every object of the type is re-indexed
      (bulk writes such as ``"ozg.catalogue.imported"``).
    - ``order``: position in the type facet.
    - ``file(obj) -> FieldFile | None``: an uploaded file whose text (PDF, DOCX, ODT) is
      extracted by a Celery task after the upload and indexed with the object (as body text).
    - ``boost``: the rank is multiplied by it (default 1). The portal gives 1.5 to the things
      a person names when searching (a Kommune, person, project, workshop, meeting, OZG
      service, article, product), so that they come before their parts matching equally.
    """

    key: str
    label: Any
    model: str
    document: Callable[[Any], SearchDocument | None]
    queryset: Callable[[], Any] | None = None
    parents: tuple[str, ...] = ()
    visible: Callable[[Any], Any] | None = None
    rebuild_on: tuple[str, ...] = ()
    order: int = 100
    boost: float = 1.0
    file: Callable[[Any], Any] | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def get_queryset(self):
        if self.queryset is not None:
            return self.queryset()
        return self.model_class._default_manager.all()


def search_types() -> list[SearchType]:
    """Every registered type, in INSTALLED_APPS order (then by ``order``)."""
    found: list[SearchType] = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "search_types", ()))
    keys = [t.key for t in found]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValueError(f"search type keys registered twice: {sorted(duplicates)}")
    return sorted(found, key=lambda t: t.order)


def plain(text: str | None) -> str:
    """Markdown source as plain words for the index (markup and link targets dropped)."""
    if not text:
        return ""
    import re

    text = re.sub(r"\]\([^)]*\)", "]", text)  # [label](url) -> [label]
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"[`*_#>\[\]|~]+", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def join(*parts: Any) -> str:
    """The non-empty parts as one line of text."""
    return " · ".join(str(p) for p in parts if p not in (None, ""))
