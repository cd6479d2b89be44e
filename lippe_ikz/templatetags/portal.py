from django import forms, template
from django.utils.formats import number_format

from lippe_ikz.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter
def de_number(value, decimals: int = 0):
    """A number with the locale's grouping: 75.089 in German, 75,089 in English."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


def _widget_kind(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.inclusion_tag("partials/field.html")
def field(bound_field, **attrs):
    """Render one form field the KERN way: label, hint, error, input; linked by ids."""
    kind = _widget_kind(bound_field.field.widget)
    base = {
        "checkbox": "kern-form-check__checkbox",
        "select": "kern-form-input__select",
        "input": "kern-form-input__input",
        "file": "kern-form-input__input",
        "choices": "",
    }[kind]
    css = f"{base} {base}--error" if bound_field.errors and kind != "file" and base else base
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
    widget_attrs = {"class": css, **attrs}
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        widget_attrs["aria-invalid"] = "true"
    return {
        "field": bound_field,
        "kind": kind,
        "widget": bound_field.as_widget(attrs=widget_attrs),
    }


@register.simple_tag(takes_context=True, name="object_panels")
def object_panels_tag(context, obj):
    """The sections other apps add to ``obj``'s detail page (see lippe_ikz.panels)."""
    from lippe_ikz.panels import object_panels

    return object_panels(context["request"], obj)
