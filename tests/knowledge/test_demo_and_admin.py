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


@override_settings(DEBUG=True)
def test_demo_lets_a_new_user_try_every_part(reference_data, client, settings, tmp_path):
    """The checklist is found from an OZG service page; the FAQ has two revisions to compare
    and its review is overdue on its owner's dashboard; a Kommune uses an older version of the
    model agreement and is told a newer one is available."""
    from knowledge.models import ArticleFile, TemplateUsage
    from members.models import User
    from ozg.models import OzgService

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    efa = Article.objects.get(title="OZG-Leistung nachnutzen (EfA)")
    assert efa.is_checklist and efa.is_demo and efa.items.count() == 6
    client.force_login(User.objects.get(email="cdo.lemgo@example.org"))
    service = OzgService.objects.get(name="Wohngeld")
    assert efa.get_absolute_url() in client.get(service.get_absolute_url()).content.decode()
    faq = Article.objects.get(title="FAQ: OZG-Nachnutzung")
    assert faq.revisions.count() == 2 and faq.is_overdue
    history = client.get(f"/wissen/{faq.slug}/versionen/?alt=1&neu=2").content.decode()
    assert "<ins" in history and "Was kostet die Nachnutzung?" in history
    assert faq.get_absolute_url() in client.get("/").content.decode()
    template = Article.objects.get(kind="template")
    assert list(template.files.values_list("version", flat=True)) == [2, 1]
    assert ArticleFile.objects.filter(article=template).first().file.read().startswith(b"%PDF")
    assert TemplateUsage.objects.get(municipality__slug="detmold").file.version == 1
    page = client.get("/kommunen/detmold/").content.decode()
    assert "neuere Version verfügbar" in page
    counts = (Article.objects.count(), ArticleFile.objects.count(), faq.revisions.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Article.objects.count(), ArticleFile.objects.count(), faq.revisions.count()) == counts


def test_admin_lists_and_history_of_every_model(admin_client, guide):
    from django.apps import apps

    for model in apps.get_app_config("knowledge").get_models():
        if model.__name__.startswith("Historical"):
            continue
        url = f"/admin/knowledge/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(f"/admin/knowledge/article/{guide.pk}/history/").status_code == 200
