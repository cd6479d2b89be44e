from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops and meetings")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [
            NavItem(_("Meetings"), "workshops:event_list", "/termine/", order=35),
            NavItem(_("Workshops"), "workshops:workshop_list", "/workshops/", order=30),
        ]

    @property
    def user_navigation(self):
        from lippe_ikz.panels import NavItem

        return [
            NavItem(
                _("My action items"),
                "workshops:my_action_items",
                "/workshops/massnahmen/",
                order=10,
            ),  # fmt: skip
            NavItem(
                _("Calendar subscription"),
                "workshops:calendar_feed_manage",
                "/termine/kalender-abo/",
                order=40,
            ),  # fmt: skip
        ]

    def dashboard_panels(self, request):
        """ "Meine Maßnahmen" and the next meetings on the dashboard."""
        from lippe_ikz.panels import Panel
        from workshops import selectors

        return [
            Panel(
                "workshops/panels/todo_action_items.html",
                {"action_items": selectors.open_action_items_for(user=request.user)},
                order=10,
                slot="todo",
            ),
            Panel(
                "workshops/panels/todo_replies.html",
                selectors.meetings_awaiting_reply(user=request.user),
                order=20,
                slot="todo",
            ),
            Panel(
                "workshops/panels/dashboard.html",
                {"events": selectors.next_meetings(limit=3)},
                order=40,
            ),
        ]

    def municipality_panels(self, request, municipality):
        """The Kommune's open action items and its meetings on its page."""
        from lippe_ikz.panels import Panel
        from workshops import selectors

        return [
            Panel(
                "workshops/panels/municipality.html",
                {
                    "municipality": municipality,
                    "action_items": selectors.municipality_action_items(municipality=municipality),
                    "events": selectors.municipality_events(municipality=municipality),
                },
                order=40,
            )
        ]

    def profile_panels(self, request):
        """The personal calendar subscription, managed from the profile page."""
        from lippe_ikz.panels import Panel

        return [Panel("workshops/panels/profile.html", {}, order=40)]

    def seed_demo(self, *, stdout) -> None:
        """Called by `manage.py seed_demo` after members (idempotent)."""
        from workshops.demo import seed_workshops

        seed_workshops(stdout=stdout)

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from workshops.search import SEARCH_TYPES

        return SEARCH_TYPES

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from workshops import privacy

        return privacy.personal_data(person)

    def hand_over(self, *, person, successor, actor):
        from workshops import privacy

        return privacy.hand_over(person=person, successor=successor, actor=actor)

    def anonymise(self, *, person, actor):
        from workshops import privacy

        privacy.anonymise(person=person, actor=actor)

    @property
    def discussion_targets(self):
        """What of this app can be discussed (lippe_ikz.discussable)."""
        from workshops.discussion import DISCUSSION_TARGETS

        return DISCUSSION_TARGETS
