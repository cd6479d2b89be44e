"""Every write of the knowledge app; each checks its permission and publishes an event."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge import permissions
from knowledge.models import (
    Adoption,
    AdoptionItem,
    Article,
    ArticleFile,
    ChecklistItem,
    Expertise,
    Revision,
    StoryEntry,
    Talk,
    TalkRequest,
    TemplateUsage,
)
from lippe_ikz import events
from lippe_ikz.uploads import inspect_upload
from members.models import Membership, User
from members.text import german_slugify

ARTICLE_FIELDS = {"kind", "title", "summary", "body", "municipality", "owner", "review_interval"}
ARTICLE_M2M = ("topics", "contacts", "projects", "workshops", "meetings", "services")
TEXT_FIELDS = ("title", "summary", "body")
RESERVED_SLUGS = {"neu"}


class StaleRevision(Exception):
    """The article was saved by someone else since the editor opened it."""

    def __init__(self, current: Revision | None):
        super().__init__("stale revision")
        self.current = current


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = german_slugify(title)[:200] or "beitrag"
    if base in RESERVED_SLUGS:
        base = f"{base}-beitrag"
    slug, n = base, 2
    qs = Article.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_m2m(article: Article, m2m: dict) -> None:
    for name in ARTICLE_M2M:
        if name in m2m:
            getattr(article, name).set(m2m[name])


def _add_revision(article: Article, *, actor, note: str) -> Revision:
    article.revision_number += 1
    revision = Revision(
        article=article,
        number=article.revision_number,
        title=article.title,
        summary=article.summary,
        body=article.body,
        note=note[:300],
        author=actor,
    )
    revision.full_clean()
    revision.save()
    Article.objects.filter(pk=article.pk).update(revision_number=article.revision_number)
    return revision


def _sync_items(article: Article, lines: list[str] | None) -> None:
    """Keep items whose text stayed (their ticks stay too), add new ones, drop removed ones."""
    if lines is None:
        return
    wanted = [line.strip()[:300] for line in lines if line.strip()]
    existing = {item.text: item for item in article.items.all()}
    keep = set()
    for order, text in enumerate(wanted):
        item = existing.get(text)
        if item is None:
            item = ChecklistItem(article=article, order=order, text=text)
            item.full_clean()
            item.save()
        elif item.order != order:
            item.order = order
            item.save(update_fields=["order"])
        keep.add(item.pk)
    article.items.exclude(pk__in=keep).delete()


@transaction.atomic
def article_create(
    *,
    actor: User,
    data: dict,
    m2m: dict | None = None,
    items: list[str] | None = None,
    note: str = "",
    publish: bool = False,
) -> Article:
    if not permissions.can_create_article(actor):
        raise PermissionDenied
    article = Article(created_by=actor, **{k: v for k, v in data.items() if k in ARTICLE_FIELDS})
    if article.municipality_id and not permissions.can_write_for_municipality(
        actor, article.municipality_id
    ):
        raise PermissionDenied
    article.status = Article.Status.PUBLISHED if publish else Article.Status.DRAFT
    article.slug = _unique_slug(article.title or "")
    article.full_clean()
    article.save()
    _set_m2m(article, m2m or {})
    _sync_items(article, items)
    _add_revision(article, actor=actor, note=note or _("First version"))
    events.publish(
        "knowledge.article.created", article, actor=actor, municipality=article.municipality
    )
    return article


@transaction.atomic
def article_update(
    *,
    actor: User,
    article: Article,
    base_revision: int,
    data: dict,
    m2m: dict | None = None,
    items: list[str] | None = None,
    note: str = "",
) -> Article:
    """Save a new revision. Refused with StaleRevision if someone saved since `base_revision`
    (optimistic locking: nothing is overwritten, the caller shows both texts)."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not permissions.can_edit_article(actor, locked):
        raise PermissionDenied
    if locked.revision_number != base_revision:
        raise StaleRevision(locked.revisions.select_related("author").first())
    new_municipality = data.get("municipality")
    if (
        new_municipality is not None
        and new_municipality.pk != locked.municipality_id
        and not permissions.can_write_for_municipality(actor, new_municipality.pk)
    ):
        raise PermissionDenied
    for key, value in data.items():
        if key in ARTICLE_FIELDS:
            setattr(locked, key, value)
    locked.full_clean()
    locked.save()
    _set_m2m(locked, m2m or {})
    _sync_items(locked, items)
    _add_revision(locked, actor=actor, note=note)
    events.publish(
        "knowledge.article.changed", locked, actor=actor, municipality=locked.municipality
    )
    return locked


@transaction.atomic
def article_restore(*, actor: User, article: Article, revision: Revision) -> Article:
    """Restore an older revision's text as a new revision (history stays complete)."""
    if revision.article_id != article.pk:
        raise ValueError("revision of another article")
    return article_update(
        actor=actor,
        article=article,
        base_revision=Article.objects.values_list("revision_number", flat=True).get(pk=article.pk),
        data={"title": revision.title, "summary": revision.summary, "body": revision.body},
        note=_("Restored revision %(number)s") % {"number": revision.number},
    )


