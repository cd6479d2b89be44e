"""Meetings and workshop sessions of the next 14 days, with an .ics for each accepted one.

Reads ``workshops.selectors``: ``upcoming_events(*, start, end)`` (meetings and sessions with
``start``, ``location``, ``status``, ``get_absolute_url()``), ``meetings_accepted_by(*, user,
start, end)`` and ``event_ics(item)``; in a bulk run ``accepted_attendees(*, meeting_ids)``
once for everyone instead of ``meetings_accepted_by`` per person. With the scope "only
mine", the events hosted or organised by the person's Kommunen and the meetings the person
accepted.
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import Attachment, DigestContext, Item, Section

LOOKAHEAD = dt.timedelta(days=14)


def _key(event) -> tuple[str, int]:
    return (type(event).__name__, event.pk)


def _host_id(event):
    # Meeting.host_id or WorkshopSession.workshop.organiser_id (select_related by the selector).
    if hasattr(event, "host_id"):
        return event.host_id
    workshop = getattr(event, "workshop", None)
    return getattr(workshop, "organiser_id", None)


class MeetingsSection(Section):
    key = "meetings"
    app_label = "workshops"
    order = 10
    needs = ("upcoming_events", "meetings_accepted_by", "accepted_attendees", "event_ics")
    label = gettext_lazy("Meetings of the next 14 days")

    @property
    def title(self) -> str:
        return _("Meetings of the next 14 days")

    def items(self, ctx: DigestContext) -> list[Item]:
        start, end = ctx.until, ctx.until + LOOKAHEAD
        events = self.shared(
            ctx, "events", lambda: self.selector("upcoming_events")(start=start, end=end)
        )
        if ctx.shared is None:
            accepted = {
                _key(m)
                for m in self.selector("meetings_accepted_by")(
                    user=ctx.person, start=start, end=end
                )
            }
        else:
            accepted = self.shared(ctx, "accepted", lambda: self._accepted_by_person(events))
            accepted = accepted.get(ctx.person.pk, set())
        if ctx.municipality_ids is not None:
            own = set(ctx.municipality_ids)
            events = [e for e in events if _key(e) in accepted or _host_id(e) in own]
        event_ics = self.selector("event_ics")
        items = []
        for event in events[:50]:
            url = self.link(ctx, event)
            cancelled = getattr(event, "is_cancelled", False)
            is_accepted = _key(event) in accepted and not cancelled
            attachment = None
            if is_accepted:
                ics = self.shared(ctx, ("ics", _key(event)), lambda e=event: event_ics(e))
                attachment = Attachment(f"termin-{event.pk}.ics", ics, "text/calendar")
            flag = _("cancelled") if cancelled else (_("accepted") if is_accepted else "")
            items.append(
                Item(
                    title=str(event),
                    url=url,
                    meta=str(getattr(event, "location", "") or ""),
                    when=event.start,
                    flag=flag,
                    attachment=attachment,
                )
            )
        return items

    def _accepted_by_person(self, events) -> dict[int, set[tuple[str, int]]]:
        """What ``meetings_accepted_by`` gives each person, for everyone in one query: the
        planned meetings among the window's events, by the people who accepted them."""
        planned = {e.pk: e for e in events if hasattr(e, "attendances") and e.status == "planned"}
        accepted: dict[int, set[tuple[str, int]]] = {}
        if not planned:
            return accepted
        by_meeting = self.selector("accepted_attendees")(meeting_ids=list(planned))
        for meeting_id, people in by_meeting.items():
            for person in people:
                accepted.setdefault(person.pk, set()).add(_key(planned[meeting_id]))
        return accepted
