from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def handle_event(self, event) -> None:
        """Turn the content apps' and the discussions' events into notifications, follows and
        the activity of "Neu seit Ihrem letzten Besuch" (lippe_ikz.events)."""
        from notifications.handlers import handle

        handle(event)

    def object_panels(self, request, obj):
        """The "Folgen" / "Nicht mehr folgen" button on a followable item's page."""
        from lippe_ikz.panels import Panel
        from notifications import followable, selectors

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not followable.is_followable(obj):
            return []
        return [
            Panel(
                "notifications/panels/follow.html",
                {
                    "obj": obj,
                    "label": obj._meta.label_lower,
                    "kind": followable.FOLLOWABLE[obj._meta.label_lower],
                    "following": selectors.is_following(user=user, obj=obj),
                    "next": request.get_full_path(),
                },
                order=10,
            )
        ]

    def dashboard_panels(self, request):
        """ "Neu seit Ihrem letzten Besuch" (the visit is recorded here, every 30 min at most)."""
        from django.utils import timezone

        from lippe_ikz.panels import Panel
        from members.permissions import municipality_ids_for
        from notifications import selectors, services

        if not request.user.is_authenticated:
            return []
        visit = services.visit_record(person=request.user)
        since = visit.previous_visit_at or (timezone.now() - selectors.NEW_SINCE_FALLBACK)
        news = selectors.new_since(
            user=request.user,
            since=since,
            municipality_ids=list(municipality_ids_for(request.user)),
        )
        return [
            Panel(
                "notifications/panels/dashboard.html",
                {**news, "since": since, "first_visit": visit.previous_visit_at is None},
                order=5,
            )
        ]

    def profile_panels(self, request):
        from lippe_ikz.panels import Panel
        from notifications import selectors

        return [
            Panel(
                "notifications/panels/profile.html",
                {"preference": selectors.preference_for(request.user)},
                order=50,
            )
        ]

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from notifications import privacy

        return privacy.personal_data(person)

    def anonymise(self, *, person, actor):
        from notifications import services

        services.anonymise(person=person)

    def apply_retention(self, *, now):
        from notifications import services

        return services.retention_apply(now=now)
