"""The network's software landscape: categories, products and what each Kommune uses.

A product may point to the OZG app's ``ozg.Solution`` (one-to-one) when it is also used to put
OZG services online: the landscape owns the catalogue of software, the OZG app keeps its
"solution used" per status, and the link keeps the two from drifting apart. The arrow is
``ozg`` ← ``landscape`` (landscape imports ozg, never the reverse).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality

COMMENT_MAX = 500


class Category(models.Model):
    """A kind of software every Kommune needs (Ratsinformationssystem, E-Akte …); admins add."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("software category")
        verbose_name_plural = _("software categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    class Hosting(models.TextChoices):
        SELF = "self", _("run in-house")
        IT_PROVIDER = "it_provider", _("at the municipal IT provider")
        SAAS = "saas", _("SaaS")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    vendor = models.CharField(_("vendor"), max_length=150, blank=True)
    it_provider = models.CharField(
        _("IT provider"),
        max_length=150,
        blank=True,
        help_text=_("Who runs it for the Kommunen, e.g. the municipal IT provider."),
    )
    hosting = models.CharField(
        _("hosting"), max_length=12, choices=Hosting.choices, default=Hosting.IT_PROVIDER
    )
    is_open_source = models.BooleanField(_("open source"), default=False)
    url = models.URLField(_("link"), blank=True, max_length=500)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    solution = models.OneToOneField(
        "ozg.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="landscape_product",
        verbose_name=_("OZG solution"),
        help_text=_("The same software in the OZG app's list of solutions, if it is there."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("software product")
        verbose_name_plural = _("software products")
        ordering = ["category__position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="landscape_product_unique_name_per_category",
                violation_error_message=_("This category already has a product of that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("landscape:product_detail", kwargs={"slug": self.slug})


class Usage(models.Model):
    """One product in use in one Kommune, with its contract and how content the Kommune is."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="software_usages",
        verbose_name=_("Kommune"),
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="usages", verbose_name=_("product")
    )
    since = models.DateField(_("in use since"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(
        _("notice period in months"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_("Months before the contract end by which notice must be given."),
    )
    licences = models.PositiveIntegerField(_("users or licences"), null=True, blank=True)
    yearly_cost = models.DecimalField(
        _("yearly cost in euro"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Visible to the network's members only, never public."),
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = very unhappy, 5 = very happy."),
    )
    comment = models.CharField(_("short comment"), max_length=COMMENT_MAX, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    plans = models.CharField(
        _("plans"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Wechsel geplant” or “Ausschreibung 2027”."),
    )
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

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("software in use")
        verbose_name_plural = _("software in use")
        ordering = ["municipality__name", "product__category__position", "product__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "product"],
                name="landscape_usage_unique_product_per_municipality",
                violation_error_message=_("The Kommune already records this product."),
            ),
            models.CheckConstraint(
                condition=models.Q(contract_end__gte=models.F("since"))
                | models.Q(contract_end__isnull=True)
                | models.Q(since__isnull=True),
                name="landscape_usage_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(yearly_cost__gte=0) | models.Q(yearly_cost__isnull=True),
                name="landscape_usage_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5)
                | models.Q(satisfaction__isnull=True),
                name="landscape_usage_satisfaction_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.product}"

    def clean(self) -> None:
        super().clean()
        if self.since and self.contract_end and self.contract_end < self.since:
            raise ValidationError(
                {"contract_end": _("The contract cannot end before the product is in use.")}
            )

    @property
    def notice_date(self) -> dt.date | None:
        """The last day to give notice: contract end minus the notice period."""
        return notice_date(self.contract_end, self.notice_months)

    @property
    def notice_passed(self) -> bool:
        """The last day to give notice is behind us (the contract may renew itself)."""
        notice = self.notice_date
        return notice is not None and notice < timezone.localdate()


def notice_date(contract_end: dt.date | None, notice_months: int | None) -> dt.date | None:
    """The last day to give notice of a contract ending on ``contract_end``."""
    if not contract_end:
        return None
    months = notice_months or 0
    year, month = contract_end.year, contract_end.month - months
    while month < 1:
        month += 12
        year -= 1
    day = min(contract_end.day, _days_in_month(year, month))
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
