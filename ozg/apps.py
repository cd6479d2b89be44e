from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OzgConfig(AppConfig):
    name = "ozg"
    verbose_name = _("OZG implementation")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [NavItem(_("OZG"), "ozg:catalogue", "/ozg/", order=50)]

    def load_reference_data(self, *, stdout) -> None:
        """Called by `manage.py load_reference_data`: the OZG catalogue from ozg/data."""
        from ozg.reference import load_catalogue

        load_catalogue(stdout=stdout)

    def seed_demo(self, *, stdout) -> None:
        """Called by `manage.py seed_demo`: division of labour, statuses and forms (demo)."""
        from ozg.demo import seed_ozg

        seed_ozg(stdout=stdout)

    def municipality_panels(self, request, municipality):
        from lippe_ikz.panels import Panel
        from ozg import selectors

        return [
            Panel(
                "ozg/panels/municipality.html",
                selectors.municipality_progress(municipality=municipality, user=request.user),
                order=50,
            )
        ]

    def dashboard_panels(self, request):
        from lippe_ikz.panels import Panel
        from ozg import selectors

        return [
            Panel(
                "ozg/panels/todo_upkeep.html",
                selectors.upkeep_for(user=request.user),
                order=30,
                slot="todo",
            ),  # fmt: skip
            Panel("ozg/panels/dashboard.html", selectors.network_summary(), order=50),
        ]

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from ozg.search import SEARCH_TYPES

        return SEARCH_TYPES

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from ozg import privacy

        return privacy.personal_data(person)

    @property
    def discussion_targets(self):
        """What of this app can be discussed (lippe_ikz.discussable)."""
        from ozg.discussion import DISCUSSION_TARGETS

        return DISCUSSION_TARGETS
