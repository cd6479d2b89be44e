from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_mention", "email_answer"]
        labels = {
            "email_mention": _("Email me at once when someone mentions me or my Kommune"),
            "email_answer": _("Email me at once when my question is answered"),
        }
        help_texts = {
            "email_mention": _("At most one email per thread and hour."),
        }


class FollowForm(forms.Form):
    """The follow button: which item (model label and id)."""

    item_type = forms.CharField(max_length=60)
    item_id = forms.IntegerField(min_value=1)
