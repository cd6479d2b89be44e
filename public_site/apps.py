from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Events after which the public caches are stale (see public.cache).
CATALOGUE_EVENTS = {"ozg.catalogue.imported"}
STATUS_EVENTS = {"ozg.status.created", "ozg.status.changed"}
MUNICIPALITY_EVENTS = {"members.municipality.created", "members.municipality.changed"}
# The network's story and talks (knowledge app): the API's /netzwerk/ and /termine/.
NETWORK_EVENT_PREFIXES = ("knowledge.story_entry.", "knowledge.talk.")


class PublicConfig(AppConfig):
    """Public OZG pages, open data and the read-only API, on top of members and ozg."""

    name = "public_site"
    label = "public"
    verbose_name = _("Public pages and API")

    def handle_event(self, event) -> None:
        from public_site import cache

        if event.kind in CATALOGUE_EVENTS:
            cache.bump_all()
        elif event.kind in STATUS_EVENTS:
            cache.bump(event.data.get("municipality") or event.obj.municipality)
        elif event.kind in MUNICIPALITY_EVENTS:
            cache.bump(event.obj)
        elif event.kind.startswith(NETWORK_EVENT_PREFIXES):
            cache.bump_network()
        elif event.app_label == "public" and event.entity in {"publication", "exception"}:
            cache.bump(event.data["municipality"])

    def municipality_panels(self, request, municipality):
        from lippe_ikz.panels import Panel
        from public_site import selectors

        return [
            Panel(
                "public/panels/municipality.html",
                selectors.publication_panel(municipality=municipality, user=request.user),
                order=55,
            )
        ]

    def profile_panels(self, request):
        from lippe_ikz.panels import Panel
        from public_site import selectors

        return [
            Panel(
                "public/panels/profile.html",
                {"tokens": selectors.tokens_of(request.user)},
                order=80,
            )
        ]

    def seed_demo(self, *, stdout) -> None:
        from public_site.demo import seed_public

        seed_public(stdout=stdout)

    # --- privacy (lippe_ikz/privacy.py) ---------------------------------------------------

    def personal_data(self, person):
        from public_site import privacy

        return privacy.personal_data(person)

    def anonymise(self, *, person, actor):
        from public_site import privacy

        privacy.anonymise(person=person, actor=actor)
