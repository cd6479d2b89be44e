from django import forms
from django.utils.translation import gettext_lazy as _

from legal.models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "page_url", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "email": _("Only if you would like an answer."),
            "page_url": _("The address or name of the page where you met the barrier."),
        }
