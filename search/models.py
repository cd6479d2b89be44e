"""The search index: one row per findable thing (see lippe_ikz.searchable)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Municipality


class SearchEntry(models.Model):
    """An indexed document. Written only by search.indexing; never edited by hand.

    ``title``/``extra``/``body`` keep the original text for display and snippets;
    ``folded_*`` hold the same text in the normal form of search.normalise (what is matched:
    the vector is built from them, the SQLite matcher searches them); ``vector`` is the
    weighted full-text vector (PostgreSQL only, GIN-indexed; NULL on SQLite).
    """

    type_key = models.CharField(_("type"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    group = models.CharField(
        _("belongs to"),
        max_length=80,
        db_index=True,
        help_text=_("The parent object (app.model:pk) whose deletion removes this entry."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=400)
    extra = models.TextField(_("details"), blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    folded_title = models.CharField(_("normalised title"), max_length=400, blank=True)
    folded_extra = models.TextField(_("normalised details"), blank=True)
    folded_body = models.TextField(_("normalised text"), blank=True)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["type_key", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            models.Index(fields=["type_key", "date"]),
            models.Index(fields=["date"]),
        ]

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """A word of the index in normal form, for "Did you mean …?" (trigram index on PostgreSQL).

    ``display`` is how the word was written (with its umlauts) when it was first indexed.
    Words are added as documents are indexed and cleared by ``rebuild_search_index``.
    """

    word = models.CharField(_("word"), max_length=100, unique=True)
    display = models.CharField(_("written as"), max_length=100)

    class Meta:
        verbose_name = _("index word")
        verbose_name_plural = _("index words")

    def __str__(self) -> str:
        return self.display


class ExtractedText(models.Model):
    """The text inside an uploaded file (PDF, DOCX, ODT), extracted by a Celery task after the
    upload (search.tasks.extract_file_text) and added to the file's index entry.

    ``file_name`` is the stored file's name when it was read: a replaced file is read again.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    file_name = models.CharField(_("file"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    extracted_at = models.DateTimeField(_("extracted"), auto_now=True)

    class Meta:
        verbose_name = _("extracted text")
        verbose_name_plural = _("extracted texts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_extracted_text_unique"
            )
        ]

    def __str__(self) -> str:
        return self.file_name