@transaction.atomic
def article_mark_reviewed(*, actor: User, article: Article) -> Article:
    """ "Geprüft, unverändert": the content is still right; the review date starts again."""
    if not permissions.can_edit_article(actor, article):
        raise PermissionDenied
    article.last_reviewed_at = timezone.localdate()
    article.save(update_fields=["last_reviewed_at", "updated_at"])
    events.publish("knowledge.article.reviewed", article, actor=actor)
    return article


@transaction.atomic
def article_set_status(*, actor: User, article: Article, status: str) -> Article:
    if status not in Article.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Article.Status.ARCHIVED or article.status == Article.Status.ARCHIVED:
        allowed = permissions.can_archive_article(actor, article)
    else:
        allowed = permissions.can_edit_article(actor, article)
    if not allowed:
        raise PermissionDenied
    if article.status != status:
        previous = article.status
        article.status = status
        if status == Article.Status.PUBLISHED:
            article.last_reviewed_at = timezone.localdate()
        article.full_clean()
        article.save()
        events.publish(
            "knowledge.article.status_changed", article, actor=actor, previous_status=previous
        )
    return article


@transaction.atomic
def article_delete(*, actor: User, article: Article) -> None:
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied
    events.publish("knowledge.article.deleted", article, actor=actor)
    names = [(f.file.storage, f.file.name) for f in article.files.all()]
    article.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


# --- files and model document versions ------------------------------------------------------


