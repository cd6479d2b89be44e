from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The portal search. Sits on top of every app; learns about them only through their
    ``search_types`` (lippe_ikz.searchable) and their domain events."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import admin_hook

        admin_hook.connect()

    def handle_event(self, event) -> None:
        from search.indexing import handle_event

        handle_event(event)
