from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Municipalities and members")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from members.privacy import record_login

        # Django's update_last_login saves the account, which would add a row to its change
        # history at every login: a login log kept as long as the account. Ours does not.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(record_login, dispatch_uid="members_record_login")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [
            NavItem(_("Overview"), "dashboard", "/", order=0),
            NavItem(_("Kommunen"), "members:municipality_list", "/kommunen/", order=10),
            NavItem(_("People"), "members:person_list", "/personen/", order=90),
        ]

    @property
    def user_navigation(self):
        from lippe_ikz.panels import NavItem

        return [NavItem(_("My profile"), "members:profile", "/profil/", order=0)]

    def load_reference_data(self, *, stdout) -> None:
        """Called by `manage.py load_reference_data` (see members.reference)."""
        from members.reference import load_municipalities

        load_municipalities(stdout=stdout)

    def seed_demo(self, *, stdout) -> None:
        """Called by `manage.py seed_demo`, before every later app's seeding."""
        from members.demo import seed_members

        seed_members(stdout=stdout)

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from members.search import SEARCH_TYPES

        return SEARCH_TYPES

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from members import privacy

        return privacy.personal_data(person)

    def hand_over(self, *, person, successor, actor):
        from members import privacy

        return privacy.hand_over(person=person, successor=successor, actor=actor)

    def anonymise(self, *, person, actor):
        from members import privacy

        privacy.anonymise(person=person, actor=actor)

    def apply_retention(self, *, now):
        from members import privacy

        return privacy.apply_retention(now=now)
