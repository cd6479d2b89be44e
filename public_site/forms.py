from django import forms
from django.utils.translation import gettext_lazy as _

from ozg.models import OzgService


class PublicationForm(forms.Form):
    statuses_public = forms.BooleanField(
        label=_("Show our OZG statuses on the public pages, in the open data and in the API"),
        required=False,
        help_text=_("Notes, people and costs are never public."),
    )


class ExceptionForm(forms.Form):
    MODES = [
        ("show", _("show this status although the rest is not public")),
        ("hide", _("hide this status although the rest is public")),
        ("remove", _("remove the exception (the setting above applies)")),
    ]
    service = forms.ModelChoiceField(
        label=_("OZG-ID"),
        queryset=OzgService.objects.filter(withdrawn_at__isnull=True),
        to_field_name="ozg_id",
        widget=forms.TextInput,
        error_messages={"invalid_choice": _("There is no active OZG service with this ID.")},
        help_text=_("Five digits, e.g. 10092 for Wohngeld."),
    )
    mode = forms.ChoiceField(label=_("Exception"), choices=MODES, widget=forms.RadioSelect)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What you use it for, e.g. “Dashboard of the Kreis”."),
    )
