from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    """Threads on the network's shared objects. Sits on top of the content apps and reaches
    them only through their ``discussion_targets`` (lippe_ikz.discussable)."""

    name = "discussions"
    verbose_name = _("Discussions")

    def object_panels(self, request, obj):
        """The thread of a discussable object, below its own sections (order 200)."""
        from discussions import selectors
        from lippe_ikz.discussable import target_for_model
        from lippe_ikz.panels import Panel

        user = getattr(request, "user", None)
        if user is None or getattr(obj, "_meta", None) is None or obj.pk is None:
            return []
        if target_for_model(obj.__class__) is None:
            return []
        context = selectors.thread_context(target=obj, user=user)
        return [Panel("discussions/panels/thread.html", context, order=200)]

    def dashboard_panels(self, request):
        """Open questions older than a week that the person's Kommune should answer."""
        from discussions import selectors
        from lippe_ikz.panels import Panel

        questions = selectors.open_questions_for(user=request.user)
        if not questions:
            return []
        return [Panel("discussions/panels/open_questions.html", {"questions": questions}, order=55)]

    @property
    def search_types(self):
        from discussions.search import SEARCH_TYPES

        return SEARCH_TYPES

    def personal_data(self, person):
        from discussions import privacy

        return privacy.personal_data(person)

    def seed_demo(self, *, stdout) -> None:
        from discussions.demo import seed_discussions

        seed_discussions(stdout=stdout)
