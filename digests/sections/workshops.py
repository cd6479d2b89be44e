"""New workshop results and action items, and the person's own open and overdue action items.

Expected in ``workshops.selectors``:
``results_between(*, since, until, municipality_ids=None)`` (results and new action items,
each with ``__str__``, ``created_at``, ``get_absolute_url()``) and
``open_action_items_for(*, user)`` (action items with ``__str__``, ``due_date`` or None,
``get_absolute_url()``; wired to the real workshops app).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section, url_of


class WorkshopResultsSection(Section):
    key = "workshop_results"
    app_label = "workshops"
    order = 40
    needs = ("results_between",)
    label = gettext_lazy("Workshop results and action items")

    @property
    def title(self) -> str:
        return _("New workshop results and action items")

    def items(self, ctx: DigestContext) -> list[Item]:
        results = self.selector("results_between")(
            since=ctx.since, until=ctx.until, municipality_ids=ctx.municipality_ids
        )
        return [
            Item(
                title=str(result),
                url=url_of(result),
                meta=str(getattr(result, "workshop", "") or ""),
                when=getattr(result, "created_at", None),
            )
            for result in list(results)[:50]
        ]


class MyActionItemsSection(Section):
    key = "my_action_items"
    app_label = "workshops"
    order = 20
    needs = ("open_action_items_for",)
    label = gettext_lazy("My open action items")

    @property
    def title(self) -> str:
        return _("My open and overdue action items")

    def items(self, ctx: DigestContext) -> list[Item]:
        today = timezone.localdate(ctx.now)
        items = []
        for action in list(self.selector("open_action_items_for")(user=ctx.person))[:50]:
            due = getattr(action, "due_date", None)
            items.append(
                Item(
                    title=str(action),
                    url=url_of(action),
                    when=due,
                    flag=_("overdue") if due and due < today else "",
                )
            )
        return items
