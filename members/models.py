from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ags_validator = RegexValidator(
    r"^\d{5}(\d{3})?$",
    _("The AGS has 8 digits (or 5 for a Kreis), with its leading zero."),
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person in the network. Logs in with the email address."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("The portal and its emails use this language."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("portal administrator"),
        default=False,
        help_text=_("Can log in to the administration and curate every record."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()


class Municipality(models.Model):
    """Kreis Lippe or one of its 16 Städte und Gemeinden."""

    class Kind(models.TextChoices):
        KREIS = "kreis", _("Kreis")
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")

    ags = models.CharField(
        _("AGS"),
        max_length=8,
        unique=True,
        validators=[ags_validator],
        help_text=_("Amtlicher Gemeindeschlüssel (5 digits for the Kreis)."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    population = models.PositiveIntegerField(_("population"))
    population_date = models.DateField(_("population as of"))
    area_km2 = models.DecimalField(
        _("area in km²"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("about the Kommune"),
        blank=True,
        help_text=_("A few sentences on the Kommune's digital work, shown on its page."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    source = models.CharField(_("source of the figures"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(population__gte=0), name="municipality_population_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:municipality_detail", kwargs={"slug": self.slug})

    @property
    def is_kreis(self) -> bool:
        return self.kind == self.Kind.KREIS

    # Publishers a research note in `source` may name, most official first.
    POPULATION_PUBLISHERS = (
        ("IT.NRW", "IT.NRW"),
        ("Destatis", "Statistisches Bundesamt (Destatis)"),
        ("Wikipedia", "Wikipedia"),
    )

    @property
    def population_source(self) -> str:
        """The publisher of the population figure for a reader, e.g. "IT.NRW".

        `source` is a research note kept for the admins (English, with the way the figure
        was found); pages show only the publisher it names and `population_date`, or
        nothing when it names none.
        """
        for needle, publisher in self.POPULATION_PUBLISHERS:
            if needle.lower() in self.source.lower():
                return publisher
        return ""


class Membership(models.Model):
    """A person's role in a municipality, with the profile they show the network."""

    class Role(models.TextChoices):
        CDO = "cdo", _("CDO")
        DEPUTY = "deputy", _("Deputy")
        STAFF = "staff", _("Staff")
        KREIS_COORDINATION = "kreis_coordination", _("Kreis coordination")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Kommune"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    motto = models.CharField(
        _("motto"),
        max_length=140,
        blank=True,
        help_text=_('How you introduce yourself to the network, e.g. "Lass\' mal vernetzen!"'),
    )
    responsibilities = models.TextField(
        _("responsibilities"),
        blank=True,
        max_length=1000,
        help_text=_("A short text on what you take care of."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    # Roles that may write the municipality's records.
    WRITING_ROLES = (Role.CDO, Role.DEPUTY, Role.STAFF, Role.KREIS_COORDINATION)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(role="cdo"),
                name="membership_one_cdo_per_municipality",
                violation_error_message=_("This Kommune already has a CDO."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.municipality})"
