from django import template
from django.http import QueryDict

register = template.Library()


def _other_parameters(context, name: str) -> str:
    """The current search's parameters except `name` and the page number, encoded once per
    rendering and parameter: the Kommune facet alone has a link for each of up to 396."""
    cache = context.render_context.setdefault("search_other_parameters", {})
    if name not in cache:
        params: QueryDict = context["request"].GET.copy()
        params.pop("seite", None)
        params.pop(name, None)
        cache[name] = params.urlencode()
    return cache[name]


@register.simple_tag(takes_context=True)
def facet_url(context, name, value="", toggle=False):
    """The current search with one parameter set (or, with toggle, added/removed); the page
    number is dropped. An empty value removes the parameter."""
    value = str(value)
    if toggle:
        values = context["request"].GET.getlist(name)  # a copy
        if value in values:
            values.remove(value)
        else:
            values.append(value)
    else:
        values = [value] if value else []
    own = QueryDict(mutable=True)
    own.setlist(name, values)
    return "?" + "&".join(
        part for part in (_other_parameters(context, name), own.urlencode()) if part
    )
