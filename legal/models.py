from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LegalPage(models.Model):
    """Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit, edited by admins."""

    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy policy")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    body_en = models.TextField(
        _("English text (Markdown)"),
        blank=True,
        help_text=_("Shown when the portal is used in English; empty shows the German text."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"legal:{self.kind}")

    def in_language(self, language: str) -> tuple[str, str]:
        """(title, body) in the language, falling back to the German text."""
        if language == "en" and self.body_en:
            return self.title_en or self.title, self.body_en
        return self.title, self.body


class AccessibilityFeedback(models.Model):
    """A report of a barrier (BITVNRW § 5 feedback mechanism); kept and emailed to admins."""

    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    page_url = models.CharField(_("affected page"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.name or self.email or '–'}"
