from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data export, offboarding and retention (DSGVO), on top of every content app: it learns
    about their records only through the hooks in lippe_ikz/privacy.py."""

    name = "privacy"
    verbose_name = _("Privacy")

    def profile_panels(self, request):
        from django.conf import settings

        from lippe_ikz.panels import Panel
        from privacy import selectors, services

        export = selectors.latest_export(request.user)
        context = {
            "latest": export,
            "download_url": services.export_url(export) if export and export.is_available else "",
            "valid_days": settings.DATA_EXPORT_VALID_DAYS,
        }
        return [Panel("privacy/profile_panel.html", context, order=90)]

    def dashboard_panels(self, request):
        from lippe_ikz.panels import Panel

        if not request.user.is_staff:
            return []
        return [Panel("privacy/dashboard_panel.html", {}, order=95)]

    def anonymise(self, *, person, actor):
        from privacy import services

        services.data_exports_delete(person=person)

    def apply_retention(self, *, now):
        from privacy import services

        return services.retention_own(now=now)
