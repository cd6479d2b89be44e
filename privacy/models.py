"""Data exports of a person's records (DSGVO Art. 15/20) and the log of offboardings."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def export_upload_to(instance: "DataExport", filename: str) -> str:
    return f"private/exports/{instance.token}.zip"


def _token() -> str:
    return secrets.token_hex(16)


class DataExport(models.Model):
    """A zip of everything the portal holds about the person, built by a Celery task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=32, unique=True, default=_token, editable=False)
    file = models.FileField(_("file"), upload_to=export_upload_to, blank=True, max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready since"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="data_export_one_pending_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.requested_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def is_available(self) -> bool:
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class Offboarding(models.Model):
    """A person left: what was handed to whom, and by which admin (the account itself is
    anonymised, so this row names it as "ehemaliges Mitglied" afterwards)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("former member"),
    )
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("successor"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("carried out by"),
    )
    handed_over = models.JSONField(_("handed over"), default=dict, blank=True)
    created_at = models.DateTimeField(_("carried out"), auto_now_add=True)

    class Meta:
        verbose_name = _("offboarding")
        verbose_name_plural = _("offboardings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} → {self.successor}"
