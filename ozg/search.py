"""What ozg contributes to the portal search (see lippe_ikz.searchable)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lippe_ikz.searchable import SearchDocument, SearchType, join, plain


def _services():
    from ozg.models import OzgService

    return OzgService.objects.select_related("themenfeld", "lebenslage").prefetch_related("leika")


def _service(s) -> SearchDocument | None:
    if s.is_withdrawn:
        return None  # withdrawn from the catalogue: no longer a search result (issue 9, item 4)
    title = f"{s.ozg_id} {s.name}"
    leika = s.leika.all()
    return SearchDocument(
        title=title,
        extra=join(s.lebenslage.name, s.themenfeld.name, *(f"{x.key} {x.name}" for x in leika)),
        url=s.get_absolute_url(),
    )


def _forms():
    from ozg.models import FormTemplate

    return FormTemplate.objects.select_related("service", "owner")


def _form(f) -> SearchDocument:
    return SearchDocument(
        title=f.title,
        extra=join(
            f.get_kind_display(), f.version, f.get_status_display(), f.owner.name, str(f.service)
        ),
        body=plain(f.notes),
        url=f"{f.service.get_absolute_url()}#formular-{f.pk}",
        municipality_id=f.owner_id,
        date=f.updated_at,
    )


def _solution(s) -> SearchDocument:
    return SearchDocument(
        title=s.name,
        extra=join(s.get_kind_display(), s.provider),
        body=plain(s.description),
        url=s.url or reverse("ozg:catalogue"),
    )


SEARCH_TYPES = [
    SearchType(
        "ozg.service",
        _("OZG service"),
        "ozg.OzgService",
        _service,
        _services,
        rebuild_on=("ozg.catalogue.imported",),
        order=50,
        boost=1.5,
    ),
    SearchType(
        "ozg.form",
        _("Uniform form"),
        "ozg.FormTemplate",
        _form,
        _forms,
        parents=("service",),
        order=51,
    ),
    SearchType("ozg.solution", _("Solution"), "ozg.Solution", _solution, order=52),
]
