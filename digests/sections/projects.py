"""Project status updates, read through ``projects.selectors.status_updates_between``.

Expected: ``status_updates_between(*, since, until, municipality_ids=None)`` returning status
updates (``__str__``, ``created_at``, ``get_absolute_url()``; optionally ``project`` and
``get_status_display()``); ``municipality_ids`` restricts to projects those Kommunen lead or
take part in.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section, url_of


class ProjectUpdatesSection(Section):
    key = "projects"
    app_label = "projects"
    order = 30
    needs = ("status_updates_between",)
    label = gettext_lazy("Project status updates")

    @property
    def title(self) -> str:
        return _("Project status updates")

    def items(self, ctx: DigestContext) -> list[Item]:
        updates = self.selector("status_updates_between")(
            since=ctx.since, until=ctx.until, municipality_ids=ctx.municipality_ids
        )
        items = []
        for update in list(updates)[:50]:
            project = getattr(update, "project", None)
            status = getattr(update, "get_status_display", None)
            items.append(
                Item(
                    title=str(project) if project is not None else str(update),
                    url=url_of(update) or url_of(project),
                    meta=status() if callable(status) else str(update),
                    when=getattr(update, "created_at", None),
                )
            )
        return items
