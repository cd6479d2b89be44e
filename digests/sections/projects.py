"""Project status updates, read through ``projects.selectors.updates_since``.

``updates_since(since, *, until, municipality_ids, user)`` returns status updates with their
project; with the scope "only mine" it is restricted to the projects the person's Kommunen
lead or take part in and those the person is a contact of.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section


class ProjectUpdatesSection(Section):
    key = "projects"
    app_label = "projects"
    order = 30
    needs = ("updates_since",)
    label = gettext_lazy("Project status updates")

    @property
    def title(self) -> str:
        return _("Project status updates")

    def items(self, ctx: DigestContext) -> list[Item]:
        mine = ctx.municipality_ids is not None

        def read():
            return list(
                self.selector("updates_since")(
                    ctx.since,
                    until=ctx.until,
                    municipality_ids=ctx.municipality_ids,
                    user=ctx.person if mine else None,
                )[:50]
            )

        # The whole network's updates are the same for everyone with this window.
        updates = read() if mine else self.shared(ctx, "network", read)
        items = []
        for update in updates:
            meta = ""
            if update.new_status:
                meta = update.get_new_status_display()
            if update.progress is not None:
                meta = f"{meta}, {update.progress} %" if meta else f"{update.progress} %"
            url = self.link(ctx, update.project)
            items.append(
                Item(
                    title=str(update.project),
                    url=f"{url}#update-{update.pk}" if url else "",
                    meta=meta or _truncate(update.text),
                    when=update.created_at,
                )
            )
        return items


def _truncate(text: str, length: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"
