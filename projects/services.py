"""Every write of the projects app. Each function checks the actor's permission itself."""

import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lippe_ikz import events
from lippe_ikz.uploads import inspect_upload
from members.models import Municipality, User
from members.permissions import municipality_ids_for
from members.text import german_slugify
from projects import permissions
from projects.allocation import HUNDRED
from projects.models import (
    Award,
    CostItem,
    CostShare,
    Document,
    Milestone,
    Participation,
    Partner,
    Project,
    ProjectLink,
    StatusUpdate,
    Wish,
    WishVote,
)

PROJECT_FIELDS = {
    "title",
    "summary",
    "description",
    "topic",
    "start_date",
    "planned_end_date",
    "funding_programme",
    "funding_amount",
}


RESERVED_SLUGS = {"neu", "export-csv"}  # paths of the list's own pages


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = german_slugify(title)[:200] or "projekt"
    slug, n = base, 2
    taken = Project.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(project: Project, data: Mapping) -> None:
    for key, value in data.items():
        if key not in PROJECT_FIELDS:
            raise ValueError(f"{key} is not editable here")
        setattr(project, key, value)


def _save_participation(participation: Participation) -> Participation:
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def project_create(
    *,
    actor: User,
    lead_municipality: Municipality,
    data: Mapping,
    partners: Iterable[Partner] = (),
    contacts: Iterable[User] = (),
    status: str = Project.Status.IDEA,
) -> Project:
    """Create a project led by one of the actor's Kommunen, with its first timeline entry."""
    if not permissions.can_create_project(actor):
        raise PermissionDenied
    if not actor.is_staff and lead_municipality.pk not in municipality_ids_for(actor):
        raise PermissionDenied
    project = Project(created_by=actor, status=status)
    _apply(project, data)
    project.slug = _unique_slug(project.title or "")
    project.full_clean()
    project.save()
    project.partners.set(partners)
    project.contacts.set(contacts or [actor])
    _save_participation(
        Participation(project=project, municipality=lead_municipality, role=Participation.Role.LEAD)
    )
    StatusUpdate.objects.create(
        project=project,
        author=actor,
        created_at=timezone.now(),
        text=_("Project created, led by %(lead)s.") % {"lead": lead_municipality.name},
        new_status=status,
    )
    events.publish("projects.project.created", project, actor=actor, lead=lead_municipality)
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    data: Mapping,
    partners: Iterable[Partner] | None = None,
    contacts: Iterable[User] | None = None,
) -> Project:
    """Change the content; the status changes only through `status_update_add`."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    _apply(project, data)
    project.full_clean()
    project.save()
    if partners is not None:
        project.partners.set(partners)
    if contacts is not None:
        project.contacts.set(contacts)
    events.publish("projects.project.changed", project, actor=actor)
    return project


@transaction.atomic
def project_set_details(
    *,
    actor: User,
    project: Project,
    links: list[dict],
    milestones: list[dict],
    awards: list[dict],
) -> None:
    """Replace the project's links, milestones and awards with the given rows."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    for model, rows, related in (
        (ProjectLink, links, project.links),
        (Milestone, milestones, project.milestones),
        (Award, awards, project.awards),
    ):
        related.all().delete()
        for row in rows:
            obj = model(project=project, **row)
            obj.full_clean()
            obj.save()
    events.publish("projects.project.details_changed", project, actor=actor)


@transaction.atomic
def project_delete(*, actor: User, project: Project) -> None:
    if not permissions.can_manage_project(actor, project):
        raise PermissionDenied
    for document in project.documents.all():
        document.file.delete(save=False)
    events.publish("projects.project.deleted", project, actor=actor)
    project.delete()


@transaction.atomic
def participation_add(
    *, actor: User, project: Project, municipality: Municipality, role: str
) -> Participation:
    """Join with one of one's own Kommunen, or (as the lead) add another Kommune."""
    if role == Participation.Role.LEAD:
        raise ValidationError({"role": _("The lead changes through the role of a participant.")})
    own = municipality.pk in permissions.joinable_municipality_ids(actor, project)
    if not own and not permissions.can_manage_project(actor, project):
        raise PermissionDenied
    participation = _save_participation(
        Participation(project=project, municipality=municipality, role=role)
    )
    events.publish(
        "projects.participation.created",
        participation,
        actor=actor,
        project=project,
        municipality=municipality,
    )
    return participation


