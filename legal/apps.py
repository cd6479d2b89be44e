from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages and accessibility feedback")

    def load_reference_data(self, *, stdout) -> None:
        from legal.services import legal_pages_ensure

        created = legal_pages_ensure()
        stdout.write(f"Legal pages: {created} created, existing texts kept")
