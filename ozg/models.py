"""OZG catalogue, division of labour, status per Kommune and uniform forms.

The catalogue (Themenfeld → Lebens-/Geschäftslage → OZG-Leistung → LeiKa-Leistungen) comes
from the reference files in ozg/data (see PROVENANCE.md); the rest is the network's own work.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from members.models import Municipality

ozg_id_validator = RegexValidator(r"^\d{5}$", _("The OZG-ID has 5 digits."))
leika_key_validator = RegexValidator(r"^\d{14}$", _("The LeiKa key has 14 digits."))


class Maturity(models.IntegerChoices):
    """OZG-Reifegradmodell 1.1 (in force since June 2020). OZG-konform from level 3."""

    OFFLINE = 0, _("Offline")
    INFORMATION = 1, _("Information")
    FORM_ASSISTANT = 2, _("Form assistant")
    ONLINE_SERVICE = 3, _("Online service")
    ONLINE_TRANSACTION = 4, _("Online transaction")

    @classmethod
    def numbered_choices(cls, *, as_str: bool = False) -> list:
        """Choices labelled "3 – Online service", translated when rendered (lazy), so that
        forms and filters built at import time follow the request's language."""
        return [
            (str(value) if as_str else value, format_lazy("{} – {}", value, label))
            for value, label in cls.choices
        ]


OZG_COMPLIANT_FROM = Maturity.ONLINE_SERVICE


class ImplementationState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNED = "planned", _("Planning")
    IN_PROGRESS = "in_progress", _("In implementation")
    ONLINE = "online", _("Online")


class Themenfeld(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("Themenfeld")
        verbose_name_plural = _("Themenfelder")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Lebenslage(models.Model):
    """A Lebenslage (citizens) or Geschäftslage (businesses); the source does not tell apart."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    themenfeld = models.ForeignKey(
        Themenfeld,
        on_delete=models.PROTECT,
        related_name="lebenslagen",
        verbose_name=_("Themenfeld"),
    )

    class Meta:
        verbose_name = _("Lebens- or Geschäftslage")
        verbose_name_plural = _("Lebens- and Geschäftslagen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OzgService(models.Model):
    """An OZG-Leistung of the Umsetzungskatalog. Never deleted: a newer catalogue withdraws it."""

    ozg_id = models.CharField(_("OZG-ID"), max_length=5, unique=True, validators=[ozg_id_validator])
    name = models.CharField(_("name"), max_length=300)
    themenfeld = models.ForeignKey(
        Themenfeld, on_delete=models.PROTECT, related_name="services", verbose_name=_("Themenfeld")
    )
    lebenslage = models.ForeignKey(
        Lebenslage,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("Lebens- or Geschäftslage"),
    )
    leika_types = models.CharField(
        _("LeiKa types"), max_length=60, blank=True, help_text=_("Raw LeiKa-Typ values, | apart.")
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn"),
        null=True,
        blank=True,
        help_text=_("Set when a newer catalogue no longer contains the service."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("OZG service")
        verbose_name_plural = _("OZG services")
        ordering = ["ozg_id"]

    def __str__(self) -> str:
        return f"{self.ozg_id} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("ozg:service_detail", kwargs={"ozg_id": self.ozg_id})

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class LeikaService(models.Model):
    """A LeiKa-Leistung belonging to an OZG-Leistung; `key` is empty for "nicht im LeiKa"."""

    service = models.ForeignKey(
        OzgService, on_delete=models.CASCADE, related_name="leika", verbose_name=_("OZG service")
    )
    key = models.CharField(
        _("LeiKa key"), max_length=14, blank=True, validators=[leika_key_validator]
    )
    name = models.CharField(_("name"), max_length=400)
    typ = models.CharField(_("LeiKa type"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("LeiKa service")
        verbose_name_plural = _("LeiKa services")
        ordering = ["service__ozg_id", "key", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "key"],
                condition=~models.Q(key=""),
                name="ozg_leika_unique_key_per_service",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key or _('not in LeiKa')} {self.name}"

    @property
    def in_leika(self) -> bool:
        return bool(self.key)


class Solution(models.Model):
    """A reusable solution Kommunen use to put a service online (portal, EfA service, own)."""

    class Kind(models.TextChoices):
        PORTAL = "portal", _("Service portal")
        EFA = "efa", _("EfA service (Einer für Alle)")
        VENDOR = "vendor", _("Vendor product")
        OWN = "own", _("Own development")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    provider = models.CharField(_("provider"), max_length=150, blank=True)
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """Division of labour: the lead Kommune (Federführung) of a service or a whole Themenfeld.

    A service's own assignment wins over its Themenfeld's.
    """

    service = models.OneToOneField(
        OzgService,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("OZG service"),
    )
    themenfeld = models.OneToOneField(
        Themenfeld,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("Themenfeld"),
    )
    lead = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="ozg_leads",
        verbose_name=_("lead Kommune"),
    )
    supporters = models.ManyToManyField(
        Municipality, blank=True, related_name="ozg_supports", verbose_name=_("supporting Kommunen")
    )
    notes = models.TextField(_("notes"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[supporters])

    class Meta:
        verbose_name = _("lead assignment")
        verbose_name_plural = _("lead assignments")
        ordering = ["themenfeld__position", "service__ozg_id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(service__isnull=False, themenfeld__isnull=True)
                    | models.Q(service__isnull=True, themenfeld__isnull=False)
                ),
                name="ozg_assignment_service_xor_themenfeld",
                violation_error_message=_("Assign either one OZG service or one Themenfeld."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.service or self.themenfeld}: {self.lead}"


class ServiceStatus(models.Model):
    """Where one OZG-Leistung stands in one Kommune. Every change is logged in StatusChange."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="ozg_statuses",
        verbose_name=_("Kommune"),
    )
    service = models.ForeignKey(
        OzgService, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("OZG service")
    )
    maturity = models.PositiveSmallIntegerField(
        _("Reifegrad"),
        choices=Maturity.choices,
        default=Maturity.OFFLINE,
        validators=[MaxValueValidator(4)],
    )
    state = models.CharField(
        _("implementation state"),
        max_length=20,
        choices=ImplementationState.choices,
        default=ImplementationState.NOT_STARTED,
    )
    online_since = models.DateField(_("online since"), null=True, blank=True)
    url = models.URLField(_("link to the online service"), blank=True, max_length=500)
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statuses",
        verbose_name=_("solution used"),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        verbose_name = _("OZG status")
        verbose_name_plural = _("OZG statuses")
        ordering = ["municipality__name", "service__ozg_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service"], name="ozg_status_unique_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(maturity__gte=0, maturity__lte=4), name="ozg_status_maturity_0_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.service.ozg_id}: {self.maturity}"

    @property
    def is_ozg_compliant(self) -> bool:
        return self.maturity >= OZG_COMPLIANT_FROM


