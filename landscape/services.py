"""Every write of the landscape app. Each function checks the actor's permission itself and
publishes a domain event (``landscape.<entity>.<verb>``) inside its transaction."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from landscape import permissions
from landscape.models import Category, Product, Usage
from lippe_ikz import events
from members.models import Municipality, User
from members.text import german_slugify

PRODUCT_FIELDS = {
    "name", "slug", "category", "vendor", "it_provider", "hosting", "is_open_source", "url",
    "description", "solution",
}  # fmt: skip
USAGE_FIELDS = {
    "product", "since", "contract_end", "notice_months", "licences", "yearly_cost",
    "satisfaction", "comment", "contact", "plans",
}  # fmt: skip


def _check_fields(data: Mapping, allowed: set[str]) -> None:
    extra = set(data) - allowed
    if extra:
        raise ValueError(f"{', '.join(sorted(extra))} not editable here")


def _unique_product_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = german_slugify(name)[:160] or "produkt"
    slug, n = base, 2
    taken = Product.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def category_save(*, actor: User, data: Mapping, category: Category | None = None) -> Category:
    """Create or change a category (admins; the reference data come from `reference.py`)."""
    if not permissions.can_curate_catalogue(actor):
        raise PermissionDenied
    _check_fields(data, {"name", "slug", "description", "position"})
    created = category is None or category.pk is None
    category = category or Category()
    for key, value in data.items():
        setattr(category, key, value)
    if not category.slug:
        category.slug = german_slugify(category.name or "")[:100]
    category.full_clean()
    category._history_user = actor
    category.save()
    events.publish(
        "landscape.category.created" if created else "landscape.category.changed",
        category,
        actor=actor,
    )
    return category


@transaction.atomic
def product_save(*, actor: User, data: Mapping, product: Product | None = None) -> Product:
    """Create a product or change one (admins curate the catalogue)."""
    if not permissions.can_curate_catalogue(actor):
        raise PermissionDenied
    _check_fields(data, PRODUCT_FIELDS)
    created = product is None or product.pk is None
    product = product or Product()
    for key, value in data.items():
        setattr(product, key, value)
    if not product.slug:
        product.slug = _unique_product_slug(product.name or "")
    product.full_clean()
    product._history_user = actor
    product.save()
    events.publish(
        "landscape.product.created" if created else "landscape.product.changed",
        product,
        actor=actor,
    )
    return product


def _check_writer(actor: User, municipality: Municipality) -> None:
    if not permissions.can_edit_landscape(actor, municipality):
        raise PermissionDenied


def _save_usage(*, actor: User, municipality: Municipality, usage: Usage, data: Mapping) -> Usage:
    _check_fields(data, USAGE_FIELDS)
    created = usage.pk is None
    for key, value in data.items():
        setattr(usage, key, value)
    usage.municipality = municipality
    usage.updated_by = actor
    usage.comment = usage.comment or ""
    usage.plans = usage.plans or ""
    usage.full_clean()
    usage._history_user = actor  # who, in simple_history, also outside a request
    usage.save()
    events.publish(
        "landscape.usage.created" if created else "landscape.usage.changed",
        usage,
        actor=actor,
        municipality=municipality,
    )
    return usage


@transaction.atomic
def usage_save(
    *, actor: User, municipality: Municipality, data: Mapping, usage: Usage | None = None
) -> Usage:
    """Record a product a Kommune uses, or change the record."""
    _check_writer(actor, municipality)
    if usage is not None and usage.municipality_id != municipality.pk:
        raise PermissionDenied
    return _save_usage(actor=actor, municipality=municipality, usage=usage or Usage(), data=data)


@transaction.atomic
def usage_delete(*, actor: User, usage: Usage) -> None:
    _check_writer(actor, usage.municipality)
    events.publish(
        "landscape.usage.deleted", usage, actor=actor, municipality=usage.municipality, pk=usage.pk
    )
    usage._history_user = actor
    usage.delete()


@transaction.atomic
def usage_bulk_save(
    *,
    actor: User,
    municipality: Municipality,
    rows: Iterable[tuple[Usage | None, Mapping]],
    delete: Iterable[Usage] = (),
) -> int:
    """The Kommune's whole landscape in one go: all rows are saved or none (returns the count)."""
    _check_writer(actor, municipality)
    count = 0
    for usage in delete:
        if usage.municipality_id != municipality.pk:
            raise PermissionDenied
        events.publish(
            "landscape.usage.deleted", usage, actor=actor, municipality=municipality, pk=usage.pk
        )
        usage._history_user = actor
        usage.delete()
        count += 1
    for usage, data in rows:
        if usage is not None and usage.municipality_id != municipality.pk:
            raise PermissionDenied
        _save_usage(actor=actor, municipality=municipality, usage=usage or Usage(), data=data)
        count += 1
    return count


