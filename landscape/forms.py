from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from landscape.models import Category, Product, Usage
from landscape.selectors import HORIZONS
from members.models import Municipality, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def product_choices():
    """Products grouped by category (an <optgroup> per category)."""
    groups: dict[str, list] = {}
    for product in Product.objects.select_related("category").order_by(
        "category__position", "category__name", "name"
    ):
        groups.setdefault(product.category.name, []).append((product.pk, product.name))
    return [("", _("– choose a product –")), *groups.items()]


def contact_queryset(municipality: Municipality):
    return (
        User.objects.filter(memberships__municipality=municipality, is_active=True)
        .distinct()
        .order_by("full_name")
    )


def contact_choices(municipality: Municipality) -> list:
    """The Kommune's people, read once for all rows of a form set."""
    return [("", _("– the Kommune's CDO –"))] + [
        (u.pk, str(u)) for u in contact_queryset(municipality)
    ]


class UsageForm(forms.ModelForm):
    class Meta:
        model = Usage
        fields = [
            "product", "since", "contract_end", "notice_months", "licences", "yearly_cost",
            "satisfaction", "comment", "contact", "plans",
        ]  # fmt: skip
        widgets = {
            "since": DATE,
            "contract_end": DATE,
            "comment": forms.Textarea(attrs={"rows": 2}),
            "satisfaction": forms.Select(
                choices=[("", "–"), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]
            ),
        }

    def __init__(self, *args, municipality: Municipality, choices=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["product"].choices = choices if choices is not None else product_choices()
        self.fields["contact"].queryset = contact_queryset(municipality)
        self.fields["contact"].choices = (
            contacts if contacts is not None else contact_choices(municipality)
        )
        self.fields["comment"].widget.attrs.pop("maxlength", None)

    def clean(self):
        data = super().clean()
        product = data.get("product")
        if product is not None:
            taken = Usage.objects.filter(municipality=self.municipality, product=product)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "product",
                    _("%(kommune)s already records %(product)s.")
                    % {"kommune": self.municipality.name, "product": product.name},
                )
        return data


class BaseUsageFormSet(BaseModelFormSet):
    def __init__(self, *args, municipality: Municipality, **kwargs):
        self.municipality = municipality
        kwargs.setdefault("queryset", Usage.objects.none())
        kwargs["form_kwargs"] = {
            "municipality": municipality,
            "choices": product_choices(),
            "contacts": contact_choices(municipality),
        }
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            product = form.cleaned_data.get("product") if hasattr(form, "cleaned_data") else None
            if product is None:
                continue
            if product.pk in seen:
                form.add_error("product", _("This product is listed twice."))
            seen[product.pk] = form


UsageFormSet = modelformset_factory(
    Usage, form=UsageForm, formset=BaseUsageFormSet, extra=3, can_delete=True
)


class WindowForm(forms.Form):
    horizont = forms.TypedChoiceField(
        label=_("Contracts ending within"),
        coerce=int,
        choices=[(m, _("%(months)d months") % {"months": m}) for m in HORIZONS],
        initial=24,
        required=False,
    )
    kategorie = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("all categories"),
    )


class JointProjectForm(forms.Form):
    title = forms.CharField(label=_("title of the joint project"), max_length=200)
    topic = forms.ModelChoiceField(label=_("topic"), queryset=None)
    lead = forms.ModelChoiceField(label=_("lead Kommune"), queryset=None)
    usages = forms.ModelMultipleChoiceField(
        label=_("contracts to include"),
        queryset=Usage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their Kommunen are invited with the role Interest."),
    )

    def __init__(self, *args, own, window_usages, **kwargs):
        from projects.models import Topic

        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["lead"].queryset = Municipality.objects.filter(pk__in=[m.pk for m in own])
        self.fields["usages"].queryset = Usage.objects.filter(
            pk__in=[u.pk for u in window_usages]
        ).select_related("municipality", "product")
        self.fields["usages"].label_from_instance = lambda u: (
            f"{u.municipality.name}: {u.product.name}"
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("file (CSV or XLSX)"),
        help_text=_("The columns of the export; the first line holds the column names."),
    )
