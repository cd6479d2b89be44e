from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_url(context, name, value="", toggle=False):
    """The current search with one parameter set (or, with toggle, added/removed); the page
    number is dropped. An empty value removes the parameter."""
    params: QueryDict = context["request"].GET.copy()
    params.pop("seite", None)
    value = str(value)
    if toggle:
        values = params.getlist(name)
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        params.setlist(name, values)
    elif value:
        params[name] = value
    else:
        params.pop(name, None)
    return "?" + params.urlencode()
