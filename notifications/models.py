"""What a person follows, the notifications they get, their email wishes, their visits and the
activity on followed items (for "Neu seit Ihrem letzten Besuch")."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows a project, OZG service, meeting, workshop or knowledge article."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("person"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of item")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class Notification(models.Model):
    """One message to one person in the portal. Everything needed to show it is stored on the
    row (actor's name, the item's title, a short detail), so a page of them is one query."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("mention")
        REPLY = "reply", _("reply to my post")
        ANSWER = "answer", _("answer to my question")
        FOLLOWED_POST = "followed_post", _("new post where I follow")
        PROJECT_STATUS = "project_status", _("project status changed")
        OZG_STATUS = "ozg_status", _("OZG status changed")
        PROJECT_JOINED = "project_joined", _("my Kommune added to a project")
        MEETING_MOVED = "meeting_moved", _("meeting moved")
        MEETING_CANCELLED = "meeting_cancelled", _("meeting cancelled")

    # Kinds that may be emailed at once; everything else goes into the weekly digest.
    EMAIL_KINDS = (Kind.MENTION, Kind.ANSWER)

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor's name"), max_length=150, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of item"),
    )
    object_id = models.PositiveBigIntegerField(_("item"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    target_title = models.CharField(_("item title"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Emails are limited to one per thread and hour: the discussion thread (or the item).
    thread_key = models.CharField(_("thread"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "thread_key"], name="notification_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_title} → {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", kwargs={"pk": self.pk})

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def message(self) -> str:
        """One sentence saying what happened, in the active language (plain text)."""
        from notifications.texts import notification_message

        return notification_message(self)


class NotificationPreference(models.Model):
    """Which notifications a person also gets by email at once. In the portal: always."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("person"),
    )
    email_mention = models.BooleanField(_("email when someone mentions me"), default=True)
    email_answer = models.BooleanField(_("email when my question is answered"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.person)

    def wants_email(self, kind: str) -> bool:
        return bool(getattr(self, f"email_{kind}", False))


class Visit(models.Model):
    """When a person was last seen on the dashboard, and the visit before that."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_visit",
        verbose_name=_("person"),
    )
    last_seen_at = models.DateTimeField(_("last seen"))
    previous_visit_at = models.DateTimeField(_("previous visit"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.person} ({self.last_seen_at:%Y-%m-%d %H:%M})"


class Activity(models.Model):
    """Something that happened to a followable item or a Kommune, recorded once for everyone
    (not per person): the source of "Neu seit Ihrem letzten Besuch"."""

    verb = models.CharField(_("what happened"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of item")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    target_title = models.CharField(_("item title"), max_length=300)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    municipality = models.ForeignKey(
        "members.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor's name"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.verb}: {self.target_title}"

    def get_verb_label(self) -> str:
        from notifications.texts import activity_label

        return activity_label(self.verb)
