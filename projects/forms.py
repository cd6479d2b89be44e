import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.forms import formset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lippe_ikz.uploads import ALLOWED_EXTENSIONS
from members.models import Municipality, User
from projects.models import (
    Award,
    CostItem,
    Milestone,
    Participation,
    Partner,
    Project,
    ProjectLink,
    StatusUpdate,
    Wish,
)


class GermanDecimalField(forms.DecimalField):
    """Accepts 1.234,56 and 1234,56 (and 1234.56): how people in German offices type money."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace("\xa0", "").replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.ModelForm):
    lead_municipality = forms.ModelChoiceField(
        label=_("Lead Kommune"),
        queryset=Municipality.objects.none(),
        help_text=_("Your Kommune leads the project; others join later."),
    )
    initial_status = forms.ChoiceField(
        label=_("Status"), choices=Project.Status.choices, initial=Project.Status.IDEA
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "topic",
            "start_date",
            "planned_end_date",
            "partners",
            "contacts",
            "funding_programme",
            "funding_amount",
        ]
        field_classes = {"funding_amount": GermanDecimalField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "start_date": DateInput(),
            "planned_end_date": DateInput(),
            "partners": forms.CheckboxSelectMultiple(),
            "contacts": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, lead_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["partners"].queryset = Partner.objects.order_by("name")
        if lead_choices is None:
            # Editing: lead and status change elsewhere (roles, status updates).
            del self.fields["lead_municipality"]
            del self.fields["initial_status"]
        else:
            self.fields["lead_municipality"].queryset = lead_choices
            if len(lead_choices) == 1:
                self.fields["lead_municipality"].initial = lead_choices[0].pk
            self.order_fields(["title", "lead_municipality", "initial_status"])


class LinkForm(forms.ModelForm):
    url = forms.URLField(label=_("address"), max_length=500, assume_scheme="https")

    class Meta:
        model = ProjectLink
        fields = ["title", "url"]


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "reached"]
        widgets = {"due_date": DateInput()}


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["title", "year", "awarded_by"]


MAX_DETAIL_ROWS = 30
_rows = {"extra": 1, "can_delete": True, "max_num": MAX_DETAIL_ROWS, "validate_max": True}
LinkFormSet = formset_factory(LinkForm, **_rows)
MilestoneFormSet = formset_factory(MilestoneForm, **_rows)
AwardFormSet = formset_factory(AwardForm, **_rows)


def formset_rows(formset) -> list[dict]:
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class StatusUpdateForm(forms.ModelForm):
    class Meta:
        model = StatusUpdate
        fields = ["text", "new_status", "progress"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = [("", _("unchanged")), *Project.Status.choices]


class ParticipationAddForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Participation.Role.PARTICIPANT, Participation.Role.PARTICIPANT.label),
                 (Participation.Role.INTERESTED, Participation.Role.INTERESTED.label)],
        initial=Participation.Role.PARTICIPANT,
    )  # fmt: skip

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Participation.Role.choices,
        # KERN draws the arrow on the wrapper; the class removes the browser's own arrow.
        widget=forms.Select(attrs={"class": "kern-form-input__select"}),
    )


class CostItemForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = ["title", "kind", "amount", "recurrence", "allocation_key", "note"]
        field_classes = {"amount": GermanDecimalField}
        widgets = {"recurrence": forms.RadioSelect(), "allocation_key": forms.RadioSelect()}

    def __init__(self, *args, sharing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("In euro, e.g. 12.500,00")
        self.fields["amount"].validators.append(
            MinValueValidator(Decimal("0.01"), message=_("Enter an amount of more than 0 euro."))
        )
        self.sharing = list(sharing)
        current = {}
        if self.instance.pk:
            current = {s.municipality_id: s.percent for s in self.instance.custom_shares.all()}
        for municipality in self.sharing:
            self.fields[f"percent_{municipality.pk}"] = GermanDecimalField(
                label=_("Share of %(name)s in percent") % {"name": municipality.name},
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=current.get(municipality.pk),
            )

    def percent_fields(self):
        return [self[f"percent_{m.pk}"] for m in self.sharing]

    def percentages(self) -> dict[int, object]:
        return {m.pk: self.cleaned_data.get(f"percent_{m.pk}") for m in self.sharing}


class WishForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        label=_("For the Kommune"), queryset=Municipality.objects.none()
    )

    class Meta:
        model = Wish
        fields = ["title", "provider", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["provider"].queryset = Partner.objects.filter(kind=Partner.Kind.IT_PROVIDER)


class WishStatusForm(forms.ModelForm):
    class Meta:
        model = Wish
        fields = ["status", "provider_answer"]
        widgets = {"provider_answer": forms.Textarea(attrs={"rows": 4})}


class SupportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Support as"), queryset=Municipality.objects.none()
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Office documents or images (%(types)s), at most %(limit)s.")
        % {
            "types": ", ".join(ALLOWED_EXTENSIONS),
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
        },
    )
