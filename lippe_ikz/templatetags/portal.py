import copy

from django import forms, template
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

from lippe_ikz.dates import weekday_date
from lippe_ikz.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter(name="weekday_date")
def weekday_date_filter(value, style: str = "long"):
    """`{{ d|weekday_date }}` "Montag, 2. März 2026"; "short": "Mo, 2. März 2026";
    "time" / "short_time" add the time. Formats follow the active language."""
    return weekday_date(value, short=style.startswith("short"), with_time=style.endswith("time"))


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
    if isinstance(widget, forms.SelectMultiple):
        return "multiselect"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` in a widget template: safe input stays as it is."""
    return value if isinstance(value, SafeData) else escape(str(value))


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_text(value)}"')
    return "".join(out)


class _FastSelect(forms.Select):
    """A plain Select rendered in Python instead of one template include per option: the same
    bytes as Django's select.html/select_option.html (tested), ~20× faster for the long lists
    of Kommunen in the filter forms. Anything unusual falls back to the templates."""

    def render(self, name, value, attrs=None, renderer=None):
        # Widget.get_context, not Select's: its optgroups() builds a dict per option.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = set(widget["value"])
        name_html = conditional_escape(widget["name"])
        out = [f'<select name="{name_html}"{_attrs_html(widget["attrs"])}>']
        has_selected = False
        for option_value, option_label in self.choices:  # as ChoiceWidget.optgroups()
            if option_value is None:
                option_value = ""
            if isinstance(option_label, list | tuple):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [(option_value, option_label)]
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for subvalue, label in choices:
                if not isinstance(label, str | Promise):  # numbers would be localised
                    return super().render(name, value, attrs, renderer)
                selected = not has_selected and str(subvalue) in chosen
                has_selected |= selected
                out.append(
                    f'\n  <option value="{_text(subvalue)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(label)}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 - every part escaped above


def _fast_widget(widget):
    """The widget to render with: a plain Select with Django's own templates is swapped for a
    copy that renders in Python (the bound field, its attributes and value stay the same)."""
    if (
        type(widget) is forms.Select
        and widget.template_name == forms.Select.template_name
        and widget.option_template_name == forms.Select.option_template_name
    ):
        fast = copy.copy(widget)
        fast.__class__ = _FastSelect
        return fast
    return widget


@register.inclusion_tag("partials/field.html")
def field(bound_field, **attrs):
    """Render one form field the KERN way: label, hint, error, input; linked by ids."""
    widget = bound_field.field.widget
    kind = _widget_kind(widget)
    base = {
        "checkbox": "kern-form-check__checkbox",
        "select": "kern-form-input__select",
        "multiselect": "kern-form-input__input portal-multiselect",
        "input": "kern-form-input__input",
        "file": "kern-form-input__input",
        "choices": "",
    }[kind]
    css = f"{base} {base}--error" if bound_field.errors and kind != "file" and base else base
    described = []
    if kind == "multiselect":
        described.append(f"{bound_field.auto_id}_multihint")
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
    widget_attrs = {"class": css, **attrs}
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        widget_attrs["aria-invalid"] = "true"
    if kind == "choices":
        return {"field": bound_field, "kind": kind, "choices": _choice_widgets(bound_field)}
    return {
        "field": bound_field,
        "kind": kind,
        "widget": bound_field.as_widget(widget=_fast_widget(widget), attrs=widget_attrs),
    }


def _choice_widgets(bound_field) -> list:
    """The radios or checkboxes of a RadioSelect/CheckboxSelectMultiple with KERN's classes
    (kern-form-check__radio / __checkbox, the --error variant when the field has errors)."""
    widget = bound_field.field.widget
    base = (
        "kern-form-check__checkbox"
        if isinstance(widget, forms.CheckboxSelectMultiple)
        else "kern-form-check__radio"
    )
    css = f"{base} {base}--error" if bound_field.errors else base
    own = widget.attrs.get("class", "")
    styled = copy.copy(widget)
    styled.attrs = {**widget.attrs, "class": css if base in own else f"{own} {css}".strip()}
    attrs = {"id": bound_field.auto_id} if bound_field.auto_id else {}
    attrs = bound_field.build_widget_attrs(attrs, styled)
    return [
        forms.boundfield.BoundWidget(styled, sub, bound_field.form.renderer)
        for sub in styled.subwidgets(bound_field.html_name, bound_field.value(), attrs=attrs)
    ]


@register.simple_tag(takes_context=True, name="object_panels")
def object_panels_tag(context, obj):
    """The sections other apps add to ``obj``'s detail page (see lippe_ikz.panels)."""
    from lippe_ikz.panels import object_panels

    return object_panels(context["request"], obj)


def _first_input_id(bound_field) -> str:
    """The id a summary link points at: the input, or the first radio/checkbox of a group."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""
    return bound_field.id_for_label or bound_field.auto_id or ""


@register.filter
def error_summary(form, formsets=None) -> list[dict]:
    """Every wrong field of a form or formset (and of the optional further `formsets`) as
    {"id", "label", "message"} for the error summary (partials/form_errors.html); errors
    without a field have no id."""
    if formsets:
        checked = [f for f in formsets if getattr(f, "_errors", None) is not None]
        return [*error_summary(form), *(i for f in checked for i in error_summary(f))]
    items = []
    if isinstance(form, forms.BaseFormSet):
        items.extend({"id": "", "label": "", "message": e} for e in form.non_form_errors())
        for sub in form.forms:
            items.extend(error_summary(sub))
        return items
    if not isinstance(form, forms.BaseForm) or not form.is_bound:
        return items
    items.extend({"id": "", "label": "", "message": e} for e in form.non_field_errors())
    for bound_field in form:
        for message in bound_field.errors:
            items.append(
                {"id": _first_input_id(bound_field), "label": bound_field.label, "message": message}
            )
    return items


def _has_errors(value) -> bool:
    # Only forms that were already validated count: reading `.errors` would validate others.
    if isinstance(value, forms.BaseFormSet):
        return value.is_bound and value._errors is not None and value.total_error_count() > 0
    if isinstance(value, forms.BaseForm):
        return value.is_bound and value._errors is not None and bool(value._errors)
    return False


@register.simple_tag(takes_context=True)
def form_has_errors(context) -> bool:
    """True when the page shows a form (under any name) that failed validation: the base
    template prefixes the title with "Error:"."""
    if context.get("form_has_errors"):
        return True
    for value in context.flatten().values():
        if _has_errors(value):
            return True
        if isinstance(value, list | tuple) and any(_has_errors(v) for v in value[:20]):
            return True
    return False


# --- Breadcrumbs ------------------------------------------------------------------------------
# {% breadcrumbs %}
#   {% crumb "projects:list" %}{% translate "Projects" %}{% endcrumb %}
#   {% crumb project %}{{ project.title }}{% endcrumb %}
#   {% crumb %}{% translate "Participants" %}{% endcrumb %}
# {% endbreadcrumbs %}
# A crumb's target is an object (its get_absolute_url), a path ("/…") or a URL name with its
# arguments; the last crumb is the current page. Rendered by partials/breadcrumbs.html.
_CRUMBS = "_portal_breadcrumbs"


def _crumb_url(target, args) -> str:
    if target in (None, ""):
        return ""
    if hasattr(target, "get_absolute_url"):
        return target.get_absolute_url()
    target = str(target)
    if target.startswith(("/", "?", "#")):
        return target
    from django.urls import reverse

    return reverse(target, args=args)


class CrumbNode(template.Node):
    def __init__(self, nodelist, target, args):
        self.nodelist, self.target, self.args = nodelist, target, args

    def render(self, context):
        crumbs = context.get(_CRUMBS)
        if crumbs is None:
            raise template.TemplateSyntaxError("{% crumb %} belongs inside {% breadcrumbs %}")
        target = self.target.resolve(context) if self.target is not None else None
        args = [arg.resolve(context) for arg in self.args]
        label = self.nodelist.render(context)  # SafeString: rendered, hence escaped
        crumbs.append({"label": label, "url": _crumb_url(target, args)})
        return ""


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        crumbs: list[dict] = []
        with context.push(**{_CRUMBS: crumbs}):
            self.nodelist.render(context)
        if not crumbs:
            return ""
        crumbs[-1]["current"] = True
        from django.template.loader import render_to_string

        return render_to_string(
            "partials/breadcrumbs.html", {"crumbs": crumbs}, request=context.get("request")
        )


@register.tag
def breadcrumbs(parser, token):
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)


@register.tag
def crumb(parser, token):
    bits = token.split_contents()[1:]
    target = parser.compile_filter(bits[0]) if bits else None
    args = [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse(("endcrumb",))
    parser.delete_first_token()
    return CrumbNode(nodelist, target, args)
