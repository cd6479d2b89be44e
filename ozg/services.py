"""Every write of the OZG app. Each function checks its permission (or says who must)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lippe_ikz import events
from lippe_ikz.uploads import inspect_upload
from members.models import Municipality, User
from members.text import german_slugify
from ozg.models import (
    Assignment,
    FormAdoption,
    FormTemplate,
    ImplementationState,
    Lebenslage,
    LeikaService,
    Maturity,
    OzgService,
    ServiceStatus,
    Solution,
    StatusChange,
    Themenfeld,
)
from ozg.permissions import (
    can_assign_lead,
    can_edit_service_work,
    can_edit_status,
    can_import_catalogue,
)
from ozg.reference import Catalogue

BATCH = 500


# --- Catalogue ---------------------------------------------------------------------------------


@dataclass
class CatalogueReport:
    """What an import changed. Lists hold OZG-IDs (renamed: (ozg_id, old name, new name))."""

    created: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    reinstated: list[str] = field(default_factory=list)
    unchanged: int = 0
    leika_changed: list[str] = field(default_factory=list)
    themenfelder_created: list[str] = field(default_factory=list)
    lebenslagen_created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.renamed
            or self.moved
            or self.withdrawn
            or self.reinstated
            or self.leika_changed
            or self.themenfelder_created
            or self.lebenslagen_created
        )

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.renamed)} renamed, {len(self.moved)} moved, "
            f"{len(self.withdrawn)} withdrawn, {len(self.reinstated)} reinstated, "
            f"{self.unchanged} unchanged; LeiKa changed for {len(self.leika_changed)}; "
            f"new Themenfelder {len(self.themenfelder_created)}, "
            f"new Lagen {len(self.lebenslagen_created)}"
        )

    def lines(self) -> list[str]:
        """A readable report, one line per change."""
        out = [self.summary()]
        out += [_("New: %(id)s") % {"id": i} for i in self.created]
        out += [
            _("Renamed: %(id)s %(old)s → %(new)s") % {"id": i, "old": o, "new": n}
            for i, o, n in self.renamed
        ]
        out += [_("Moved to another Themenfeld or Lage: %(id)s") % {"id": i} for i in self.moved]
        out += [_("Withdrawn: %(id)s") % {"id": i} for i in self.withdrawn]
        out += [_("Back in the catalogue: %(id)s") % {"id": i} for i in self.reinstated]
        return out


def _unique_slug(name: str, taken: set[str]) -> str:
    base = german_slugify(name)[:90] or "themenfeld"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def catalogue_import(
    *, catalogue: Catalogue, withdraw_missing: bool = True, actor: User | None = None
) -> CatalogueReport:
    """Bring the stored catalogue in line with a validated one (see ozg.reference).

    Updates names, Themenfeld and Lage; adds new services; marks services missing from the
    file as withdrawn (never deletes, so every recorded status stays); puts a withdrawn
    service that is back into the catalogue again. Idempotent. `actor=None` is the command
    line; a person must be a portal admin.
    """
    if actor is not None and not can_import_catalogue(actor):
        raise PermissionDenied
    now = timezone.now()
    report = CatalogueReport()

    themenfelder = {t.name: t for t in Themenfeld.objects.all()}
    slugs = {t.slug for t in themenfelder.values()}
    for position, name in enumerate(catalogue.themenfelder, start=1):
        themenfeld = themenfelder.get(name)
        if themenfeld is None:
            themenfeld = Themenfeld(name=name, slug=_unique_slug(name, slugs), position=position)
            themenfeld.full_clean(validate_unique=False)
            themenfeld.save()
            themenfelder[name] = themenfeld
            report.themenfelder_created.append(name)
        elif themenfeld.position != position:
            themenfeld.position = position
            themenfeld.save(update_fields=["position"])

    lagen = {lage.name: lage for lage in Lebenslage.objects.all()}
    wanted_lagen = dict(catalogue.lebenslagen)
    for row in catalogue.services:
        wanted_lagen.setdefault(row.lebenslage, row.themenfeld)
    new_lagen, moved_lagen = [], []
    for name, themenfeld_name in wanted_lagen.items():
        themenfeld = themenfelder[themenfeld_name]
        lage = lagen.get(name)
        if lage is None:
            lage = Lebenslage(name=name[:150], themenfeld=themenfeld)
            lage.full_clean(validate_unique=False)
            new_lagen.append(lage)
            report.lebenslagen_created.append(name)
        elif name in dict(catalogue.lebenslagen) and lage.themenfeld_id != themenfeld.pk:
            lage.themenfeld = themenfeld
            moved_lagen.append(lage)
    Lebenslage.objects.bulk_create(new_lagen, batch_size=BATCH)
    Lebenslage.objects.bulk_update(moved_lagen, ["themenfeld"], batch_size=BATCH)
    lagen = {lage.name: lage for lage in Lebenslage.objects.all()}

    existing = {s.ozg_id: s for s in OzgService.objects.all()}
    to_create, to_update = [], []
    for row in catalogue.services:
        themenfeld, lage = themenfelder[row.themenfeld], lagen[row.lebenslage[:150]]
        service = existing.get(row.ozg_id)
        if service is None:
            service = OzgService(
                ozg_id=row.ozg_id,
                name=row.name,
                themenfeld=themenfeld,
                lebenslage=lage,
                leika_types=row.leika_types,
            )
            service.full_clean(validate_unique=False, validate_constraints=False)
            to_create.append(service)
            report.created.append(row.ozg_id)
            continue
        dirty = False
        if service.name != row.name:
            report.renamed.append((row.ozg_id, service.name, row.name))
            service.name, dirty = row.name, True
        if service.themenfeld_id != themenfeld.pk or service.lebenslage_id != lage.pk:
            report.moved.append(row.ozg_id)
            service.themenfeld, service.lebenslage, dirty = themenfeld, lage, True
        if service.leika_types != row.leika_types:
            service.leika_types, dirty = row.leika_types, True
        if service.withdrawn_at is not None:
            report.reinstated.append(row.ozg_id)
            service.withdrawn_at, dirty = None, True
        if dirty:
            service.updated_at = now
            service.full_clean(validate_unique=False, validate_constraints=False)
            to_update.append(service)
        else:
            report.unchanged += 1
    if withdraw_missing:
        in_file = {row.ozg_id for row in catalogue.services}
        for ozg_id, service in existing.items():
            if ozg_id not in in_file and service.withdrawn_at is None:
                service.withdrawn_at = service.updated_at = now
                to_update.append(service)
                report.withdrawn.append(ozg_id)
    OzgService.objects.bulk_create(to_create, batch_size=BATCH)
    OzgService.objects.bulk_update(
        to_update,
        ["name", "themenfeld", "lebenslage", "leika_types", "withdrawn_at", "updated_at"],
        batch_size=BATCH,
    )

    if catalogue.leika is not None:
        report.leika_changed = _replace_leika(catalogue)
    events.publish("ozg.catalogue.imported", report, actor=actor)
    return report


def _replace_leika(catalogue: Catalogue) -> list[str]:
    # Lists, not sets: "nicht im LeiKa" rows may repeat a name.
    wanted: dict[str, list] = {row.ozg_id: [] for row in catalogue.services}
    for row in catalogue.leika:
        wanted[row.ozg_id].append((row.key, row.name, row.typ))
    stored: dict[str, list] = {}
    for ozg_id, key, name, typ in LeikaService.objects.values_list(
        "service__ozg_id", "key", "name", "typ"
    ):
        stored.setdefault(ozg_id, []).append((key, name, typ))
    changed = sorted(i for i, rows in wanted.items() if sorted(stored.get(i, [])) != sorted(rows))
    if not changed:
        return []
    ids = dict(OzgService.objects.filter(ozg_id__in=changed).values_list("ozg_id", "pk"))
    LeikaService.objects.filter(service_id__in=ids.values()).delete()
    LeikaService.objects.bulk_create(
        [
            LeikaService(service_id=ids[ozg_id], key=key, name=name, typ=typ)
            for ozg_id in changed
            for key, name, typ in sorted(wanted[ozg_id])
        ],
        batch_size=BATCH,
    )
    return changed


# --- Status per Kommune ---------------------------------------------------------------------

TRACKED_FIELDS = ("maturity", "state", "online_since", "url", "solution_id", "notes")


def _as_text(field_name: str, value) -> str | int | None:
    """A value of the change log: JSON-safe, readable without the other tables."""
    if value is None or value == "":
        return None
    if field_name == "solution_id":
        return Solution.objects.filter(pk=value).values_list("name", flat=True).first()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def status_set(
    *,
    actor: User,
    municipality: Municipality,
    service: OzgService,
    maturity: int,
    state: str,
    online_since: dt.date | None = None,
    url: str = "",
    solution: Solution | None = None,
    notes: str = "",
) -> ServiceStatus:
    """Record where `service` stands in `municipality`; log the change with who and when.

    Only people of the Kommune (or admins) may do this. A save that changes nothing writes
    nothing.
    """
    if not can_edit_status(actor, municipality):
        raise PermissionDenied
    status = (
        ServiceStatus.objects.select_for_update()
        .filter(municipality=municipality, service=service)
        .first()
    )
    created = status is None
    if created:
        status = ServiceStatus(municipality=municipality, service=service)
        before = None
    else:
        before = {f: getattr(status, f) for f in TRACKED_FIELDS}
    status.maturity = maturity
    status.state = state
    status.online_since = online_since
    status.url = url
    status.solution = solution
    status.notes = notes
    after = {f: getattr(status, f) for f in TRACKED_FIELDS}
    changed = [f for f in TRACKED_FIELDS if before is None or before[f] != after[f]]
    if not changed:
        return status
    status.updated_by = actor
    status.full_clean(validate_unique=False, validate_constraints=created)
    status.save()
    change = StatusChange.objects.create(
        status=status,
        municipality=municipality,
        service=service,
        old_maturity=None if before is None else before["maturity"],
        new_maturity=status.maturity,
        old_state="" if before is None else before["state"],
        new_state=status.state,
        changed_fields=[f.removesuffix("_id") for f in changed],
        values={
            f.removesuffix("_id"): [
                None if before is None else _as_text(f, before[f]),
                _as_text(f, after[f]),
            ]
            for f in changed
        },
        changed_by=actor,
        changed_at=timezone.now(),
    )
    events.publish(
        "ozg.status.created" if created else "ozg.status.changed",
        status,
        actor=actor,
        municipality=municipality,
        service=service,
        change=change,
    )
    return status


@transaction.atomic
def status_quick_set(
    *, actor: User, municipality: Municipality, service: OzgService, maturity: int, state: str
) -> ServiceStatus:
    """Inline editing of Reifegrad and state only; keeps the other fields of the status."""
    current = ServiceStatus.objects.filter(municipality=municipality, service=service).first()
    return status_set(
        actor=actor,
        municipality=municipality,
        service=service,
        maturity=maturity,
        state=state,
        online_since=current.online_since if current else None,
        url=current.url if current else "",
        solution=current.solution if current else None,
        notes=current.notes if current else "",
    )


@transaction.atomic
def status_bulk_set(
    *,
    actor: User,
    municipality: Municipality,
    items: list[tuple[OzgService, int, str]],
) -> int:
    """Set Reifegrad and state of many services of one Kommune at once: all or nothing.

    Each row goes through `status_set`, so every change is logged; unchanged rows write
    nothing, and an unrecorded service left at 0 / not started stays unrecorded.
    Returns the number of statuses changed.
    """
    if not can_edit_status(actor, municipality):
        raise PermissionDenied
    current = {
        s.service_id: s
        for s in ServiceStatus.objects.filter(
            municipality=municipality, service__in=[service for service, _m, _s in items]
        ).select_related("solution")
    }
    changed = 0
    for service, maturity, state in items:
        before = current.get(service.pk)
        if before is not None and (before.maturity, before.state) == (maturity, state):
            continue
        if before is None and (maturity, state) == (
            Maturity.OFFLINE,
            ImplementationState.NOT_STARTED,
        ):
            continue  # the form's default for "nothing recorded": keep it unrecorded
        status_set(
            actor=actor,
            municipality=municipality,
            service=service,
            maturity=maturity,
            state=state,
            online_since=before.online_since if before else None,
            url=before.url if before else "",
            solution=before.solution if before else None,
            notes=before.notes if before else "",
        )
        changed += 1
    return changed


class StatusImportError(ValidationError):
    """The file was rejected; `messages` name the lines. Nothing was written."""


@transaction.atomic
def status_import(*, actor: User, dataset, dry_run: bool = False):
    """Import statuses from a tablib Dataset (see ozg.imports): admins only, all or nothing.

    Every row goes through `status_set` (change log with who and when). Raises
    StatusImportError with one message per problem, each naming its line.
    """
    from ozg.imports import StatusImportResource, import_errors

    if not can_import_catalogue(actor):
        raise PermissionDenied
    result = StatusImportResource().import_data(dataset, dry_run=dry_run, user=actor)
    errors = import_errors(result)
    if errors:
        raise StatusImportError(errors)
    return result


# --- Division of labour ---------------------------------------------------------------------


@transaction.atomic
def assignment_set(
    *,
    actor: User,
    lead: Municipality,
    service: OzgService | None = None,
    themenfeld: Themenfeld | None = None,
    supporters: list[Municipality] = (),
    notes: str = "",
    target_date: dt.date | None = None,
) -> Assignment:
    """Assign the lead Kommune (and supporters) of a service or a Themenfeld. Admins only."""
    if not can_assign_lead(actor):
        raise PermissionDenied
    if (service is None) == (themenfeld is None):
        raise ValidationError(_("Assign either one OZG service or one Themenfeld."))
    lookup = {"service": service} if service is not None else {"themenfeld": themenfeld}
    assignment = Assignment.objects.filter(**lookup).first() or Assignment(**lookup)
    assignment.lead = lead
    assignment.notes = notes
    assignment.target_date = target_date
    assignment.full_clean(validate_unique=False)
    assignment.save()
    assignment.supporters.set([m for m in supporters if m.pk != lead.pk])
    events.publish("ozg.assignment.changed", assignment, actor=actor)
    return assignment


@transaction.atomic
def assignment_update_notes(
    *, actor: User, assignment: Assignment, notes: str, target_date: dt.date | None
) -> Assignment:
    """The lead Kommune's people (or admins) keep the notes and the target date."""
    if not can_edit_service_work(actor, assignment.lead_id):
        raise PermissionDenied
    assignment.notes = notes
    assignment.target_date = target_date
    assignment.full_clean(validate_unique=False)
    assignment.save()
    events.publish("ozg.assignment.changed", assignment, actor=actor)
    return assignment


