from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.models import Article, ArticleFile, Expertise, StoryEntry, Talk, TalkRequest
from members.models import Municipality, User

ARTICLE_M2M_FIELDS = ["topics", "contacts", "projects", "workshops", "meetings", "services"]


class ArticleForm(forms.ModelForm):
    items = forms.CharField(
        label=_("Checklist items"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Only for checklists: one item per line. Ticks of kept items stay."),
    )
    note = forms.CharField(
        label=_("Change note"),
        max_length=300,
        required=False,
        help_text=_("What did you change? Shown in the history."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    publish = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Otherwise the article stays a draft, seen only by your Kommune."),
    )

    class Meta:
        model = Article
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "topics",
            "municipality",
            "owner",
            "contacts",
            "review_interval",
            "projects",
            "workshops",
            "meetings",
            "services",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipalities=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        people = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["owner"].queryset = people
        self.fields["contacts"].queryset = people
        self.fields["contacts"].required = False
        for name in ("projects", "workshops", "meetings", "services", "contacts"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["size"] = 6
        self.fields["services"].queryset = self.fields["services"].queryset.order_by("name")
        self.fields["services"].help_text = _("Hold Ctrl to choose several.")
        if editing:
            del self.fields["publish"]
        else:
            del self.fields["base_revision"]

    def article_data(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k in {"kind", "title", "summary", "body", "municipality", "owner", "review_interval"}
        }

    def m2m_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ARTICLE_M2M_FIELDS}

    def item_lines(self) -> list[str] | None:
        if self.cleaned_data.get("kind") != Article.Kind.CHECKLIST:
            return None
        return self.cleaned_data.get("items", "").splitlines()


class ArticleFileForm(forms.ModelForm):
    upload = forms.FileField(label=_("File"), help_text=_("PDF, Office documents or images."))

    class Meta:
        model = ArticleFile
        fields = ["title", "note"]


class TemplateUsageForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), empty_label=None
    )
    file = forms.ModelChoiceField(
        label=_("Version in use"), queryset=ArticleFile.objects.none(), empty_label=None
    )

    def __init__(self, *args, municipalities, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["file"].queryset = files
        self.fields["file"].label_from_instance = lambda f: f"V{f.version} – {f.title}"


class AdoptForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), empty_label=None
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class ActionFromItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    origin = forms.ChoiceField(
        label=_("Workshop or meeting"),
        help_text=_("A Maßnahme is agreed in a workshop or meeting of your Kommune."),
    )
    responsible_person = forms.ModelChoiceField(
        label=_("Responsible person"),
        queryset=User.objects.none(),
        help_text=_("Who sees it under “My action items”."),
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, origins: dict, people, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------")]
        choices += [(f"w{w.pk}", _("Workshop: %s") % w.title) for w in origins["workshops"]]
        choices += [
            (
                f"m{m.pk}",
                _("Meeting: %(title)s (%(date)s)")
                % {"title": m.title, "date": timezone.localtime(m.start).strftime("%d.%m.%Y")},
            )
            for m in origins["meetings"]
        ]
        self.fields["origin"].choices = choices
        self._origins = origins
        self.fields["responsible_person"].queryset = people

    def clean_origin(self):
        value = self.cleaned_data["origin"]
        pool = self._origins["workshops"] if value.startswith("w") else self._origins["meetings"]
        for obj in pool:
            if f"{value[0]}{obj.pk}" == value:
                return obj
        raise forms.ValidationError(_("Choose a workshop or meeting of your Kommune."))


class StoryEntryForm(forms.ModelForm):
    class Meta:
        model = StoryEntry
        fields = ["section", "title", "when", "body", "order", "is_public"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class TalkForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Slides"),
        required=False,
        help_text=_("PDF or presentation; replaces the current file."),
    )

    class Meta:
        model = Talk
        fields = ["title", "date", "event", "place", "speakers", "is_public"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


TIMESTAMP_SALT = "knowledge.talk-request"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 60 * 60 * 6


class TalkRequestForm(forms.ModelForm):
    """Public form. Spam protection without a third-party captcha: a honeypot field that
    people do not see, and a signed timestamp (a form sent within seconds is a bot)."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = TalkRequest
        fields = ["kind", "name", "organisation", "email", "preferred_date", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6}), "kind": forms.RadioSelect}

    def __init__(self, *args, min_seconds: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_seconds = MIN_FILL_SECONDS if min_seconds is None else min_seconds
        # Radio buttons without the model field's empty "---------" choice; a talk by default.
        self.fields["kind"].choices = TalkRequest.Kind.choices
        self.fields["kind"].initial = TalkRequest.Kind.TALK
        if not self.is_bound:
            self.initial["started"] = signing.TimestampSigner(salt=TIMESTAMP_SALT).sign("form")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your request could not be sent."), code="spam")
        signer = signing.TimestampSigner(salt=TIMESTAMP_SALT)
        try:
            signer.unsign(self.data.get("started", ""), max_age=MAX_FORM_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Please fill it in again."), code="expired"
            ) from None
        try:
            signer.unsign(self.data.get("started", ""), max_age=self.min_seconds)
        except signing.SignatureExpired:
            pass
        else:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your entries and send it again."),
                code="too_fast",
            )
        return cleaned

    def request_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class TalkRequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TalkRequest.Status.choices)


class ExpertiseForm(forms.ModelForm):
    class Meta:
        model = Expertise
        fields = ["label", "topic", "year"]
