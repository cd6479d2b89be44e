"""What workshops contributes to the portal search (see lippe_ikz.searchable)."""

from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _workshops():
    from workshops.models import Workshop

    return Workshop.objects.select_related("organiser")


def _workshop(w) -> SearchDocument:
    return SearchDocument(
        title=w.title,
        extra=join(w.organiser.name, w.partner, w.funding),
        body=join(plain(w.goal), plain(w.preparation_notes)),
        url=w.get_absolute_url(),
        municipality_id=w.organiser_id,
        date=w.created_at,
    )


def _results(w) -> SearchDocument | None:
    if not w.results.strip():
        return None
    return SearchDocument(
        title=_("Results documentation: %(title)s") % {"title": w.title},
        extra=join(w.organiser.name, w.partner),
        body=plain(w.results),
        url=f"{w.get_absolute_url()}#ergebnisse",
        municipality_id=w.organiser_id,
        date=w.results_updated_at or w.created_at,
    )


def _sessions():
    from workshops.models import WorkshopSession

    return WorkshopSession.objects.select_related("workshop__organiser")


def _session(s) -> SearchDocument:
    title = str(s)
    if s.is_cancelled:
        title = f"{title} ({_('cancelled')})"
    return SearchDocument(
        title=title,
        extra=join(s.location, s.workshop.organiser.name),
        body=plain(s.agenda),
        url=s.get_absolute_url(),
        municipality_id=s.workshop.organiser_id,
        date=s.start,
    )


def _action_items():
    from workshops.models import ActionItem

    return ActionItem.objects.select_related(
        "workshop", "meeting", "responsible_municipality", "responsible_person"
    )


def _action_item(a) -> SearchDocument:
    person = a.responsible_person
    return SearchDocument(
        title=a.title,
        extra=join(
            _("Action item"),
            a.get_status_display(),
            a.responsible_municipality.name,
            person.full_name if person else "",
            a.origin.title,
        ),
        body=plain(a.description),
        url=a.get_absolute_url(),
        municipality_id=a.responsible_municipality_id,
        date=a.due_date or a.created_at,
    )


def _meetings():
    from workshops.models import Meeting

    return Meeting.objects.select_related("host").prefetch_related("agenda_items")


def _meeting(m) -> SearchDocument:
    title = m.title
    if m.is_cancelled:
        title = f"{title} ({_('cancelled')})"
    return SearchDocument(
        title=title,
        extra=join(m.get_kind_display(), m.host.name, m.location),
        body=join(plain(m.description), *(a.title for a in m.agenda_items.all())),
        url=m.get_absolute_url(),
        municipality_id=m.host_id,
        date=m.start,
    )


def _minutes(m) -> SearchDocument | None:
    if not m.minutes.strip():
        return None
    return SearchDocument(
        title=_("Minutes: %(title)s") % {"title": m.title},
        extra=m.host.name,
        body=plain(m.minutes),
        url=f"{m.get_absolute_url()}#protokoll",
        municipality_id=m.host_id,
        date=m.start,
    )


def _decisions(m) -> SearchDocument | None:
    if not m.decisions.strip():
        return None
    return SearchDocument(
        title=_("Decisions: %(title)s") % {"title": m.title},
        extra=m.host.name,
        body=plain(m.decisions),
        url=f"{m.get_absolute_url()}#beschluesse",
        municipality_id=m.host_id,
        date=m.start,
    )


def _agenda_items():
    from workshops.models import AgendaItem

    return AgendaItem.objects.select_related("meeting")


def _agenda_item(a) -> SearchDocument:
    return SearchDocument(
        title=a.title,
        extra=join(_("Agenda item"), a.presenter, a.meeting.title),
        url=f"{a.meeting.get_absolute_url()}#top-{a.pk}",
        municipality_id=a.meeting.host_id,
        date=a.meeting.start,
    )


def _attachments():
    from workshops.models import Attachment

    return Attachment.objects.select_related("workshop", "meeting")


def _attachment(a) -> SearchDocument:
    origin = a.origin
    return SearchDocument(
        title=a.original_name,
        extra=join(_("Attachment"), origin.title),
        url=f"{origin.get_absolute_url()}#anhang-{a.pk}",
        municipality_id=getattr(origin, "organiser_id", None) or getattr(origin, "host_id", None),
        date=a.uploaded_at,
    )


SEARCH_TYPES = [
    SearchType(
        "workshops.workshop",
        _("Workshop"),
        "workshops.Workshop",
        _workshop,
        _workshops,
        order=40,
        boost=1.5,
    ),
    SearchType(
        "workshops.session",
        _("Workshop part"),
        "workshops.WorkshopSession",
        _session,
        _sessions,
        parents=("workshop",),
        order=41,
    ),
    SearchType(
        "workshops.results",
        _("Results documentation"),
        "workshops.Workshop",
        _results,
        _workshops,
        order=42,
    ),
    SearchType(
        "workshops.action_item",
        _("Action item"),
        "workshops.ActionItem",
        _action_item,
        _action_items,
        parents=("workshop", "meeting"),
        order=43,
    ),
    SearchType(
        "workshops.meeting",
        _("Meeting"),
        "workshops.Meeting",
        _meeting,
        _meetings,
        order=44,
        boost=1.5,
    ),
    SearchType(
        "workshops.agenda_item",
        _("Agenda item"),
        "workshops.AgendaItem",
        _agenda_item,
        _agenda_items,
        parents=("meeting",),
        order=45,
    ),
    SearchType(
        "workshops.minutes", _("Minutes"), "workshops.Meeting", _minutes, _meetings, order=46
    ),
    SearchType(
        "workshops.decisions", _("Decisions"), "workshops.Meeting", _decisions, _meetings, order=47
    ),
    SearchType(
        "workshops.attachment",
        _("Attachment"),
        "workshops.Attachment",
        _attachment,
        _attachments,
        parents=("workshop", "meeting"),
        order=48,
        file=lambda a: a.file,
    ),
]
