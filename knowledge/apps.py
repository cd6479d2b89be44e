from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    @property
    def navigation(self):
        from lippe_ikz.panels import NavItem

        return [NavItem(_("Knowledge"), "knowledge:article_list", "/wissen/", order=45)]

    @property
    def search_types(self):
        """What the portal search finds of this app (lippe_ikz.searchable)."""
        from knowledge.search import SEARCH_TYPES

        return SEARCH_TYPES

    def dashboard_panels(self, request):
        """The person's articles due for review."""
        from knowledge import selectors
        from lippe_ikz.panels import Panel

        overdue = selectors.overdue_articles_for(user=request.user)
        if not overdue:
            return []
        return [Panel("knowledge/panels/dashboard.html", {"articles": overdue}, order=45)]

    def municipality_panels(self, request, municipality):
        from knowledge import selectors
        from lippe_ikz.panels import Panel

        return [
            Panel(
                "knowledge/panels/municipality.html",
                {
                    "municipality": municipality,
                    **selectors.municipality_knowledge(municipality=municipality),
                },
                order=45,
            )
        ]

    def profile_panels(self, request):
        from knowledge import selectors
        from lippe_ikz.panels import Panel

        return [
            Panel(
                "knowledge/panels/profile.html",
                {"expertise": selectors.expertise_of(user=request.user)},
                order=45,
            )
        ]

    def object_panels(self, request, obj):
        """Articles linked to a project, workshop, meeting or OZG service."""
        from knowledge import selectors
        from lippe_ikz.panels import Panel

        user = getattr(request, "user", None)
        if getattr(obj, "_meta", None) is None or user is None:
            return []
        articles = selectors.articles_linked_to(obj=obj, user=user)
        if articles is None:
            return []
        relation = selectors.LINK_FIELDS[obj._meta.label_lower]
        context = {"articles": articles, "obj": obj, "link_query": f"{relation}={obj.pk}"}
        return [Panel("knowledge/panels/object.html", context, order=60)]

    def seed_demo(self, *, stdout) -> None:
        from knowledge.demo import seed_knowledge

        seed_knowledge(stdout=stdout)

    @property
    def discussion_targets(self):
        """What of this app can be discussed (lippe_ikz.discussable)."""
        from knowledge.discussion import DISCUSSION_TARGETS

        return DISCUSSION_TARGETS

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from knowledge import privacy

        return privacy.personal_data(person)

    def hand_over(self, *, person, successor, actor):
        from knowledge import privacy

        return privacy.hand_over(person=person, successor=successor, actor=actor)

    def anonymise(self, *, person, actor):
        from knowledge import privacy

        privacy.anonymise(person=person, actor=actor)
