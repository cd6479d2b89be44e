from django import forms
from django.utils.translation import gettext_lazy as _

from digests.models import DigestPreference
from digests.sections import all_sections


def section_choices():
    return [(s.key, s.label) for s in all_sections()]


class PreferenceForm(forms.ModelForm):
    hour = forms.TypedChoiceField(
        label=_("Time"),
        coerce=int,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        help_text=_("Time in Germany (Europe/Berlin)."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        help_text=_("Choose none to get all sections."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=DigestPreference.Scope.choices,
        widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
    )

    class Meta:
        model = DigestPreference
        fields = ["enabled", "weekday", "hour", "sections", "scope", "skip_when_empty", "reminders"]
        labels = {
            "enabled": _("Send me the weekly digest"),
            "weekday": _("Weekday"),
            "skip_when_empty": _("Skip the digest when there is nothing new"),
            "reminders": _("Remind me 48 hours before meetings I accepted"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = section_choices()
        if self.instance and self.instance.sections:
            self.initial["sections"] = self.instance.sections
