"""Workshops (multi-part, with results and action items) and network meetings.

Times are stored aware (UTC in the database) and shown in Europe/Berlin. Meetings and
workshop sessions carry a stable `uid` and a `sequence` for calendar programs: services raise
the sequence whenever time, place or title change, or the event is cancelled.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Municipality


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")


class CalendarEventMixin(models.Model):
    """Fields shared by meetings and workshop sessions (what a calendar entry needs)."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Address and room.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Link to the video conference, if any.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    # Changing one of these raises `sequence`, so calendar programs update the entry.
    CALENDAR_FIELDS = ("start", "end", "location", "online_url", "status")

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()


class Workshop(models.Model):
    """A workshop of the network, possibly in several parts (sessions)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    goal = models.TextField(_("goal"), help_text=_("What the workshop should achieve."))
    organiser = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organised_workshops",
        verbose_name=_("organiser"),
        help_text=_("The Kommune or the Kreis that organises the workshop."),
    )
    partner = models.CharField(
        _("facilitator or partner"), max_length=200, blank=True, help_text=_("e.g. DETECON")
    )
    funding = models.CharField(
        _("funding"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Land NRW, Digitale Modellregionen"),
    )
    preparation_notes = models.TextField(
        _("preparation notes"), blank=True, help_text=_("Markdown.")
    )
    results = models.TextField(
        _("results documentation"), blank=True, help_text=_("Markdown; every change is kept.")
    )
    results_updated_at = models.DateTimeField(_("results changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:workshop_detail", kwargs={"slug": self.slug})


class WorkshopSession(CalendarEventMixin):
    """One part of a workshop, with its date, place, agenda and attending Kommunen."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("workshop")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Part 1: Analysis"))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    attending_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="attended_sessions",
        verbose_name=_("attending Kommunen"),
    )

    history = HistoricalRecords(m2m_fields=[attending_municipalities])

    CALENDAR_FIELDS = (*CalendarEventMixin.CALENDAR_FIELDS, "title")

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop.title}: {self.title}"

    def get_absolute_url(self) -> str:
        url = reverse("workshops:workshop_detail", kwargs={"slug": self.workshop.slug})
        return f"{url}#teil-{self.pk}"

    @property
    def calendar_title(self) -> str:
        return str(self)

    @property
    def kind_label(self) -> str:
        return _("workshop")

    @property
    def ics_url(self) -> str:
        return reverse("workshops:session_ics", kwargs={"pk": self.pk})

    @property
    def host_name(self) -> str:
        return self.workshop.organiser.name


class Meeting(CalendarEventMixin):
    """A network meeting (Netzwerktreffen) or jour fixe, with agenda, minutes and attendance."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("network meeting")
        JOUR_FIXE = "jour_fixe", _("jour fixe")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NETWORK)
    title = models.CharField(_("title"), max_length=200)
    host = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        verbose_name=_("host Kommune"),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    seat_limit = models.PositiveIntegerField(
        _("seat limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. Further acceptances go to the waiting list."),
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))
    minutes_updated_at = models.DateTimeField(_("minutes changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    history = HistoricalRecords()

    CALENDAR_FIELDS = (*CalendarEventMixin.CALENDAR_FIELDS, "title")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        # Lists and panels ask for meetings not yet over (end > now) in the order of their
        # start: without these a network-sized table is read in full for the next three.
        indexes = [
            models.Index(fields=["start"], name="meeting_start_idx"),
            models.Index(fields=["end"], name="meeting_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="meeting_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(seat_limit__isnull=True) | models.Q(seat_limit__gte=1),
                name="meeting_seat_limit_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:meeting_detail", kwargs={"pk": self.pk})

    @property
    def calendar_title(self) -> str:
        return self.title

    def times_in_weeks(self, weeks: int) -> tuple[dt.datetime, dt.datetime]:
        """Start and end `weeks` weeks later at the same wall-clock time (across DST)."""
        delta = dt.timedelta(weeks=weeks)
        start = timezone.localtime(self.start).replace(tzinfo=None) + delta
        end = timezone.localtime(self.end).replace(tzinfo=None) + delta
        return timezone.make_aware(start), timezone.make_aware(end)

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @property
    def ics_url(self) -> str:
        return reverse("workshops:meeting_ics", kwargs={"pk": self.pk})

    @property
    def host_name(self) -> str:
        return self.host.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("topic"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=150, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes planned"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """A person's answer to a meeting. `waiting` = accepted, but the seats are taken."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        WAITING = "waiting", _("on the waiting list")
        MAYBE = "maybe", _("maybe")
        DECLINED = "declined", _("declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
        verbose_name=_("person"),
    )
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices)
    # When the person last asked for a seat: the order of the waiting list.
    requested_at = models.DateTimeField(_("asked for a seat"), default=timezone.now)
    # Set when the person moves up from the waiting list; the email about it is sent once
    # per promotion (notified_at >= promoted_at means it went out).
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    promotion_notified_at = models.DateTimeField(_("told about moving up"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}: {self.get_response_display()}"


class ActionItem(models.Model):
    """A Maßnahme agreed in a workshop or a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("workshop"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    responsible_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("responsible Kommune"),
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible person"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_action_items",
        verbose_name=_("shared project"),
        help_text=_("Optional: the shared project this action item belongs to."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["status", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(workshop__isnull=False, meeting__isnull=True)
                    | models.Q(workshop__isnull=True, meeting__isnull=False)
                ),
                name="action_item_one_origin",
                violation_error_message=_(
                    "An action item belongs to exactly one workshop or meeting."
                ),
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.origin.get_absolute_url()}#massnahme-{self.pk}"

    @property
    def origin(self):
        return self.workshop or self.meeting

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.DONE
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


def attachment_path(instance, filename: str) -> str:
    # Never the uploaded name: a random name under a private directory.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/workshops/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    """A file for members only, served through a view that checks login."""

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("workshop"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("meeting"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(workshop__isnull=False, meeting__isnull=True)
                    | models.Q(workshop__isnull=True, meeting__isnull=False)
                ),
                name="attachment_one_origin",
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("workshops:attachment_download", kwargs={"pk": self.pk})

    @property
    def origin(self):
        return self.workshop or self.meeting


class CalendarFeed(models.Model):
    """A person's secret token for the subscription feed /termine/feed/<token>.ics."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return str(self.user)
