"""Every write of the members app."""

from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lippe_ikz import events
from lippe_ikz.links import absolute_url
from members.models import Membership, Municipality, User
from members.permissions import can_edit_municipality
from members.reference import MunicipalityRow
from members.text import german_slugify


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def municipalities_import(*, rows: list[MunicipalityRow]) -> ImportReport:
    """Create or update municipalities by AGS. Idempotent: a second run changes nothing."""
    report = ImportReport()
    existing = {m.ags: m for m in Municipality.objects.all()}
    for row in rows:
        fields = row.as_fields()
        municipality = existing.get(row.ags)
        if municipality is None:
            municipality = Municipality(ags=row.ags, slug=german_slugify(row.name), **fields)
            municipality.full_clean()
            municipality.save()
            events.publish("members.municipality.created", municipality)
            report.created += 1
            continue
        changed = {k: v for k, v in fields.items() if getattr(municipality, k) != v}
        if not changed:
            report.unchanged += 1
            continue
        for key, value in changed.items():
            setattr(municipality, key, value)
        municipality.full_clean()
        municipality.save()
        events.publish("members.municipality.changed", municipality)
        report.updated += 1
    return report


@transaction.atomic
def municipality_update(*, actor: User, municipality: Municipality, data: dict) -> Municipality:
    """Change the self-maintained fields of a municipality (website, description, contact)."""
    if not can_edit_municipality(actor, municipality):
        raise PermissionDenied
    allowed = {"website", "description", "contact_email"}
    for key, value in data.items():
        if key not in allowed:
            raise ValueError(f"{key} is not editable here")
        setattr(municipality, key, value)
    municipality.full_clean()
    municipality.save()
    events.publish("members.municipality.changed", municipality, actor=actor)
    return municipality


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> User:
    """A person edits their own profile; nobody else goes through this path."""
    allowed = {"full_name", "phone", "job_title", "preferred_language"}
    for key, value in data.items():
        if key not in allowed:
            raise ValueError(f"{key} is not editable here")
        setattr(user, key, value)
    user.full_clean(exclude=["password"])
    user.save()
    events.publish("members.user.changed", user, actor=user)
    return user


@transaction.atomic
def membership_update_profile(
    *, actor: User, membership: Membership, motto: str, responsibilities: str
) -> Membership:
    if membership.user_id != actor.pk and not actor.is_staff:
        raise PermissionDenied
    membership.motto = motto
    membership.responsibilities = responsibilities
    membership.full_clean()
    membership.save()
    events.publish("members.membership.changed", membership, actor=actor)
    return membership


def password_set_url(user: User) -> str:
    """Absolute link to allauth's "set a new password" page for this user."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def user_send_invitation(*, user: User, invited_by: User | None = None) -> None:
    """Email the person a link to set their password; following it verifies the address."""
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "invited_by": invited_by,
            "set_password_url": password_set_url(user),
            "site_url": settings.SITE_URL,
            "portal_name": settings.PORTAL_NAME,
        }
        subject = render_to_string("members/email/invitation_subject.txt", context).strip()
        body = render_to_string("members/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def user_invite(
    *,
    email: str,
    full_name: str,
    municipality: Municipality | None = None,
    role: str | None = None,
    preferred_language: str = "de",
    invited_by: User | None = None,
) -> User:
    """Create an account without a password and send the invitation after commit."""
    user = User.objects.create_user(
        email=email, full_name=full_name, preferred_language=preferred_language
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    if municipality is not None and role:
        membership = Membership(user=user, municipality=municipality, role=role)
        membership.full_clean()
        membership.save()
    events.publish("members.user.created", user, actor=invited_by)
    transaction.on_commit(lambda: user_send_invitation(user=user, invited_by=invited_by))
    return user


@transaction.atomic
def membership_add(*, user: User, municipality: Municipality, role: str, **profile) -> Membership:
    membership = Membership(user=user, municipality=municipality, role=role, **profile)
    membership.full_clean()
    membership.save()
    events.publish("members.membership.created", membership)
    return membership


@transaction.atomic
def user_mark_email_verified(*, user: User) -> None:
    """Mark the person's login address verified (they followed a link sent to it)."""
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