# --- Uniform forms --------------------------------------------------------------------------

FORM_FIELDS = ("title", "kind", "link", "file", "version", "status", "notes")


@transaction.atomic
def form_template_save(
    *,
    actor: User,
    service: OzgService,
    lead_id: int | None,
    data: dict,
    form: FormTemplate | None = None,
) -> FormTemplate:
    """Create or change a uniform form of a service: its lead Kommune's people, or admins.

    The owning Kommune is the lead Kommune (an admin may pass `owner` in `data`).
    """
    if not can_edit_service_work(actor, lead_id):
        raise PermissionDenied
    form = form or FormTemplate(service=service)
    if form.service_id != service.pk:
        raise PermissionDenied
    if data.get("file"):
        inspect_upload(data["file"])  # type by content, size limit: like every upload
    for key in FORM_FIELDS:
        if key in data and not (key == "file" and not data[key]):
            setattr(form, key, data[key])
    owner = data.get("owner") if actor.is_staff else None
    if owner is not None:
        form.owner = owner
    elif form.owner_id is None:
        if lead_id is None:
            raise ValidationError(_("The service has no lead Kommune yet."))
        form.owner_id = lead_id
    if not form.link and not form.file:
        raise ValidationError(_("Give a link or upload a file."))
    created = form.pk is None
    form.full_clean()
    form.save()
    events.publish(
        "ozg.form_template.created" if created else "ozg.form_template.changed",
        form,
        actor=actor,
        service=service,
    )
    return form


@transaction.atomic
def form_adopt(
    *,
    actor: User,
    form: FormTemplate,
    municipality: Municipality,
    adopted_on: dt.date | None = None,
) -> FormAdoption:
    """Record that `municipality` uses the current version of `form`."""
    if not can_edit_status(actor, municipality):
        raise PermissionDenied
    adoption = FormAdoption.objects.filter(form=form, municipality=municipality).first()
    adoption = adoption or FormAdoption(form=form, municipality=municipality)
    adoption.version = form.version
    adoption.adopted_on = adopted_on or timezone.localdate()
    adoption.full_clean(validate_unique=False)
    adoption.save()
    events.publish("ozg.form_adoption.changed", adoption, actor=actor, form=form)
    return adoption


__all__ = [
    "CatalogueReport",
    "ImplementationState",
    "assignment_set",
    "assignment_update_notes",
    "catalogue_import",
    "form_adopt",
    "form_template_save",
    "StatusImportError",
    "status_bulk_set",
    "status_import",
    "status_quick_set",
    "status_set",
]
