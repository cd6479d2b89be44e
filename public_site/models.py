"""What the public part may show: a Kommune's release of its OZG statuses, and API tokens.

Nothing is public by default. A Kommune releases its statuses as a whole
(`PublicationSetting.statuses_public`) and may make exceptions per status
(`PublicationException`): hide one service although everything else is released, or show
one although the rest is not. Notes, people and costs are never public, whatever is set.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality
from ozg.models import OzgService


class PublicationSetting(models.Model):
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="publication_setting",
        verbose_name=_("Kommune"),
    )
    statuses_public = models.BooleanField(
        _("OZG statuses are public"),
        default=False,
        help_text=_(
            "Show this Kommune's OZG statuses (Reifegrad, state, online since, link, solution) "
            "on the public pages, in the open data and in the API. Notes are never public."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication setting")
        verbose_name_plural = _("publication settings")
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return str(self.municipality)


class PublicationException(models.Model):
    """One service of one Kommune that is treated differently from the Kommune's setting."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="publication_exceptions",
        verbose_name=_("Kommune"),
    )
    service = models.ForeignKey(
        OzgService,
        on_delete=models.CASCADE,
        related_name="publication_exceptions",
        verbose_name=_("OZG service"),
    )
    public = models.BooleanField(
        _("public"), help_text=_("Shown although not released, or hidden although released.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication exception")
        verbose_name_plural = _("publication exceptions")
        ordering = ["municipality__name", "service__ozg_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service"], name="public_exception_unique_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.service_id}: {self.public}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12, editable=False)
    key_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
