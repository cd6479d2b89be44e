"""The apps that came after the privacy app take part in it too: knowledge (articles, files,
"Wer weiß was?"), the software landscape (contacts) and the API tokens of the public site."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from knowledge.models import Article, ArticleFile, Expertise, Revision
from landscape.models import Usage
from members.models import Membership
from privacy import services
from public_site import services as public_services
from public_site.models import ApiToken
from tests.knowledge.factories import ArticleFactory, ExpertiseFactory
from tests.landscape.factories import UsageFactory
from tests.members.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana_records(detmold, detmold_cdo, lemgo_cdo):
    owned = ArticleFactory(title="Leitfaden E-Akte", owner=detmold_cdo, municipality=detmold,
                           created_by=detmold_cdo)  # fmt: skip
    contact = ArticleFactory(title="Checkliste Rechenzentrum", owner=lemgo_cdo,
                             municipality=detmold)  # fmt: skip
    contact.contacts.add(detmold_cdo)
    Revision.objects.create(article=owned, number=1, title=owned.title, summary="Kurz",
                            body="Erste Fassung", author=detmold_cdo)  # fmt: skip
    item = ArticleFile(article=owned, version=1, title="Muster", original_name="muster.pdf",
                       extension="pdf", content_type="application/pdf", size=12,
                       token="tok-muster", uploaded_by=detmold_cdo)  # fmt: skip
    item.file.save("muster.pdf", ContentFile(b"%PDF-1.4 Mu"), save=False)
    item.save()
    ExpertiseFactory(user=detmold_cdo, label="E-Akte eingeführt 2023")
    ExpertiseFactory(user=lemgo_cdo, label="Ratsinformationssystem")
    usage = UsageFactory(municipality=detmold, contact=detmold_cdo, comment="Vertrag läuft")
    _token, raw = public_services.api_token_create(user=detmold_cdo, name="Auswertung")
    return owned, contact, usage, raw


def test_the_export_holds_knowledge_landscape_and_token_records(detmold_cdo, dana_records):
    buffer = io.BytesIO()
    services.build_zip(detmold_cdo, buffer, now=timezone.now())
    archive = zipfile.ZipFile(buffer)
    names = set(archive.namelist())
    for expected in ("knowledge/articles_owned.json", "knowledge/article_contact_for.csv",
                     "knowledge/revisions.json", "knowledge/expertise.csv",
                     "landscape/software_usages.json", "public/api_tokens.json"):  # fmt: skip
        assert expected in names, expected
    assert [a["title"] for a in json.loads(archive.read("knowledge/articles_owned.json"))] == [
        "Leitfaden E-Akte"
    ]
    files = [n for n in names if n.startswith("knowledge/files/")]
    assert len(files) == 1 and archive.read(files[0]) == b"%PDF-1.4 Mu"
    expertise = archive.read("knowledge/expertise.csv").decode()
    assert "E-Akte eingeführt 2023" in expertise and "Ratsinformationssystem" not in expertise
    tokens = json.loads(archive.read("public/api_tokens.json"))
    assert [t["name"] for t in tokens] == ["Auswertung"]
    token_json = archive.read("public/api_tokens.json").decode()
    assert "key_hash" not in token_json and dana_records[3] not in token_json


def test_offboarding_hands_over_articles_and_software_contacts(
    admin_user, detmold, detmold_cdo, lemgo_cdo, dana_records
):
    owned, contact, usage, raw = dana_records
    successor = MembershipFactory(
        municipality=detmold, role=Membership.Role.DEPUTY,
        user=UserFactory(email="stv.detmold@example.org", full_name="Nora Nachfolge"),
    ).user  # fmt: skip
    record = services.person_offboard(actor=admin_user, person=detmold_cdo, successor=successor)

    assert Article.objects.get(pk=owned.pk).owner == successor
    assert list(Article.objects.get(pk=contact.pk).contacts.all()) == [successor]
    assert Article.objects.get(pk=contact.pk).owner == lemgo_cdo
    assert Usage.objects.get(pk=usage.pk).contact == successor
    assert record.handed_over["knowledge"] == ["2 Wissensbeiträge"]
    assert record.handed_over["landscape"] == ["1 Ansprechpartnerschaft in der Software-Landschaft"]
    # "Wer weiß was?" without the person; the API cannot be used in their name any more.
    assert list(Expertise.objects.values_list("label", flat=True)) == ["Ratsinformationssystem"]
    assert not Expertise.history.filter(label="E-Akte eingeführt 2023").exists()
    assert not ApiToken.objects.filter(user=detmold_cdo).exists()
    assert public_services.api_token_user(raw) is None
    # The uploaded file stays with the article.
    assert ArticleFile.objects.get(article=owned).uploaded_by_id == detmold_cdo.pk


def test_every_app_with_records_of_people_takes_part_in_the_export():
    """A new app with a foreign key to the account must define personal_data (and think about
    hand_over and anonymise): lippe_ikz/privacy.py."""
    from django.apps import apps
    from django.conf import settings

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    missing = []
    for config in apps.get_app_configs():
        own = str(settings.BASE_DIR) in config.path and "site-packages" not in config.path
        if config.label == "privacy" or not own:
            continue
        holds_people = any(
            field.related_model is user_model
            for model in config.get_models()
            if not model.__name__.startswith("Historical")
            for field in model._meta.get_fields()
            if field.concrete and (field.many_to_one or field.many_to_many)
        )
        if holds_people and getattr(config, "personal_data", None) is None:
            missing.append(config.label)
    assert missing == []