@transaction.atomic
def participation_set_role(*, actor: User, participation: Participation, role: str) -> None:
    """Only the lead changes roles; naming a new lead makes the old one a participant."""
    project = participation.project
    if not permissions.can_manage_project(actor, project):
        raise PermissionDenied
    if role not in Participation.Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if participation.role == Participation.Role.LEAD and role != Participation.Role.LEAD:
        raise ValidationError(
            {"role": _("Name another lead Kommune first; a project always has a lead.")}
        )
    if role == Participation.Role.LEAD and participation.role != Participation.Role.LEAD:
        for old in project.participations.filter(role=Participation.Role.LEAD):
            old.role = Participation.Role.PARTICIPANT
            _save_participation(old)
    participation.role = role
    _save_participation(participation)
    events.publish(
        "projects.participation.changed",
        participation,
        actor=actor,
        project=project,
        municipality=participation.municipality,
    )


@transaction.atomic
def participation_remove(*, actor: User, participation: Participation) -> None:
    """The lead removes a participant; people of a participating Kommune leave with it."""
    project = participation.project
    if participation.role == Participation.Role.LEAD:
        raise PermissionDenied
    leaving = participation.municipality_id in municipality_ids_for(actor)
    if not leaving and not permissions.can_manage_project(actor, project):
        raise PermissionDenied
    CostShare.objects.filter(
        cost_item__project=project, municipality_id=participation.municipality_id
    ).delete()
    events.publish(
        "projects.participation.deleted",
        participation,
        actor=actor,
        project=project,
        municipality=participation.municipality,
    )
    participation.delete()


@transaction.atomic
def status_update_add(
    *,
    actor: User,
    project: Project,
    text: str,
    new_status: str = "",
    progress: int | None = None,
) -> StatusUpdate:
    """Post to the timeline; a new status or progress is taken over by the project."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    update = StatusUpdate(
        project=project,
        author=actor,
        created_at=timezone.now(),
        text=text,
        previous_status=project.status if new_status else "",
        new_status=new_status or "",
        progress=progress,
    )
    update.full_clean()
    update.save()
    changed = []
    previous_status = project.status
    if new_status and new_status != project.status:
        project.status = new_status
        changed.append("status")
    if progress is not None:
        project.progress = progress
        changed.append("progress")
    project.save(update_fields=[*changed, "updated_at"])
    events.publish("projects.status_update.created", update, actor=actor, project=project)
    if "status" in changed:
        events.publish(
            "projects.project.status_changed",
            project,
            actor=actor,
            previous_status=previous_status,
            new_status=new_status,
            update=update,
        )
    return update


COST_ITEM_FIELDS = {"title", "kind", "amount", "recurrence", "allocation_key", "note"}


def _cost_shares(item: CostItem, percentages: Mapping[int, Decimal] | None) -> dict[int, Decimal]:
    """Check the item and its custom percentages; return the shares to store."""
    item.full_clean()
    sharing = set(
        item.project.participations.filter(role__in=Participation.COST_SHARING_ROLES).values_list(
            "municipality_id", flat=True
        )
    )
    if not sharing:
        raise ValidationError(_("The project has no Kommune to share costs with."))
    if item.allocation_key != CostItem.Key.CUSTOM:
        return {}
    shares = {m: Decimal(p) for m, p in (percentages or {}).items() if p not in (None, "")}
    if set(shares) - sharing:
        raise ValidationError(_("Only Kommunen that share the costs can have a percentage."))
    if any(p < 0 for p in shares.values()):
        raise ValidationError(_("Percentages cannot be negative."))
    total = sum(shares.values(), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            _("The percentages add up to %(total)s %%; they must add up to exactly 100 %%.")
            % {"total": number_format(total, decimal_pos=2, use_l10n=True)},
            code="not_100",
        )
    return shares


def _save_cost_item(item: CostItem, shares: Mapping[int, Decimal]) -> CostItem:
    item.save()
    item.custom_shares.all().delete()
    for municipality_id, percent in shares.items():
        share = CostShare(cost_item=item, municipality_id=municipality_id, percent=percent)
        share.full_clean(exclude=["cost_item"])
        share.save()
    return item


@transaction.atomic
def cost_item_create(
    *,
    actor: User,
    project: Project,
    data: Mapping,
    percentages: Mapping[int, Decimal] | None = None,
) -> CostItem:
    """Add a pooled cost; the custom key needs percentages of the sharing Kommunen (100 %)."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    if set(data) - COST_ITEM_FIELDS:
        raise ValueError(f"{set(data) - COST_ITEM_FIELDS} not editable here")
    item = CostItem(project=project, **data)
    item = _save_cost_item(item, _cost_shares(item, percentages))
    events.publish("projects.cost_item.created", item, actor=actor, project=project)
    return item