@transaction.atomic
def usage_import_row(*, actor: User, municipality: Municipality, data: Mapping) -> Usage:
    """One row of an import: the Kommune's record of the product is created or replaced."""
    _check_writer(actor, municipality)
    usage = Usage.objects.filter(municipality=municipality, product=data["product"]).first()
    return _save_usage(actor=actor, municipality=municipality, usage=usage or Usage(), data=data)


def _usage_line(usage: Usage) -> str:
    parts = [f"{usage.municipality.name}: {usage.product.name}"]
    if usage.contract_end:
        parts.append(
            _("contract ends %(date)s")
            % {"date": date_format(usage.contract_end, "SHORT_DATE_FORMAT")}
        )
    if usage.notice_date:
        parts.append(
            _("notice by %(date)s") % {"date": date_format(usage.notice_date, "SHORT_DATE_FORMAT")}
        )
    if usage.plans:
        parts.append(usage.plans)
    return "- " + ", ".join(parts)


@transaction.atomic
def joint_project_create(
    *,
    actor: User,
    lead_municipality: Municipality,
    category: Category,
    usages: Iterable[Usage],
    title: str,
    topic,
):
    """ "Gemeinsames Vorhaben anlegen": a project led by the actor's Kommune through the
    projects app's services, the other Kommunen of the contracts invited with the role
    Interesse, and the contract data written into its description."""
    from projects import services as project_services
    from projects.models import Participation

    if not permissions.can_edit_landscape(actor, lead_municipality):
        raise PermissionDenied
    usages = [u for u in usages if u.product.category_id == category.pk]
    if not usages:
        raise ValidationError(_("Choose at least one contract of the category."))
    lines = "\n".join(_usage_line(u) for u in usages)
    description = _(
        "Joint procurement of %(category)s, started from the software landscape.\n\n"
        "Contracts of the Kommunen:\n\n%(lines)s"
    ) % {"category": category.name, "lines": lines}
    kommunen = sorted({u.municipality.name for u in usages} | {lead_municipality.name})
    project = project_services.project_create(
        actor=actor,
        lead_municipality=lead_municipality,
        data={
            "title": title,
            "summary": (
                _("Joint tender for %(category)s with %(kommunen)s.")
                % {"category": category.name, "kommunen": ", ".join(kommunen)}
            )[:300],
            "description": description,
            "topic": topic,
        },
    )
    invited = set()
    for usage in usages:
        if usage.municipality_id == lead_municipality.pk or usage.municipality_id in invited:
            continue
        project_services.participation_add(
            actor=actor,
            project=project,
            municipality=usage.municipality,
            role=Participation.Role.INTERESTED,
        )
        invited.add(usage.municipality_id)
    events.publish(
        "landscape.joint_project.created",
        project,
        actor=actor,
        category=category,
        municipality=lead_municipality,
        usage_ids=[u.pk for u in usages],
    )
    return project


class ImportRejected(ValidationError):
    """The file was rejected; ``messages`` name the lines. Nothing was written."""


def read_dataset(uploaded_file):
    """A tablib Dataset from an uploaded CSV (`,` or `;`, UTF-8 with or without BOM) or XLSX."""
    import tablib

    name = (uploaded_file.name or "").lower()
    content = uploaded_file.read()
    try:
        if name.endswith(".xlsx"):
            return tablib.Dataset().load(content, format="xlsx")
        text = content.decode("utf-8-sig")
        first = text.splitlines()[0] if text else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same to the user
        raise ImportRejected(
            [_("The file could not be read as CSV (UTF-8) or XLSX: %(error)s") % {"error": exc}]
        ) from exc


@transaction.atomic
def usage_import(*, actor: User, dataset, municipality: Municipality | None = None):
    """Import rows of one Kommune (its people) or of the whole network (admins); all or nothing.

    Raises ImportRejected with one message per problem, each naming its line."""
    from landscape.resources import UsageResource, import_errors

    if municipality is not None:
        _check_writer(actor, municipality)
    elif not permissions.can_import_network(actor):
        raise PermissionDenied
    if not dataset.headers or not len(dataset):
        raise ImportRejected([_("The file contains no rows.")])
    result = UsageResource(municipality=municipality).import_data(dataset, user=actor)
    errors = import_errors(result)
    if errors:
        transaction.set_rollback(True)
        raise ImportRejected(errors)
    return result.totals
