"""The `{% field %}` tag renders plain selects in Python: byte-equal to Django's templates."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from lippe_ikz.templatetags.portal import _fast_widget, _FastSelect
from projects.filters import ProjectFilter


class _Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("x", '<X & "y">'), ("z", mark_safe("<b>Z</b>")), (3, "drei")], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Gruppe <1>", [("1", "eins"), ("2", "zwei")]), ("3", "3")]
    )
    locked = forms.ChoiceField(choices=[("1", "a")], disabled=True, required=False)
    years = forms.TypedChoiceField(choices=[(2026, 2026), (2025, 2025)], coerce=int)  # numbers


def _selects(form):
    return [bf for bf in form if type(bf.field.widget) is forms.Select]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form",
    [
        lambda: ProjectFilter({}).form,
        lambda: ProjectFilter({"status": "idea", "kommune": "detmold", "rolle": "lead"}).form,
        lambda: _Form(),
        lambda: _Form({"plain": "z", "grouped": "2", "years": "2025"}),
        lambda: _Form({"plain": "nichts"}),
    ],
)
def test_fast_select_equals_django_rendering(form, detmold):
    bound = form()
    bound.is_valid()
    fields = _selects(bound)
    assert fields
    for field in fields:
        attrs = {"class": "kern-form-input__select", "aria-describedby": 'a"b <c>'}
        if field.errors:
            attrs["aria-invalid"] = "true"
        expected = field.as_widget(attrs=dict(attrs))
        fast = _fast_widget(field.field.widget)
        assert isinstance(fast, _FastSelect)
        assert field.as_widget(widget=fast, attrs=dict(attrs)) == expected
        assert type(field.field.widget) is forms.Select  # the form's own widget is untouched


def test_other_widgets_are_left_alone():
    for widget in (forms.SelectMultiple(), forms.RadioSelect(), forms.TextInput()):
        assert _fast_widget(widget) is widget
