"""New minutes, workshop results and action items, and the person's open and overdue items.

Reads ``workshops.selectors``: ``minutes_and_results_since(*, since)``,
``action_items_since(*, since)`` and ``open_action_items_for(*, user)`` (the overdue ones are
those of them due before today, as ``overdue_action_items_for`` would give them); in a bulk
run ``open_action_items_by_user`` once per chunk of people instead. With the
scope "only mine", the meetings hosted and the workshops organised by the person's Kommunen
and the action items of those Kommunen or of the person.
"""

import importlib

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section


def _in_window(moment, ctx: DigestContext) -> bool:
    return moment is not None and ctx.since < moment <= ctx.until


class WorkshopResultsSection(Section):
    key = "workshop_results"
    app_label = "workshops"
    order = 40
    needs = ("minutes_and_results_since", "action_items_since")
    label = gettext_lazy("Workshop results and action items")

    @property
    def title(self) -> str:
        return _("New workshop results and action items")

    def items(self, ctx: DigestContext) -> list[Item]:
        own = set(ctx.municipality_ids) if ctx.municipality_ids is not None else None
        changed = self.shared(
            ctx, "changed", lambda: self.selector("minutes_and_results_since")(since=ctx.since)
        )
        actions = self.shared(
            ctx, "actions", lambda: self.selector("action_items_since")(since=ctx.since)
        )
        items: list[Item] = []
        for meeting in changed["meetings"]:
            if _in_window(meeting.minutes_updated_at, ctx) and (
                own is None or meeting.host_id in own
            ):
                items.append(Item(title=str(meeting), url=self.link(ctx, meeting),
                                  meta=_("Minutes"), when=meeting.minutes_updated_at))  # fmt: skip
        for workshop in changed["workshops"]:
            if _in_window(workshop.results_updated_at, ctx) and (
                own is None or workshop.organiser_id in own
            ):
                items.append(Item(title=str(workshop), url=self.link(ctx, workshop),
                                  meta=_("Results"), when=workshop.results_updated_at))  # fmt: skip
        for action in actions:
            if not _in_window(action.created_at, ctx):
                continue
            if own is not None and not (
                action.responsible_municipality_id in own
                or action.responsible_person_id == ctx.person.pk
            ):
                continue
            origin = action.workshop or action.meeting
            items.append(
                Item(
                    title=str(action),
                    url=self.link(ctx, action),
                    meta=_("Action item from %(origin)s") % {"origin": origin} if origin else "",
                    when=action.created_at,
                )
            )
        items.sort(key=lambda item: item.when)
        return items[:50]


class MyActionItemsSection(Section):
    key = "my_action_items"
    app_label = "workshops"
    order = 20
    needs = ("open_action_items_for",)
    label = gettext_lazy("My open action items")

    @property
    def title(self) -> str:
        return _("My open and overdue action items")

    def prefetch(self, *, municipality_ids_by_person: dict[int, list[int]]) -> dict | None:
        module = importlib.import_module(f"{self.app_label}.selectors")
        if not hasattr(module, "open_action_items_by_user"):
            return None
        return module.open_action_items_by_user(municipality_ids_by_user=municipality_ids_by_person)

    def items(self, ctx: DigestContext) -> list[Item]:
        today = timezone.localdate(ctx.now)
        # One query: the overdue ones are the open ones due before today (what
        # ``overdue_action_items_for`` reads), in the same order.
        open_items = self.prefetched(ctx)
        if open_items is None:
            open_items = self.selector("open_action_items_for")(user=ctx.person)
        overdue = [a for a in open_items if a.due_date is not None and a.due_date < today]
        overdue_ids = {action.pk for action in overdue}
        rest = [a for a in open_items if a.pk not in overdue_ids]
        items = []
        for action in [*overdue, *rest][:50]:
            items.append(
                Item(
                    title=str(action),
                    url=self.link(ctx, action),
                    meta=str(action.responsible_municipality or ""),
                    when=action.due_date,
                    flag=_("overdue") if action.pk in overdue_ids else "",
                )
            )
        return items
