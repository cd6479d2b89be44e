"""Object panels: an app adds sections to another app's detail page through its AppConfig."""

from django.apps import apps

from lippe_ikz.panels import Panel, object_panels


def test_object_panels_are_collected_by_order_and_see_the_object(monkeypatch, rf):
    seen = []

    def contribute(request, obj):
        seen.append(obj)
        return [Panel("b.html", order=20), Panel("a.html", order=10)]

    monkeypatch.setattr(apps.get_app_config("ozg"), "object_panels", contribute, raising=False)
    panels = object_panels(rf.get("/"), "the object")
    assert [p.template_name for p in panels] == ["a.html", "b.html"]
    assert seen == ["the object"]
