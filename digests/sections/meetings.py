"""Meetings and workshop sessions of the next 14 days, with an .ics for each accepted one.

Expected in ``workshops.selectors``:
``meetings_between(*, start, end, municipality_ids=None)`` returning meetings (``pk``,
``__str__``, ``starts_at``, optional ``ends_at`` and ``location``, ``get_absolute_url()``) and
``accepted_meeting_ids(*, person, meeting_ids) -> set`` (one query for all of them).
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.ics import meeting_ics
from digests.sections import Attachment, DigestContext, Item, Section, url_of

LOOKAHEAD = dt.timedelta(days=14)


class MeetingsSection(Section):
    key = "meetings"
    app_label = "workshops"
    order = 10
    needs = ("meetings_between", "accepted_meeting_ids")
    label = gettext_lazy("Meetings of the next 14 days")

    @property
    def title(self) -> str:
        return _("Meetings of the next 14 days")

    def items(self, ctx: DigestContext) -> list[Item]:
        meetings = list(
            self.selector("meetings_between")(
                start=ctx.until, end=ctx.until + LOOKAHEAD, municipality_ids=ctx.municipality_ids
            )
        )[:50]
        accepted = set(
            self.selector("accepted_meeting_ids")(
                person=ctx.person, meeting_ids=[m.pk for m in meetings]
            )
        )
        items = []
        for meeting in meetings:
            url = url_of(meeting)
            attachment = None
            if meeting.pk in accepted:
                attachment = Attachment(
                    f"termin-{meeting.pk}.ics", meeting_ics(meeting, url=url), "text/calendar"
                )
            items.append(
                Item(
                    title=str(meeting),
                    url=url,
                    meta=str(getattr(meeting, "location", "") or ""),
                    when=meeting.starts_at,
                    flag=_("accepted") if meeting.pk in accepted else "",
                    attachment=attachment,
                )
            )
        return items
