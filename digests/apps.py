from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Weekly digests")

    @property
    def user_navigation(self):
        from lippe_ikz.panels import NavItem

        return [
            NavItem(
                _("Digest settings"), "digests:preferences", "/digest/einstellungen/", order=20
            ),  # fmt: skip
        ]

    def dashboard_panels(self, request):
        """A dashboard section that shows the person's digest settings and links to them."""
        from digests import selectors
        from lippe_ikz.panels import Panel

        if not request.user.is_authenticated:
            return []
        preference = selectors.preference_for(request.user)
        return [
            Panel(
                "digests/panel.html",
                {"preference": preference, "schedule": selectors.digest_schedule(preference)},
                order=80,
            )
        ]

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from digests import privacy

        return privacy.personal_data(person)

    def anonymise(self, *, person, actor):
        from digests import privacy

        privacy.anonymise(person=person, actor=actor)

    def apply_retention(self, *, now):
        from digests import privacy

        return privacy.apply_retention(now=now)
