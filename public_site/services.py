"""Every write of the public part: release settings and personal API tokens."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lippe_ikz import events
from members.models import Municipality, User
from members.permissions import can_edit_municipality
from ozg.models import OzgService
from public_site.models import ApiToken, PublicationException, PublicationSetting, hash_token

TOKEN_PREFIX = "ikz_"  # noqa: S105 - a marker, not a secret


def _check(actor: User, municipality: Municipality) -> None:
    if not can_edit_municipality(actor, municipality):
        raise PermissionDenied


@transaction.atomic
def publication_setting_update(
    *, municipality: Municipality, statuses_public: bool, actor: User
) -> PublicationSetting:
    _check(actor, municipality)
    setting = PublicationSetting.objects.filter(
        municipality=municipality
    ).first() or PublicationSetting(municipality=municipality)
    setting.statuses_public = statuses_public
    setting.full_clean()
    setting.save()
    events.publish("public.publication.changed", setting, actor=actor, municipality=municipality)
    return setting


@transaction.atomic
def publication_exception_set(
    *, municipality: Municipality, service: OzgService, public: bool | None, actor: User
) -> PublicationException | None:
    """Show (True) or hide (False) one status against the Kommune's setting; None removes
    the exception again."""
    _check(actor, municipality)
    existing = PublicationException.objects.filter(municipality=municipality, service=service)
    if public is None:
        exception = existing.first()
        if exception is not None:
            events.publish(
                "public.exception.deleted", exception, actor=actor, municipality=municipality
            )
            exception.delete()
        return None
    exception = existing.first() or PublicationException(municipality=municipality, service=service)
    exception.public = public
    exception.full_clean()
    exception.save()
    events.publish("public.exception.changed", exception, actor=actor, municipality=municipality)
    return exception


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; returns it and the raw secret, which is never stored."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=raw[:10], key_hash=hash_token(raw))
    token.full_clean()
    token.save()
    events.publish("public.api_token.created", token, actor=user)
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.user_id != actor.pk and not actor.is_staff:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.publish("public.api_token.revoked", token, actor=actor)
    return token


def api_token_user(raw: str) -> User | None:
    """The active member a raw token belongs to, or None (unknown, revoked, inactive)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 3600:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most hourly
    return token.user
