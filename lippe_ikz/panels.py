"""Contributions of one app to pages of another, without imports against the dependency arrows.

An app's AppConfig may define

- ``navigation``: a list of ``NavItem`` for the main navigation;
- ``user_navigation``: a list of ``NavItem`` for the header's user menu (the person's own
  pages: profile, action items, digest settings …);
- ``dashboard_panels(request) -> list[Panel]``: sections of the dashboard; a panel with
  ``slot="todo"`` is a card of its "To do" section (what the person should act on);
- ``municipality_panels(request, municipality) -> list[Panel]``: sections of a Kommune's page.
- ``profile_panels(request) -> list[Panel]``: sections of the person's own profile page
  (outside its form, e.g. calendar subscription or email settings).
- ``object_panels(request, obj) -> list[Panel]``: sections an app adds to another app's
  detail page (a project, workshop, meeting, OZG service …), e.g. the knowledge articles
  linked to it or its discussion. The page renders them with ``{% object_panels obj as
  panels %}`` (library ``portal``); an app returns ``[]`` for objects it has nothing for.

Pages collect them here in INSTALLED_APPS order (then by ``order``), so an app that is not
installed simply contributes nothing.
"""

from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    path_prefix: str
    order: int = 100


@dataclass
class Panel:
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    # "todo": one card of the dashboard's "To do" section (the template starts with an <h3>
    # and says nothing when there is nothing to do); "" for a section of its own (<h2>).
    slot: str = ""


def navigation() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "navigation", ()))
    return sorted(items, key=lambda item: item.order)


def user_navigation() -> list[NavItem]:
    """The person's own pages in the header's user menu (AppConfig ``user_navigation``)."""
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "user_navigation", ()))
    return sorted(items, key=lambda item: item.order)


def _collect(hook: str, *args) -> list[Panel]:
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        contribute = getattr(config, hook, None)
        if contribute is not None:
            panels.extend(contribute(*args))
    return sorted(panels, key=lambda panel: panel.order)


def dashboard_panels(request) -> list[Panel]:
    return _collect("dashboard_panels", request)


def municipality_panels(request, municipality) -> list[Panel]:
    return _collect("municipality_panels", request, municipality)


def profile_panels(request) -> list[Panel]:
    return _collect("profile_panels", request)


def object_panels(request, obj) -> list[Panel]:
    return _collect("object_panels", request, obj)
