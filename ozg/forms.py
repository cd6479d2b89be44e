from django import forms
from django.utils.translation import gettext_lazy as _

from lippe_ikz.uploads import inspect_upload
from members.models import Municipality
from ozg.models import (
    Assignment,
    FormTemplate,
    ImplementationState,
    Maturity,
    ServiceStatus,
    Solution,
)


class StatusForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link to the online service"), required=False, assume_scheme="https"
    )

    class Meta:
        model = ServiceStatus
        fields = ["maturity", "state", "online_since", "url", "solution", "notes"]
        widgets = {
            "maturity": forms.RadioSelect,
            "online_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "maturity": _("OZG-Reifegradmodell; from 3 on the service is OZG-konform."),
            "solution": _("So that other Kommunen can reuse it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maturity"].choices = Maturity.numbered_choices()
        self.fields["solution"].queryset = Solution.objects.order_by("name")
        self.fields["solution"].empty_label = _("none / not known")


class QuickStatusForm(forms.Form):
    """Inline editing in the bulk edit: Reifegrad and state only."""

    maturity = forms.TypedChoiceField(
        label=_("Reifegrad"),
        coerce=int,
        choices=Maturity.numbered_choices(),
        widget=forms.Select(attrs={"class": "kern-form-input__select ozg-select"}),
    )
    state = forms.ChoiceField(
        label=_("implementation state"),
        choices=ImplementationState.choices,
        widget=forms.Select(attrs={"class": "kern-form-input__select ozg-select"}),
    )


class AssignmentForm(forms.ModelForm):
    """Admins assign the lead Kommune and the supporters."""

    class Meta:
        model = Assignment
        fields = ["lead", "supporters", "notes", "target_date"]
        widgets = {
            "supporters": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Municipality.objects.order_by("name")
        self.fields["supporters"].queryset = Municipality.objects.order_by("name")


class AssignmentNotesForm(forms.ModelForm):
    """The lead Kommune keeps notes and target date."""

    class Meta:
        model = Assignment
        fields = ["notes", "target_date"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class FormTemplateForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = FormTemplate
        fields = ["title", "kind", "version", "status", "link", "file", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"file": _("PDF, Word or a process model; or give a link instead.")}

    def clean(self):
        data = super().clean()
        if not data.get("link") and not data.get("file") and not self.instance.file:
            raise forms.ValidationError(_("Give a link or upload a file."))
        if data.get("file") and hasattr(data["file"], "size"):
            try:
                inspect_upload(data["file"])
            except forms.ValidationError as error:
                self.add_error("file", error)
        return data


class CatalogueImportForm(forms.Form):
    services_file = forms.FileField(
        label=_("OZG services file (CSV)"),
        help_text=_("Same shape as ozg_services.csv: ozg_id, name, themenfeld, lebenslage, …"),
    )
    leika_file = forms.FileField(
        label=_("LeiKa mapping file (CSV)"),
        required=False,
        help_text=_("Optional, same shape as ozg_leika_mapping.csv."),
    )
    withdraw_missing = forms.BooleanField(
        label=_("Mark services missing from the file as withdrawn"), required=False, initial=True
    )
