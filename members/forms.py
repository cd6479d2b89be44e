from allauth.account.forms import ResetPasswordKeyForm as _AllauthResetPasswordKeyForm
from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from members.models import Membership, Municipality, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "phone", "preferred_language"]


class MembershipProfileForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["motto", "responsibilities"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 4})}


MembershipProfileFormSet = modelformset_factory(
    Membership, form=MembershipProfileForm, extra=0, can_delete=False
)


class MunicipalityForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Municipality
        fields = ["website", "contact_email", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("email address"))
    full_name = forms.CharField(label=_("full name"), max_length=150)
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.all(), required=False
    )
    role = forms.ChoiceField(
        label=_("role"), choices=[("", "—"), *Membership.Role.choices], required=False
    )
    preferred_language = forms.ChoiceField(
        label=_("preferred language"), choices=User._meta.get_field("preferred_language").choices
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A person with this email address already exists."))
        return email

    def clean(self):
        data = super().clean()
        if bool(data.get("municipality")) != bool(data.get("role")):
            raise forms.ValidationError(_("Choose both a Kommune and a role, or neither."))
        return data


class ResetPasswordKeyForm(_AllauthResetPasswordKeyForm):
    """Setting a password through an emailed key also proves the address.

    Invited people set their first password through such a link, so following the invitation
    verifies their email address too, and the mandatory verification needs no second email.
    """

    def save(self):
        super().save()
        from members.services import user_mark_email_verified

        user_mark_email_verified(user=self.user)
