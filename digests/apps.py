from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Weekly digests")

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