@transaction.atomic
def cost_item_update(
    *,
    actor: User,
    cost_item: CostItem,
    data: Mapping,
    percentages: Mapping[int, Decimal] | None = None,
) -> CostItem:
    """Change a cost item; its custom percentages are replaced (and dropped for other keys).

    The shares in euro are not stored: they are computed from the item on every read.
    """
    if not permissions.can_edit_project(actor, cost_item.project):
        raise PermissionDenied
    if set(data) - COST_ITEM_FIELDS:
        raise ValueError(f"{set(data) - COST_ITEM_FIELDS} not editable here")
    for key, value in data.items():
        setattr(cost_item, key, value)
    cost_item = _save_cost_item(cost_item, _cost_shares(cost_item, percentages))
    events.publish("projects.cost_item.changed", cost_item, actor=actor, project=cost_item.project)
    return cost_item


@transaction.atomic
def cost_item_delete(*, actor: User, cost_item: CostItem) -> None:
    if not permissions.can_edit_project(actor, cost_item.project):
        raise PermissionDenied
    events.publish("projects.cost_item.deleted", cost_item, actor=actor, project=cost_item.project)
    cost_item.delete()


@transaction.atomic
def wish_create(
    *,
    actor: User,
    project: Project,
    municipality: Municipality,
    provider: Partner,
    title: str,
    description: str = "",
) -> Wish:
    """A participating Kommune raises a requirement; it supports its own wish at once."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    if not actor.is_staff and municipality.pk not in municipality_ids_for(actor):
        raise PermissionDenied
    wish = Wish(
        project=project,
        provider=provider,
        title=title,
        description=description,
        raised_by=actor,
        municipality=municipality,
    )
    wish.full_clean()
    wish.save()
    WishVote.objects.create(wish=wish, municipality=municipality, user=actor)
    events.publish("projects.wish.created", wish, actor=actor, project=project)
    return wish


@transaction.atomic
def wish_support(*, actor: User, wish: Wish, municipality: Municipality) -> WishVote:
    """Any Kommune supports a wish, once."""
    if not actor.is_staff and municipality.pk not in municipality_ids_for(actor):
        raise PermissionDenied
    vote = WishVote(wish=wish, municipality=municipality, user=actor)
    vote.full_clean()
    vote.save()
    events.publish("projects.wish_vote.created", vote, actor=actor, project=wish.project, wish=wish)
    return vote


@transaction.atomic
def wish_withdraw_support(*, actor: User, wish: Wish, municipality: Municipality) -> None:
    """A Kommune takes its support back; the Kommune that raised the wish keeps supporting it."""
    if not actor.is_staff and municipality.pk not in municipality_ids_for(actor):
        raise PermissionDenied
    if municipality.pk == wish.municipality_id:
        raise ValidationError(
            _("The wish was raised for %(name)s; its support cannot be withdrawn.")
            % {"name": municipality.name}
        )
    deleted, _rows = WishVote.objects.filter(wish=wish, municipality=municipality).delete()
    if not deleted:
        raise ValidationError(
            _("%(name)s does not support this wish.") % {"name": municipality.name}
        )
    events.publish(
        "projects.wish_vote.deleted",
        wish,
        actor=actor,
        project=wish.project,
        wish=wish,
        municipality=municipality,
    )


@transaction.atomic
def wish_set_status(*, actor: User, wish: Wish, status: str, provider_answer: str) -> Wish:
    """The lead records what happened with the wish and the provider's answer."""
    if not permissions.can_manage_project(actor, wish.project):
        raise PermissionDenied
    previous_status = wish.status
    wish.status = status
    wish.provider_answer = provider_answer
    wish.full_clean()
    wish.save()
    events.publish(
        "projects.wish.status_changed" if previous_status != status else "projects.wish.changed",
        wish,
        actor=actor,
        project=wish.project,
        previous_status=previous_status,
    )
    return wish


@transaction.atomic
def document_add(*, actor: User, project: Project, title: str, uploaded_file) -> Document:
    """Store an uploaded document privately after checking size, type and content."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied
    try:
        extension, content_type = inspect_upload(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    document = Document(
        project=project,
        title=title or uploaded_file.name,
        original_name=(uploaded_file.name or "")[-255:],
        extension=extension,
        content_type=content_type,
        size=uploaded_file.size,
        token=secrets.token_hex(16),
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    document.file.save(f"{document.token}.{extension}", uploaded_file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    events.publish("projects.document.created", document, actor=actor, project=project)
    return document


@transaction.atomic
def document_delete(*, actor: User, document: Document) -> None:
    if not permissions.can_edit_project(actor, document.project):
        raise PermissionDenied
    name = document.file.name
    storage = document.file.storage
    events.publish("projects.document.deleted", document, actor=actor, project=document.project)
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
