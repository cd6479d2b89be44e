from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lippe_ikz.dates import weekday_date
from lippe_ikz.uploads import inspect_upload
from members.models import Municipality, User
from members.permissions import municipality_ids_for
from projects import selectors as project_selectors
from workshops.models import ActionItem, Attendance, Meeting, Workshop, WorkshopSession

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def writable_municipalities(user):
    qs = Municipality.objects.order_by("kind", "name")
    return qs if user.is_staff else qs.filter(pk__in=municipality_ids_for(user))


class EventTimesMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


def _online_url():
    return forms.URLField(
        label=_("online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Link to the video conference, if any."),
    )


class MeetingForm(EventTimesMixin, forms.ModelForm):
    online_url = _online_url()

    class Meta:
        model = Meeting
        fields = ["kind", "title", "host", "start", "end", "location", "online_url",
                  "seat_limit", "description"]  # fmt: skip
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = writable_municipalities(user)
        self.fields["seat_limit"].widget.attrs["min"] = 1
        self.fields["seat_limit"].validators.append(MinValueValidator(1))

    def _post_clean(self):
        # Model validation runs in the service (full_clean), not on the stored instance.
        pass


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("topic"), max_length=200, required=False)
    presenter = forms.CharField(label=_("presenter"), max_length=150, required=False)
    duration_minutes = forms.IntegerField(label=_("minutes planned"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("title") and (data.get("presenter") or data.get("duration_minutes")):
            self.add_error("title", _("Give the item a topic, or remove the row."))
        return data


AGENDA_PREFIX = "agenda"
AGENDA_MAX_ROWS = 30
# The name of the agenda's own buttons (add, move, remove); they re-render the form
# without saving. Their values: "add", "up-<row>", "down-<row>", "remove-<row>".
AGENDA_ACTION = "agenda_action"
AGENDA_FIELDS = ("title", "presenter", "duration_minutes")

# Every row is an "initial" form (the rows come from the meeting or from the last submit), so
# there are no extra forms: the view hands in one empty row to start with.
AgendaFormSet = forms.formset_factory(
    AgendaItemForm, extra=0, max_num=AGENDA_MAX_ROWS, validate_max=True
)


def agenda_formset(data=None, *, rows: list[dict] | None = None):
    """Bound to a submitted form, or unbound with `rows` (plus nothing else)."""
    if data is not None:
        return AgendaFormSet(data, prefix=AGENDA_PREFIX)
    return AgendaFormSet(initial=rows or [{}], prefix=AGENDA_PREFIX)


def agenda_rows(formset) -> list[dict]:
    """The rows to save, in order: those with a topic."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get("title")]


def agenda_posted_rows(data) -> list[dict]:
    """The rows as typed (not validated), so that an edit action keeps what was entered."""
    try:
        total = int(data.get(f"{AGENDA_PREFIX}-TOTAL_FORMS") or 0)
    except ValueError:
        total = 0
    total = max(0, min(total, AGENDA_MAX_ROWS))
    return [
        {name: data.get(f"{AGENDA_PREFIX}-{i}-{name}", "").strip() for name in AGENDA_FIELDS}
        for i in range(total)
    ]


def agenda_apply(rows: list[dict], action: str) -> tuple[list[dict], int | None, str]:
    """Apply an agenda button to the rows: returns (rows, row to focus, message for
    screen readers). Unknown actions change nothing; nothing is saved here."""
    rows = list(rows)
    verb, _sep, index = action.partition("-")
    if verb == "add":
        if len(rows) >= AGENDA_MAX_ROWS:
            return rows, len(rows) - 1, _("The agenda has the most items possible.")
        rows.append(dict.fromkeys(AGENDA_FIELDS, ""))
        return rows, len(rows) - 1, _("Item %(number)s was added.") % {"number": len(rows)}
    try:
        i = int(index)
    except ValueError:
        return rows, None, ""
    if not 0 <= i < len(rows):
        return rows, None, ""
    number = i + 1
    if verb == "remove":
        rows.pop(i)
        if not rows:
            rows.append(dict.fromkeys(AGENDA_FIELDS, ""))
        return rows, min(i, len(rows) - 1), _("Item %(number)s was removed.") % {"number": number}
    if verb == "up" and i > 0:
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
        return (
            rows,
            i - 1,
            _("Item %(number)s moved up to position %(position)s.")
            % {
                "number": number,
                "position": i,
            },
        )
    if verb == "down" and i < len(rows) - 1:
        rows[i + 1], rows[i] = rows[i], rows[i + 1]
        return (
            rows,
            i + 1,
            _("Item %(number)s moved down to position %(position)s.")
            % {
                "number": number,
                "position": i + 2,
            },
        )
    return rows, None, ""


class ActionItemForm(forms.ModelForm):
    """Optional on the minutes and results pages: leave the title empty to add none."""

    class Meta:
        model = ActionItem
        fields = ["title", "responsible_municipality", "responsible_person", "due_date",
                  "project", "description"]  # fmt: skip
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        self.fields["responsible_person"].queryset = User.objects.filter(
            is_active=True, memberships__isnull=False
        ).distinct()
        self.fields["responsible_municipality"].queryset = Municipality.objects.order_by(
            "kind", "name"
        )
        # Shared projects are read through the projects app's selectors.
        self.fields["project"].queryset = project_selectors.project_list().prefetch_related(None)
        if optional:
            for name in ("title", "responsible_municipality"):
                self.fields[name].required = False

    def is_empty(self) -> bool:
        return self.optional and not any(
            self.data.get(self.add_prefix(name)) for name in self.fields
        )

    def clean(self):
        data = super().clean()
        if self.optional:
            if not data.get("title"):
                self.add_error("title", _("Give the action item a title."))
            if not data.get("responsible_municipality"):
                self.add_error("responsible_municipality", _("Choose the responsible Kommune."))
        return data

    def _post_clean(self):
        # The origin (meeting or workshop) is set by the service, not validated here.
        pass


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "decisions"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 14}),
            "decisions": forms.Textarea(attrs={"rows": 5}),
        }


class CopyForm(forms.Form):
    """ "Nächstes Treffen anlegen": the choices name the date they lead to; only dates in the
    future are offered."""

    weeks = forms.TypedChoiceField(
        label=_("Date of the next meeting"),
        coerce=int,
        help_text=_("Same time of day, same place, same agenda."),
    )

    def __init__(self, *args, meeting, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        now = now or timezone.now()
        choices = []
        for weeks in range(1, 53):
            start, _end = meeting.times_in_weeks(weeks)
            if start > now:
                label = ngettext(
                    "in %(weeks)s week: %(date)s", "in %(weeks)s weeks: %(date)s", weeks
                ) % {"weeks": weeks, "date": weekday_date(start)}
                choices.append((weeks, label))
        self.fields["weeks"].choices = choices
        offered = [w for w, _label in choices]
        self.fields["weeks"].initial = 4 if 4 in offered else (offered[0] if offered else None)

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["weeks"].choices)


class AttendanceForm(forms.Form):
    response = forms.ChoiceField(
        choices=[
            (Attendance.Response.ACCEPTED, _("accept")),
            (Attendance.Response.MAYBE, _("maybe")),
            (Attendance.Response.DECLINED, _("decline")),
        ]
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ActionItem.Status.choices)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "organiser", "goal", "partner", "funding", "preparation_notes"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "preparation_notes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = writable_municipalities(user)


class ResultsForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["results"]
        widgets = {"results": forms.Textarea(attrs={"rows": 16})}


class SessionForm(EventTimesMixin, forms.ModelForm):
    online_url = _online_url()

    class Meta:
        model = WorkshopSession
        fields = ["title", "start", "end", "location", "online_url", "agenda",
                  "attending_municipalities"]  # fmt: skip
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "attending_municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attending_municipalities"].queryset = Municipality.objects.order_by(
            "kind", "name"
        )

    def _post_clean(self):
        # The workshop is set by the service; model validation runs there (full_clean).
        pass


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_(
            "PDF, Office document or image. Every logged-in member of the network can download "
            "it, also members of Kommunen that take no part; nobody outside the network can."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        inspect_upload(uploaded)
        return uploaded


def agenda_focus(formset, row: int | None, action: str) -> str:
    """Where the keyboard focus goes after an agenda button: the same button on the moved
    row (so that pressing it again moves on), else the row's topic. Returns the button to
    focus ("up"/"down") or "" when the topic field got `autofocus`."""
    if row is None or not 0 <= row < len(formset.forms):
        return ""
    last = len(formset.forms) - 1
    verb = action.partition("-")[0]
    if verb == "up" and row > 0:
        return "up"
    if verb in ("up", "down") and row < last:
        return "down"
    if verb == "down" and row > 0:
        return "up"
    formset.forms[row].fields["title"].widget.attrs["autofocus"] = True
    return ""
