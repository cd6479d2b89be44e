from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Shared projects")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [NavItem(_("Projects"), "projects:list", "/projekte/", order=20)]

    def dashboard_panels(self, request):
        from lippe_ikz.panels import Panel
        from projects.selectors import latest_updates_for, wishes_to_support

        return [
            Panel(
                "projects/panels/todo_wishes.html",
                wishes_to_support(user=request.user),
                order=40,
                slot="todo",
            ),
            Panel(
                "projects/panels/dashboard_updates.html",
                {"updates": latest_updates_for(request.user)},
                order=20,
            ),
        ]

    def municipality_panels(self, request, municipality):
        from lippe_ikz.panels import Panel
        from projects.selectors import projects_of_municipality

        return [
            Panel(
                "projects/panels/municipality_projects.html",
                {
                    "municipality": municipality,
                    "participations": projects_of_municipality(municipality),
                },
                order=20,
            )
        ]

    def load_reference_data(self, *, stdout) -> None:
        from projects.demo import load_topics

        load_topics(stdout=stdout)

    def seed_demo(self, *, stdout) -> None:
        from projects.demo import seed_projects

        seed_projects(stdout=stdout)

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from projects.search import SEARCH_TYPES

        return SEARCH_TYPES

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from projects import privacy

        return privacy.personal_data(person)

    def hand_over(self, *, person, successor, actor):
        from projects import privacy

        return privacy.hand_over(person=person, successor=successor, actor=actor)

    @property
    def discussion_targets(self):
        """What of this app can be discussed (lippe_ikz.discussable)."""
        from projects.discussion import DISCUSSION_TARGETS

        return DISCUSSION_TARGETS
