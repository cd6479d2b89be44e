"""Shared projects of the network: participants, timeline, pooled costs, wishes, documents."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality

MONEY = {"max_digits": 12, "decimal_places": 2}


class Topic(models.Model):
    """An admin-curated topic (Strategie, OZG, Wissensmanagement …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """An external partner used by several projects: IT provider, consultancy, funding body."""

    class Kind(models.TextChoices):
        IT_PROVIDER = "it_provider", _("IT provider")
        CONSULTANCY = "consultancy", _("Consultancy")
        FUNDING_BODY = "funding_body", _("Funding body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external partner")
        verbose_name_plural = _("external partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNING = "planning", _("Planning")
        IMPLEMENTATION = "implementation", _("Implementation")
        OPERATION = "operation", _("In operation")
        COMPLETED = "completed", _("Completed")
        PAUSED = "paused", _("Paused")
        DISCONTINUED = "discontinued", _("Discontinued")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and emails.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links, tables.")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="projects", verbose_name=_("topic")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA, editable=False
    )
    progress = models.PositiveSmallIntegerField(
        _("progress in percent"),
        null=True,
        blank=True,
        editable=False,
        validators=[MaxValueValidator(100)],
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="project_contacts",
        verbose_name=_("contact people"),
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="projects", verbose_name=_("external partners")
    )
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    funding_amount = models.DecimalField(
        _("funding amount in euro"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funding_amount__gte=0) | models.Q(funding_amount__isnull=True),
                name="project_funding_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100) | models.Q(progress__isnull=True),
                name="project_progress_max_100",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_date__gte=models.F("start_date"))
                | models.Q(planned_end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.planned_end_date and self.planned_end_date < self.start_date:
            raise ValidationError(
                {"planned_end_date": _("The planned end cannot be before the start.")}
            )

    @property
    def lead(self) -> Municipality | None:
        """The lead Kommune (uses prefetched participations when present)."""
        for participation in self.participations.all():
            if participation.role == Participation.Role.LEAD:
                return participation.municipality
        return None


class Participation(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTICIPANT = "participant", _("Participation")
        INTERESTED = "interested", _("Interest")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="project_participations",
        verbose_name=_("Kommune"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    history = HistoricalRecords()

    # Roles whose Kommunen share the costs.
    COST_SHARING_ROLES = (Role.LEAD, Role.PARTICIPANT)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["role", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"],
                name="participation_unique_municipality",
                violation_error_message=_("This Kommune already takes part in the project."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(role="lead"),
                name="participation_one_lead",
                violation_error_message=_("A project has exactly one lead Kommune."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.get_role_display()} ({self.project})"


class ProjectLink(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="links", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("date"))
    reached = models.BooleanField(_("reached"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "title"]

    def __str__(self) -> str:
        return self.title


class Award(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="awards", verbose_name=_("project")
    )
    title = models.CharField(_("award"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


def document_upload_to(instance: "Document", filename: str) -> str:
    # The stored name never contains the uploader's file name; it is kept in the row.
    return f"projects/{instance.project_id}/{instance.token}.{instance.extension}"


class Document(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file type"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    token = models.CharField(max_length=32, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:document", kwargs={"slug": self.project.slug, "pk": self.pk})


class StatusUpdate(models.Model):
    """One entry of a project's timeline; the only way the status changes."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="updates", verbose_name=_("project")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_updates",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("date"), db_index=True)
    text = models.TextField(_("text"), help_text=_("Markdown."))
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=Project.Status.choices, blank=True
    )
    new_status = models.CharField(
        _("new status"),
        max_length=20,
        choices=Project.Status.choices,
        blank=True,
        help_text=_("Leave empty if the status stays as it is."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress in percent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100) | models.Q(progress__isnull=True),
                name="status_update_progress_max_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.created_at:%d.%m.%Y}"


class CostItem(models.Model):
    """A cost the participants pool, split between them by an allocation key."""

    class Kind(models.TextChoices):
        PROCUREMENT = "procurement", _("Procurement")
        LICENCE = "licence", _("Licence")
        SERVICE = "service", _("Service")
        PERSONNEL = "personnel", _("Personnel")

    class Recurrence(models.TextChoices):
        ONE_OFF = "one_off", _("one-off")
        YEARLY = "yearly", _("per year")

    class Key(models.TextChoices):
        EQUAL = "equal", _("equal shares")
        POPULATION = "population", _("by population")
        CUSTOM = "custom", _("custom percentages")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cost_items", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("total amount in euro"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONE_OFF
    )
    allocation_key = models.CharField(
        _("allocation key"), max_length=12, choices=Key.choices, default=Key.EQUAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="cost_item_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CostShare(models.Model):
    """A custom percentage of a cost item for one Kommune (only for the custom key)."""

    cost_item = models.ForeignKey(
        CostItem,
        on_delete=models.CASCADE,
        related_name="custom_shares",
        verbose_name=_("cost item"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("Kommune")
    )
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("custom share")
        verbose_name_plural = _("custom shares")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cost_item", "municipality"], name="cost_share_unique_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.percent} %"


class Wish(models.Model):
    """A requirement the participants pass on to an IT provider."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUBMITTED = "submitted", _("submitted to the provider")
        DONE = "done", _("implemented")
        REJECTED = "rejected", _("rejected")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("project")
    )
    provider = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="wishes",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("raised for")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    provider_answer = models.TextField(_("answer of the provider"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class WishVote(models.Model):
    """Support for a wish: one per Kommune."""

    wish = models.ForeignKey(
        Wish, on_delete=models.CASCADE, related_name="votes", verbose_name=_("wish")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("Kommune")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("support")
        constraints = [
            models.UniqueConstraint(
                fields=["wish", "municipality"],
                name="wish_vote_one_per_municipality",
                violation_error_message=_("Your Kommune already supports this wish."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wish} – {self.municipality}"