@transaction.atomic
def article_file_add(
    *, actor: User, article: Article, title: str, uploaded_file, note: str = ""
) -> ArticleFile:
    """Store an attachment privately; for a model document it becomes the newest version."""
    if not permissions.can_edit_article(actor, article):
        raise PermissionDenied
    try:
        extension, content_type = inspect_upload(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    Article.objects.select_for_update().filter(pk=article.pk).first()
    last = article.files.order_by("-version").values_list("version", flat=True).first() or 0
    item = ArticleFile(
        article=article,
        version=last + 1,
        title=title or uploaded_file.name,
        note=note,
        original_name=(uploaded_file.name or "")[-255:],
        extension=extension,
        content_type=content_type,
        size=uploaded_file.size,
        token=secrets.token_hex(16),
        uploaded_by=actor,
    )
    item.full_clean(exclude=["file"])
    item.file.save(f"{item.token}.{extension}", uploaded_file, save=False)
    try:
        item.save()
    except Exception:
        item.file.delete(save=False)
        raise
    events.publish("knowledge.file.added", item, actor=actor, article=article)
    return item


@transaction.atomic
def template_usage_set(
    *, actor: User, article: Article, municipality, file: ArticleFile
) -> TemplateUsage:
    """Record which version of a model document a Kommune uses."""
    if not permissions.can_write_for_municipality(actor, municipality.pk):
        raise PermissionDenied
    if file.article_id != article.pk:
        raise ValidationError({"file": _("This version belongs to another article.")})
    usage, created = TemplateUsage.objects.update_or_create(
        article=article,
        municipality=municipality,
        defaults={"file": file, "recorded_by": actor},
    )
    events.publish(
        "knowledge.template_usage.created" if created else "knowledge.template_usage.changed",
        usage,
        actor=actor,
        municipality=municipality,
    )
    return usage


# --- checklists --------------------------------------------------------------------------


@transaction.atomic
def adoption_create(*, actor: User, article: Article, municipality) -> Adoption:
    """ "Checkliste übernehmen": the Kommune starts working through the checklist."""
    if not permissions.can_write_for_municipality(actor, municipality.pk):
        raise PermissionDenied
    if not article.is_checklist or article.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published checklist can be adopted."))
    adoption = Adoption.objects.filter(article=article, municipality=municipality).first()
    if adoption is not None:
        return adoption
    adoption = Adoption(article=article, municipality=municipality, adopted_by=actor)
    adoption.full_clean()
    adoption.save()
    AdoptionItem.objects.bulk_create(
        [AdoptionItem(adoption=adoption, item=item) for item in article.items.all()]
    )
    events.publish(
        "knowledge.adoption.created",
        adoption,
        actor=actor,
        municipality=municipality,
        article=article,
    )
    return adoption


def _entry(adoption: Adoption, item: ChecklistItem) -> AdoptionItem:
    if item.article_id != adoption.article_id:
        raise ValidationError(_("This item belongs to another checklist."))
    entry, _created = AdoptionItem.objects.get_or_create(adoption=adoption, item=item)
    return entry


@transaction.atomic
def adoption_item_set_done(
    *, actor: User, adoption: Adoption, item: ChecklistItem, done: bool
) -> AdoptionItem:
    if not permissions.can_write_for_municipality(actor, adoption.municipality_id):
        raise PermissionDenied
    entry = _entry(adoption, item)
    if done != entry.is_done:
        entry.done_at = timezone.now() if done else None
        entry.done_by = actor if done else None
        entry.save()
        events.publish(
            "knowledge.adoption_item.changed",
            entry,
            actor=actor,
            municipality=adoption.municipality,
            done=done,
        )
    return entry


@transaction.atomic
def adoption_item_to_action(
    *, actor: User, adoption: Adoption, item: ChecklistItem, origin, data: dict
) -> AdoptionItem:
    """Turn an open checklist item into a Maßnahme of a workshop or meeting (the workshops
    app's action item), remembered on the Kommune's checklist entry."""
    from workshops.models import Meeting, Workshop
    from workshops.services import action_item_create

    if not permissions.can_write_for_municipality(actor, adoption.municipality_id):
        raise PermissionDenied
    entry = _entry(adoption, item)
    if entry.action_item_id is not None:
        raise ValidationError(_("This item already is an action item."))
    payload = {
        "title": data.get("title") or item.text[:200],
        "description": data.get("description") or "",
        "responsible_municipality": adoption.municipality,
        "responsible_person": data.get("responsible_person"),
        "due_date": data.get("due_date"),
    }
    action = action_item_create(
        actor=actor,
        data=payload,
        workshop=origin if isinstance(origin, Workshop) else None,
        meeting=origin if isinstance(origin, Meeting) else None,
    )
    entry.action_item = action
    entry.save(update_fields=["action_item"])
    events.publish(
        "knowledge.adoption_item.action_created",
        entry,
        actor=actor,
        municipality=adoption.municipality,
        action_item=action,
    )
    return entry


# --- story, talks and requests ----------------------------------------------------------


@transaction.atomic
def story_entry_save(*, actor: User, entry: StoryEntry) -> StoryEntry:
    if not permissions.is_coordinator(actor):
        raise PermissionDenied
    created = entry.pk is None
    entry.full_clean()
    entry.save()
    events.publish(
        f"knowledge.story_entry.{'created' if created else 'changed'}", entry, actor=actor
    )
    return entry


@transaction.atomic
def talk_save(*, actor: User, talk: Talk, slides=None) -> Talk:
    if not permissions.is_coordinator(actor):
        raise PermissionDenied
    created = talk.pk is None
    if slides:
        try:
            extension, content_type = inspect_upload(slides)
        except ValidationError as exc:
            raise ValidationError({"slides": exc.messages}) from exc
        talk.slides_token = secrets.token_hex(16)
        talk.slides_extension = extension
        talk.slides_content_type = content_type
        talk.slides_name = (slides.name or "")[-255:]
        talk.slides.save(f"{talk.slides_token}.{extension}", slides, save=False)
    talk.full_clean()
    talk.save()
    events.publish(f"knowledge.talk.{'created' if created else 'changed'}", talk, actor=actor)
    return talk


def coordinator_emails() -> list[str]:
    emails = Membership.objects.filter(
        role=Membership.Role.KREIS_COORDINATION, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted(set(emails) | {email for _name, email in settings.ADMINS})


@transaction.atomic
def talk_request_submit(*, data: dict) -> TalkRequest:
    """A public request; the coordinators get an email after the commit."""
    request = TalkRequest(**data)
    request.full_clean()
    request.save()
    events.publish("knowledge.talk_request.created", request, actor=None)

    def notify() -> None:
        recipients = coordinator_emails()
        if recipients:
            send_mail(
                f"[{settings.PORTAL_NAME}] Anfrage: {request.get_kind_display()} – "
                f"{request.organisation}",
                render_to_string("knowledge/email/talk_request.txt", {"req": request}),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )

    transaction.on_commit(notify)
    return request


@transaction.atomic
def talk_request_set_status(*, actor: User, request: TalkRequest, status: str) -> TalkRequest:
    if not permissions.is_coordinator(actor):
        raise PermissionDenied
    if status not in TalkRequest.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    request.status = status
    request.handled_by = actor
    request.full_clean()
    request.save()
    events.publish("knowledge.talk_request.changed", request, actor=actor, status=status)
    return request


# --- Wer weiß was? -----------------------------------------------------------------------


@transaction.atomic
def expertise_add(*, actor: User, label: str, topic=None, year=None) -> Expertise:
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied
    expertise = Expertise(user=actor, label=label.strip(), topic=topic, year=year)
    expertise.full_clean()
    expertise.save()
    events.publish("knowledge.expertise.created", expertise, actor=actor)
    return expertise


@transaction.atomic
def expertise_delete(*, actor: User, expertise: Expertise) -> None:
    if not (actor.is_authenticated and (actor.is_staff or expertise.user_id == actor.pk)):
        raise PermissionDenied
    events.publish("knowledge.expertise.deleted", expertise, actor=actor)
    expertise.delete()
