from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages and accessibility feedback")

    def load_reference_data(self, *, stdout) -> None:
        from legal.services import legal_pages_ensure

        created = legal_pages_ensure()
        stdout.write(f"Legal pages: {created} created, existing texts kept")

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from legal import privacy

        return privacy.personal_data(person)

    def anonymise(self, *, person, actor):
        from legal import privacy

        privacy.anonymise(person=person, actor=actor)

    def apply_retention(self, *, now):
        from legal import privacy

        return privacy.apply_retention(now=now)
