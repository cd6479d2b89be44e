import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from knowledge.models import Adoption, Article, Expertise, StoryEntry, Talk

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_story_and_articles_once(reference_data):
    call_command("seed_demo", stdout=io.StringIO())
    models = (Article, StoryEntry, Talk, Adoption, Expertise)
    counts = [m.objects.count() for m in models]
    call_command("seed_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in models] == counts
    titles = set(Article.objects.values_list("title", flat=True))
    assert {"Einführung E-Akte", "FAQ: OZG-Nachnutzung"} <= titles
    assert Article.objects.filter(kind="template").exists()
    assert StoryEntry.objects.filter(title="Einfach machen!", is_public=True).exists()
    assert StoryEntry.objects.filter(is_public=False, is_demo=True).exists()
    checklist = Article.objects.get(title="Einführung E-Akte")
    assert checklist.items.count() == 8 and checklist.is_demo


def test_admin_lists_and_history_of_every_model(admin_client, guide):
    from django.apps import apps

    for model in apps.get_app_config("knowledge").get_models():
        if model.__name__.startswith("Historical"):
            continue
        url = f"/admin/knowledge/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(f"/admin/knowledge/article/{guide.pk}/history/").status_code == 200
