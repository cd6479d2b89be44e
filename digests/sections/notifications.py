"""Diskussionen: the person's notifications of the window that they neither read in the portal
nor got by email (mentions and answers are emailed at once; everything else waits here).

Reads ``notifications.selectors``: ``digest_notifications_for(*, person, since, until)``; in a
bulk run ``digest_notifications_by_person(*, person_ids, since)`` once per chunk instead.
"""

import datetime as dt
import importlib

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section
from lippe_ikz.links import absolute_url

# A bulk run reads this far back for everyone; each person's own window is applied after.
PREFETCH_LOOKBACK = dt.timedelta(days=35)


class DiscussionsSection(Section):
    key = "discussions"
    app_label = "notifications"
    order = 15
    needs = ("digest_notifications_for",)
    label = gettext_lazy("Discussions and notifications")

    @property
    def title(self) -> str:
        return _("Discussions")

    def prefetch(self, *, municipality_ids_by_person: dict[int, list[int]]) -> dict | None:
        module = importlib.import_module(f"{self.app_label}.selectors")
        if not hasattr(module, "digest_notifications_by_person"):
            return None
        since = timezone.now() - PREFETCH_LOOKBACK
        rows = module.digest_notifications_by_person(
            person_ids=list(municipality_ids_by_person), since=since
        )
        return {pk: (since, person_rows) for pk, person_rows in rows.items()}

    def items(self, ctx: DigestContext) -> list[Item]:
        prefetched = self.prefetched(ctx)
        if prefetched is not None and ctx.since >= prefetched[0]:
            rows = [n for n in prefetched[1] if ctx.since < n.created_at <= ctx.until]
        else:  # no bulk run, or a window reaching further back than the bulk read
            rows = self.selector("digest_notifications_for")(
                person=ctx.person, since=ctx.since, until=ctx.until
            )
        return [
            Item(
                title=n.message,
                url=absolute_url(n.get_absolute_url()),
                meta=n.detail if n.kind in ("mention", "reply", "answer", "followed_post") else "",
                when=n.created_at,
            )
            for n in rows[:50]
        ]
