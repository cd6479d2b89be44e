"""OZG status changes of the person's Kommune and of the services it leads.

Expected: ``ozg.selectors.status_changes_between(*, since, until, municipality_ids)`` returning
status records (``__str__``, ``get_absolute_url()``, ``updated_at`` or ``changed_at``,
optionally ``get_status_display()``), including those of services the Kommunen lead.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section, url_of


class OzgStatusSection(Section):
    key = "ozg"
    app_label = "ozg"
    order = 50
    needs = ("status_changes_between",)
    label = gettext_lazy("OZG status changes")

    @property
    def title(self) -> str:
        return _("OZG status changes")

    def items(self, ctx: DigestContext) -> list[Item]:
        if not ctx.own_municipality_ids:
            return []
        changes = self.selector("status_changes_between")(
            since=ctx.since, until=ctx.until, municipality_ids=ctx.own_municipality_ids
        )
        items = []
        for change in list(changes)[:50]:
            status = getattr(change, "get_status_display", None)
            items.append(
                Item(
                    title=str(change),
                    url=url_of(change),
                    meta=status() if callable(status) else "",
                    when=getattr(change, "changed_at", None) or getattr(change, "updated_at", None),
                )
            )
        return items
