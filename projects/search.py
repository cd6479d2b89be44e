"""What projects contributes to the portal search (see lippe_ikz.searchable)."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _projects():
    from projects.models import Project

    return Project.objects.select_related("topic").prefetch_related(
        "participations__municipality", "partners", "awards"
    )


def _lead_id(project) -> int | None:
    lead = project.lead
    return lead.pk if lead else None


def _project(p) -> SearchDocument:
    lead = p.lead
    return SearchDocument(
        title=p.title,
        extra=join(
            p.summary,
            p.topic.name,
            p.get_status_display(),
            lead.name if lead else "",
            ", ".join(x.name for x in p.partners.all()),
            p.funding_programme,
            ", ".join(a.title for a in p.awards.all()),
        ),
        body=plain(p.description),
        url=p.get_absolute_url(),
        municipality_id=lead.pk if lead else None,
        date=p.start_date or p.created_at,
    )


def _parts(model):
    def queryset():
        from projects import models

        return (
            getattr(models, model)
            .objects.select_related("project")
            .prefetch_related("project__participations__municipality")
        )

    return queryset


def _update(u) -> SearchDocument:
    date = formats.date_format(u.created_at, "SHORT_DATE_FORMAT")
    return SearchDocument(
        title=_("%(project)s: status update of %(date)s")
        % {"project": u.project.title, "date": date},
        extra=join(u.get_new_status_display() if u.new_status else ""),
        body=plain(u.text),
        url=f"{u.project.get_absolute_url()}#update-{u.pk}",
        municipality_id=_lead_id(u.project),
        date=u.created_at,
    )


def _milestone(m) -> SearchDocument:
    return SearchDocument(
        title=m.title,
        extra=join(_("Milestone"), m.project.title),
        url=f"{m.project.get_absolute_url()}#meilenstein-{m.pk}",
        municipality_id=_lead_id(m.project),
        date=m.due_date,
    )


def _wishes():
    from projects.models import Wish

    return Wish.objects.select_related("project", "provider", "municipality")


def _wish(w) -> SearchDocument:
    return SearchDocument(
        title=w.title,
        extra=join(w.provider.name, w.project.title, w.get_status_display()),
        body=join(plain(w.description), w.provider_answer),
        url=f"{w.project.get_absolute_url()}#wunsch-{w.pk}",
        municipality_id=w.municipality_id,
        date=w.created_at,
    )


def _document(d) -> SearchDocument:
    return SearchDocument(
        title=d.title,
        extra=join(d.original_name, d.project.title),
        url=f"{d.project.get_absolute_url()}#dokument-{d.pk}",
        municipality_id=_lead_id(d.project),
        date=d.uploaded_at,
    )


def _documents_visible(user):
    # Every member may open a project's documents today (projects.views.document_download).
    # Should downloads be restricted (e.g. to the participating Kommunen), return the rule
    # here as a Q over object_id, e.g.
    # Q(object_id__in=Document.objects.filter(project__participations__municipality__in=…)
    #   .values("pk")).
    return None


SEARCH_TYPES = [
    SearchType(
        "projects.project",
        _("Project"),
        "projects.Project",
        _project,
        _projects,
        order=30,
        boost=1.5,
    ),
    SearchType(
        "projects.status_update",
        _("Status update"),
        "projects.StatusUpdate",
        _update,
        _parts("StatusUpdate"),
        parents=("project",),
        order=31,
    ),
    SearchType(
        "projects.milestone",
        _("Milestone"),
        "projects.Milestone",
        _milestone,
        _parts("Milestone"),
        parents=("project",),
        order=32,
    ),
    SearchType(
        "projects.wish",
        _("Wish to a provider"),
        "projects.Wish",
        _wish,
        _wishes,
        parents=("project",),
        order=33,
    ),
    SearchType(
        "projects.document",
        _("Document"),
        "projects.Document",
        _document,
        _parts("Document"),
        parents=("project",),
        visible=_documents_visible,
        order=34,
        file=lambda d: d.file,
    ),
]
