from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BODY_HELP = _(
    "Markdown: **bold**, lists, links. Mention people with @ and their full name "
    "(@First Last), Kommunen with ! (!Lemgo)."
)


def _body_field(label):
    return forms.CharField(
        label=label,
        help_text=BODY_HELP,
        strip=True,
        # Length and emptiness are checked by the service, with a clear message.
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "hx-get": reverse_lazy("discussions:suggest"),
                "hx-trigger": "keyup changed delay:300ms",
                "hx-sync": "this:replace",
                "hx-target": "next [data-mention-suggestions]",
                "data-mention-input": "",
            }
        ),
    )


class PostForm(forms.Form):
    body = _body_field(_("Your post"))
    is_question = forms.BooleanField(
        label=_("This is a question"),
        required=False,
        help_text=_("The responsible Kommune can then mark a reply as the answer."),
    )


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))


class EditForm(forms.Form):
    body = _body_field(_("Text"))


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("The author sees this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=1000,
        help_text=_("The moderators (admins and the Kreis-Koordination) get your report by email."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