class StatusChange(models.Model):
    """The change log of statuses: who changed what, when (read by the weekly digest)."""

    status = models.ForeignKey(
        ServiceStatus, on_delete=models.CASCADE, related_name="changes", verbose_name=_("status")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("Kommune")
    )
    service = models.ForeignKey(
        OzgService,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("OZG service"),
    )
    old_maturity = models.PositiveSmallIntegerField(
        _("previous Reifegrad"), choices=Maturity.choices, null=True, blank=True
    )
    new_maturity = models.PositiveSmallIntegerField(_("new Reifegrad"), choices=Maturity.choices)
    old_state = models.CharField(
        _("previous state"), max_length=20, choices=ImplementationState.choices, blank=True
    )
    new_state = models.CharField(_("new state"), max_length=20, choices=ImplementationState.choices)
    changed_fields = models.JSONField(_("changed fields"), default=list)
    values = models.JSONField(
        _("old and new values"),
        default=dict,
        blank=True,
        help_text=_("Per changed field: [old, new] as text."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.service_id}: {self.old_maturity} → {self.new_maturity}"


class FormTemplate(models.Model):
    """A uniform form or process template (einheitliches Formular), prepared once for all."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("form status", "Draft")
        AGREED = "agreed", pgettext_lazy("form status", "Agreed")
        PUBLISHED = "published", pgettext_lazy("form status", "Published")

    class Kind(models.TextChoices):
        FORM = "form", _("Form")
        PROCESS = "process", _("Process model")

    service = models.ForeignKey(
        OzgService, on_delete=models.CASCADE, related_name="forms", verbose_name=_("OZG service")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FORM)
    link = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to="ozg/forms/%Y/", blank=True)
    version = models.CharField(_("version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    owner = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="ozg_forms",
        verbose_name=_("owning Kommune"),
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uniform form")
        verbose_name_plural = _("uniform forms")
        ordering = ["service__ozg_id", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "title", "version"], name="ozg_form_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class FormAdoption(models.Model):
    """A Kommune uses a version of a uniform form."""

    form = models.ForeignKey(
        FormTemplate, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("form")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="ozg_form_adoptions",
        verbose_name=_("Kommune"),
    )
    version = models.CharField(_("adopted version"), max_length=20)
    adopted_on = models.DateField(_("adopted on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("form adoption")
        verbose_name_plural = _("form adoptions")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "municipality"], name="ozg_adoption_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.form} {self.version}"
