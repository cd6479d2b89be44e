"""The person's knowledge articles whose review is due ("zuletzt geprüft am" too long ago).

Reads ``knowledge.selectors``: ``overdue_articles_for(*, user, today)``; in a bulk run
``overdue_articles_by_user(*, user_ids, today)`` once per chunk of people instead.
"""

import importlib

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section


class OverdueArticlesSection(Section):
    key = "knowledge_review"
    app_label = "knowledge"
    order = 65
    needs = ("overdue_articles_for",)
    label = gettext_lazy("My articles due for review")

    @property
    def title(self) -> str:
        return _("My knowledge articles due for review")

    def prefetch(self, *, municipality_ids_by_person: dict[int, list[int]]) -> dict | None:
        module = importlib.import_module(f"{self.app_label}.selectors")
        if not hasattr(module, "overdue_articles_by_user"):
            return None
        return module.overdue_articles_by_user(user_ids=list(municipality_ids_by_person))

    def items(self, ctx: DigestContext) -> list[Item]:
        today = timezone.localdate(ctx.now)
        articles = self.prefetched(ctx)
        if articles is None:
            articles = self.selector("overdue_articles_for")(user=ctx.person, today=today)
        return [
            Item(
                title=str(article),
                url=self.link(ctx, article),
                meta=_("last reviewed %(date)s")
                % {"date": article.last_reviewed_at.strftime("%d.%m.%Y")},
                when=article.last_reviewed_at,
                flag=_("overdue"),
            )
            for article in articles[:50]
        ]
