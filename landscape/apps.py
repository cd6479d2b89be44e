from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandscapeConfig(AppConfig):
    name = "landscape"
    verbose_name = _("Software landscape")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [NavItem(_("Software landscape"), "landscape:overview", "/software/", order=55)]

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from landscape.search import SEARCH_TYPES

        return SEARCH_TYPES

    def load_reference_data(self, *, stdout) -> None:
        """Called by `manage.py load_reference_data`: the software categories."""
        from landscape.reference import load_categories

        load_categories(stdout=stdout)

    def seed_demo(self, *, stdout) -> None:
        """Called by `manage.py seed_demo`: products and usages of all 17 Kommunen (demo)."""
        from landscape.demo import seed_landscape

        seed_landscape(stdout=stdout)

    def municipality_panels(self, request, municipality):
        from landscape import selectors
        from landscape.permissions import can_edit_landscape
        from lippe_ikz.panels import Panel

        context = selectors.municipality_summary(municipality=municipality)
        context["can_edit"] = can_edit_landscape(request.user, municipality)
        return [Panel("landscape/panels/municipality.html", context, order=55)]

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from landscape import privacy

        return privacy.personal_data(person)

    def hand_over(self, *, person, successor, actor):
        from landscape import privacy

        return privacy.hand_over(person=person, successor=successor, actor=actor)
