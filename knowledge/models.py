"""Shared knowledge of the network: articles with revisions, checklists adopted by Kommunen,
model documents with file versions, the network's own story, talks, and "Wer weiß was?"."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality

USER = settings.AUTH_USER_MODEL


class Article(models.Model):
    """A Wissensbeitrag: guide, checklist, model document, FAQ, lessons learned or report."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        CHECKLIST = "checklist", _("Checklist")
        TEMPLATE = "template", _("Model document")
        FAQ = "faq", _("FAQ")
        LESSONS = "lessons", _("Lessons learned")
        REPORT = "report", _("Experience report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Interval(models.IntegerChoices):
        QUARTER = 91, _("every 3 months")
        HALF_YEAR = 182, _("every 6 months")
        YEAR = 365, _("every year")
        TWO_YEARS = 730, _("every 2 years")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and emails.")
    )
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown: **bold**, lists, links, tables.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    topics = models.ManyToManyField(
        "projects.Topic", blank=True, related_name="articles", verbose_name=_("topics")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("responsible Kommune"),
    )
    owner = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="owned_articles",
        verbose_name=_("owner"),
        help_text=_("Keeps the article up to date and reviews it."),
    )
    contacts = models.ManyToManyField(
        USER, blank=True, related_name="article_contacts", verbose_name=_("contact people")
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="articles", verbose_name=_("projects")
    )
    workshops = models.ManyToManyField(
        "workshops.Workshop", blank=True, related_name="articles", verbose_name=_("workshops")
    )
    meetings = models.ManyToManyField(
        "workshops.Meeting", blank=True, related_name="articles", verbose_name=_("meetings")
    )
    services = models.ManyToManyField(
        "ozg.OzgService", blank=True, related_name="articles", verbose_name=_("OZG services")
    )
    review_interval = models.PositiveSmallIntegerField(
        _("review interval"), choices=Interval.choices, default=Interval.YEAR
    )
    last_reviewed_at = models.DateField(_("last reviewed"), default=timezone.localdate)
    revision_number = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article_detail", kwargs={"slug": self.slug})

    @property
    def review_due(self) -> dt.date:
        return self.last_reviewed_at + dt.timedelta(days=self.review_interval)

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.review_due < timezone.localdate()

    @property
    def is_checklist(self) -> bool:
        return self.kind == self.Kind.CHECKLIST

    @property
    def is_template(self) -> bool:
        return self.kind == self.Kind.TEMPLATE


class Revision(models.Model):
    """One saved state of an article's text; every save adds one, nothing is overwritten."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    note = models.CharField(_("change note"), max_length=300, blank=True)
    author = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.article} – {self.number}"


def article_file_path(instance, filename: str) -> str:
    # Never the uploaded name: a random name under a private directory.
    return f"knowledge/{instance.article_id}/{instance.token}.{instance.extension}"


class ArticleFile(models.Model):
    """An attachment of an article; for a model document, each upload is a new version."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="files", verbose_name=_("article")
    )
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=article_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file type"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    token = models.CharField(max_length=32, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["article", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="article_file_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (V{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:file_download", kwargs={"slug": self.article.slug, "pk": self.pk})


class TemplateUsage(models.Model):
    """Which version of a model document a Kommune uses."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="usages", verbose_name=_("article")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="template_usages",
        verbose_name=_("Kommune"),
    )
    file = models.ForeignKey(
        ArticleFile, on_delete=models.CASCADE, related_name="usages", verbose_name=_("version")
    )
    recorded_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("use of a model document")
        verbose_name_plural = _("uses of model documents")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "municipality"], name="template_usage_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.file}"


class ChecklistItem(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["article", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Adoption(models.Model):
    """A Kommune works through a checklist ("Checkliste übernehmen")."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("checklist")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="checklist_adoptions",
        verbose_name=_("Kommune"),
    )
    adopted_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adopted_at = models.DateTimeField(_("adopted"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adopted checklist")
        verbose_name_plural = _("adopted checklists")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "municipality"], name="adoption_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article} – {self.municipality}"

    def get_absolute_url(self) -> str:
        return reverse(
            "knowledge:adoption_detail",
            kwargs={"slug": self.article.slug, "kommune": self.municipality.slug},
        )


class AdoptionItem(models.Model):
    """Where a Kommune stands on one checklist item; may have become a Maßnahme."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="entries", verbose_name=_("adoption")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="entries", verbose_name=_("item")
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    action_item = models.ForeignKey(
        "workshops.ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action item"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item of a Kommune")
        verbose_name_plural = _("checklist items of Kommunen")
        ordering = ["adoption", "item__order", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["adoption", "item"], name="adoption_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.adoption.municipality} – {self.item}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class StoryEntry(models.Model):
    """A part of the network's own story: timeline, how IKZ works, successes, lessons, outlook."""

    class Section(models.TextChoices):
        HISTORY = "history", _("How it began")
        METHOD = "method", _("How IKZ works")
        SUCCESS = "success", _("Successes")
        LESSON = "lesson", _("Lessons learned")
        OUTLOOK = "outlook", _("Outlook")

    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    title = models.CharField(_("title"), max_length=200)
    when = models.CharField(
        _("when"), max_length=40, blank=True, help_text=_('For the timeline, e.g. "2021".')
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to visitors without login.")
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("story entry")
        verbose_name_plural = _("story entries")
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return self.title


def talk_slides_path(instance, filename: str) -> str:
    return f"knowledge/talks/{instance.slides_token}.{instance.slides_extension}"


class Talk(models.Model):
    """A talk given by CDOs of the network (Vortrag)."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    event = models.CharField(_("event"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300)
    slides = models.FileField(_("slides"), upload_to=talk_slides_path, max_length=300, blank=True)
    slides_name = models.CharField(_("file name"), max_length=255, blank=True)
    slides_extension = models.CharField(_("file type"), max_length=10, blank=True)
    slides_content_type = models.CharField(_("content type"), max_length=120, blank=True)
    slides_token = models.CharField(max_length=32, blank=True, editable=False)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to visitors without login.")
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return self.title


class TalkRequest(models.Model):
    """Another Kommune or network asks for a talk or a visit (public form)."""

    class Kind(models.TextChoices):
        TALK = "talk", _("a talk")
        VISIT = "visit", _("a visit")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        AGREED = "agreed", _("agreed")
        DECLINED = "declined", _("declined")

    kind = models.CharField(_("request for"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("your name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("email address"))
    preferred_date = models.CharField(
        _("preferred date"), max_length=100, blank=True, help_text=_("e.g. autumn 2026")
    )
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request for a talk or visit")
        verbose_name_plural = _("requests for talks and visits")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_kind_display()})"


class Expertise(models.Model):
    """A topic someone knows about ("Wer weiß was?")."""

    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="expertise", verbose_name=_("person")
    )
    topic = models.ForeignKey(
        "projects.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    label = models.CharField(
        _("experience"), max_length=150, help_text=_('e.g. "E-Akte eingeführt 2023"')
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["user", "label"], name="expertise_unique_label")
        ]

    def __str__(self) -> str:
        return self.label
