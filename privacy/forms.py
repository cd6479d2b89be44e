from django import forms
from django.utils.translation import gettext_lazy as _

from privacy import selectors


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class OffboardingForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person who leaves"),
        queryset=selectors.offboarding_candidates(),
        help_text=_("Their account is anonymised: it shows as “ehemaliges Mitglied”."),
    )
    successor = PersonChoiceField(
        label=_("Successor"),
        queryset=selectors.offboarding_candidates(),
        help_text=_(
            "Takes over the roles, the contact roles in projects, knowledge articles and the "
            "software landscape, the knowledge articles the person looks after and the open "
            "Maßnahmen."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I know that this cannot be undone."),
        help_text=_(
            "Name, email address, password, second factor, sessions, calendar subscription and "
            "digest settings of the person are removed; their contributions stay readable."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("successor") and data["person"] == data["successor"]:
            self.add_error("successor", _("The successor must be another person."))
        return data
