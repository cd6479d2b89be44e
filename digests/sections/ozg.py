"""OZG status changes of the person's Kommune and of the services it leads.

Reads ``ozg.selectors.status_changes_since(since, municipality_ids, include_led_services=True)``
(status changes with ``service``, ``municipality``, ``changed_at`` and the maturity labels).
Always restricted to the person's own Kommunen, whatever the scope.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section


class OzgStatusSection(Section):
    key = "ozg"
    app_label = "ozg"
    order = 50
    needs = ("status_changes_since",)
    label = gettext_lazy("OZG status changes")

    @property
    def title(self) -> str:
        return _("OZG status changes")

    def items(self, ctx: DigestContext) -> list[Item]:
        if not ctx.own_municipality_ids:
            return []
        own = frozenset(ctx.own_municipality_ids)
        # Shared by everyone of the same Kommune(n) in a bulk run.
        changes = self.shared(ctx, own, lambda: self._changes(ctx, own))
        items = []
        for change in reversed(changes[:50]):  # the latest 50, oldest first
            new = change.get_new_maturity_display()
            if change.old_maturity is not None and change.old_maturity != change.new_maturity:
                meta = f"{change.get_old_maturity_display()} → {new}"
            else:
                meta = f"{new}, {change.get_new_state_display()}"
            items.append(
                Item(
                    title=f"{change.service.name} ({change.municipality.name})",
                    url=self.link(ctx, change.service),
                    meta=meta,
                    when=change.changed_at,
                )
            )
        return items

    def _changes(self, ctx: DigestContext, own: frozenset[int]) -> list:
        changes = self.selector("status_changes_since")(ctx.since, set(own),
                                                        include_led_services=True)  # fmt: skip
        # The selector's window is [since, …); the digest's is (since, until].
        return [c for c in changes if ctx.since < c.changed_at <= ctx.until]
