"""Contracts of the person's Kommunen whose notice date is near (software landscape).

Reads ``landscape.selectors.notice_dates_near(municipality_ids, on=date, days=120)`` (usages
with ``product``, ``municipality``, ``contract_end`` and ``notice_date``). Always restricted
to the person's own Kommunen, whatever the scope; the items link to the procurement windows.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section
from lippe_ikz.links import absolute_url

NOTICE_DAYS = 120


class LandscapeNoticeSection(Section):
    key = "landscape_notices"
    app_label = "landscape"
    order = 55
    needs = ("notice_dates_near",)
    label = gettext_lazy("Notice dates of my Kommune")

    @property
    def title(self) -> str:
        return _("Notice dates of my Kommune")

    def items(self, ctx: DigestContext) -> list[Item]:
        if not ctx.own_municipality_ids:
            return []
        own = frozenset(ctx.own_municipality_ids)
        today = ctx.now.date()
        usages = self.shared(
            ctx,
            (own, today),
            lambda: self.selector("notice_dates_near")(set(own), on=today, days=NOTICE_DAYS),
        )
        url = absolute_url(reverse("landscape:windows"))
        return [
            Item(
                title=f"{usage.product.name} ({usage.municipality.name})",
                url=url,
                meta=_("notice by %(date)s, contract ends %(end)s")
                % {
                    "date": date_format(usage.notice_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(usage.contract_end, "SHORT_DATE_FORMAT"),
                },
            )
            for usage in usages[:50]
        ]
