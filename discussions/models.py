"""One model for every thread: a post attached to any discussable object (contenttypes)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality

USER = settings.AUTH_USER_MODEL


class Post(models.Model):
    """A contribution to the discussion of a project, workshop, meeting, OZG service or article.

    One level of replies: a reply's ``parent`` is always a top-level post. Deleted and hidden
    posts stay as rows so that threads remain readable ("Beitrag gelöscht").
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="posts", verbose_name=_("author")
    )
    body = models.TextField(_("text"))
    is_question = models.BooleanField(_("question"), default=False)
    answer = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    mentioned_users = models.ManyToManyField(
        USER, blank=True, related_name="mentioned_in_posts", verbose_name=_("mentioned people")
    )
    mentioned_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="mentioned_in_posts",
        verbose_name=_("mentioned Kommunen"),
    )
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)

    history = HistoricalRecords(excluded_fields=["is_demo"])

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | models.Q(is_question=False),
                name="discussions_reply_is_no_question",
                violation_error_message=_("Only a new post can be a question."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} – {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        target = self.target
        base = target.get_absolute_url() if target is not None else "/"
        return f"{base}#beitrag-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None


class Report(models.Model):
    """Someone told the moderators that a post breaks the network's rules."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="post_reports", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("moderators emailed"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                name="discussions_one_report_per_person",
                violation_error_message=_("You have already reported this post."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.post_id}"
