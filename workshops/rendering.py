"""The rows of the /termine/ tables built in Python: the upcoming meetings are not paginated
(3,333 rows in the NRW benchmark), and a template loop resolving six variables and five date
filters per row cost ~90 % of the page (see docs/benchmarks.md). The markup is that of the
former loop in `workshops/partials/event_table.html`; every value is escaped."""

from html import escape

from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lippe_ikz.links import link_maker
from workshops.models import Meeting, WorkshopSession

# Separates the parts of one combined date format (not a format character, never in output).
SEP = "\x1f"


def event_rows(events) -> SafeString:
    """The <tr> of each meeting or workshop part, in the active language's formats."""
    if not events:
        return mark_safe("")
    day_format = SEP.join(("D", get_format("DATE_FORMAT")))
    time_format = get_format("TIME_FORMAT")
    days: dict = {}
    times: dict = {}

    def day(local) -> tuple[str, str]:
        """Short weekday and date, formatted once per day."""
        key = local.date()
        if key not in days:
            days[key] = tuple(escape(p) for p in DateFormat(local).format(day_format).split(SEP))
        return days[key]

    def time(local) -> str:
        """The time, formatted once per time of day (and UTC offset)."""
        key = (local.time(), local.utcoffset())
        if key not in times:
            times[key] = escape(DateFormat(local).format(time_format))
        return times[key]

    meeting_url = link_maker("workshops:meeting_detail", "pk")
    meeting_ics = link_maker("workshops:meeting_ics", "pk")
    session_ics = link_maker("workshops:session_ics", "pk")
    workshop_url = link_maker("workshops:workshop_detail")
    kinds = {value: escape(str(label)) for value, label in Meeting.Kind.choices}
    workshop_kind = escape(str(_("workshop")))
    cancelled = f' <strong class="portal-tag">{escape(_("cancelled"))}</strong>'
    online = escape(_("online"))
    download = escape(_("Download .ics"))
    localtime = timezone.localtime
    rows = []
    for e in events:
        if isinstance(e, WorkshopSession):
            workshop = e.workshop
            title = escape(f"{workshop.title}: {e.title}")
            url = f"{workshop_url(escape(workshop.slug))}#teil-{e.pk}"
            ics = session_ics(e.pk)
            kind = workshop_kind
            host = escape(workshop.organiser.name)
        else:
            title = escape(e.title)
            url = meeting_url(e.pk)
            ics = meeting_ics(e.pk)
            kind = kinds.get(e.kind) or escape(str(e.kind))
            host = escape(e.host.name)
        start, end = localtime(e.start), localtime(e.end)
        weekday, date = day(start)
        place = escape(e.location) if e.location else ""
        if e.online_url:
            place += f"<br>{online}" if e.location else online
        rows.append(
            '<tr class="kern-table__row">'
            f'<td class="kern-table__cell"><time datetime="{start.isoformat()}">'
            f"{weekday}, {date}<br>{time(start)}–{time(end)}"
            "</time></td>"
            f'<th class="kern-table__cell" scope="row"><a class="kern-link" href="{url}">'
            f"{title}</a>{cancelled if e.is_cancelled else ''}</th>"
            f'<td class="kern-table__cell">{kind}</td>'
            f'<td class="kern-table__cell">{host}</td>'
            f'<td class="kern-table__cell">{place}</td>'
            f'<td class="kern-table__cell"><a class="kern-link" href="{ics}" download>{download}'
            f'<span class="visually-hidden">: {title}, {date}</span></a></td>'
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
