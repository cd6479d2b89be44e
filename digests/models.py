"""Digest preferences per person, the delivery log (exactly once per person and period) and
the log of meeting notices (reminders and cancellations)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestPreference(models.Model):
    """How and when a person gets the weekly digest. A person without a row gets the defaults."""

    class Scope(models.TextChoices):
        NETWORK = "network", _("The whole network")
        MINE = "mine", _("Only my Kommune and my projects")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_preference",
        verbose_name=_("person"),
    )
    enabled = models.BooleanField(_("weekly digest"), default=True)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(23)],
        help_text=_("Full hour, Europe/Berlin time."),
    )
    sections = models.JSONField(
        _("sections"),
        default=list,
        blank=True,
        help_text=_("Keys of the sections the person wants; empty means all."),
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.NETWORK
    )
    skip_when_empty = models.BooleanField(_("skip when there is nothing new"), default=True)
    reminders = models.BooleanField(_("meeting reminders"), default=True)
    # The end of the content window of the last delivered digest: the next digest shows what
    # happened after it (a watermark, not "the last 7 days").
    watermark = models.DateTimeField(_("content delivered up to"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hour__gte=0, hour__lte=23), name="digest_preference_hour_range"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="digest_preference_weekday_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_weekday_display()} {self.hour:02d}:00)"


class Delivery(models.Model):
    """One weekly digest of one person. At most one per person and period (ISO week)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped (nothing new)")
        FAILED = "failed", _("failed")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
        verbose_name=_("person"),
    )
    period = models.CharField(_("period"), max_length=10, help_text=_("ISO week, e.g. 2026-W10."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    window_start = models.DateTimeField(_("content from"), null=True, blank=True)
    window_end = models.DateTimeField(_("content until"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="digest_delivery_once"),
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.person} {self.period} ({self.get_status_display()})"


class MeetingNotice(models.Model):
    """A reminder 48 h before a meeting, or the notice that it was cancelled, sent once.

    The key includes the meeting's start, so moving a meeting re-arms its reminder.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("reminder")
        CANCELLATION = "cancellation", _("cancellation")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meeting_notices",
        verbose_name=_("person"),
    )
    meeting_ref = models.CharField(_("meeting"), max_length=100)
    starts_at = models.DateTimeField(_("meeting starts"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "meeting_ref", "starts_at", "kind"], name="meeting_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.meeting_ref} → {self.person}"
