"""The pages as members, strangers and anonymous visitors see them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import Adoption, Article, ArticleFile, StoryEntry, TalkRequest
from tests.knowledge.factories import StoryEntryFactory, TalkFactory
from tests.workshops.factories import MeetingFactory, WorkshopFactory
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def test_every_page_renders_for_a_member(client, guide, checklist, lemgo, lemgo_cdo):
    services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    client.force_login(lemgo_cdo)
    urls = [
        "/wissen/",
        "/wissen/neu/",
        f"/wissen/{guide.slug}/",
        f"/wissen/{guide.slug}/versionen/",
        f"/wissen/{checklist.slug}/uebernahmen/",
        f"/wissen/{checklist.slug}/uebernahmen/lemgo/",
        "/netzwerk/",
        "/netzwerk/anfrage/",
        "/wer-weiss-was/",
        "/wer-weiss-was/meine/",
        "/",
        "/kommunen/lemgo/",
        "/profil/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_create_and_edit_through_the_form(detmold_client, detmold, detmold_cdo):
    response = detmold_client.post(
        "/wissen/neu/",
        {
            "kind": "faq",
            "title": "FAQ Nachnutzung",
            "summary": "Fragen",
            "body": "Antwort",
            "municipality": detmold.pk,
            "owner": detmold_cdo.pk,
            "review_interval": 365,
            "publish": "on",
            "note": "",
        },
    )
    article = Article.objects.get(title="FAQ Nachnutzung")
    assert response.status_code == 302 and article.status == "published"
    data = {
        "kind": "faq",
        "title": "FAQ Nachnutzung",
        "summary": "Fragen",
        "body": "Antwort 2",
        "municipality": detmold.pk,
        "owner": detmold_cdo.pk,
        "review_interval": 365,
        "base_revision": 1,
        "note": "Ergänzt",
    }
    assert detmold_client.post(f"/wissen/{article.slug}/bearbeiten/", data).status_code == 302
    # A second save based on revision 1 is refused and shows both texts.
    data["body"] = "Meine parallele Fassung"
    response = detmold_client.post(f"/wissen/{article.slug}/bearbeiten/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Meine parallele Fassung" in content and "Antwort 2" in content
    assert "Nothing was overwritten" in content or "nichts überschrieben" in content.lower()
    article.refresh_from_db()
    assert article.body == "Antwort 2" and article.revision_number == 2


def test_history_compares_two_revisions(detmold_client, guide, detmold_cdo):
    services.article_update(
        actor=detmold_cdo, article=guide, base_revision=1, data={"body": "Zeile eins\nZeile drei"}
    )
    response = detmold_client.get(f"/wissen/{guide.slug}/versionen/?alt=1&neu=2")
    content = response.content.decode()
    assert "<del" in content and "Zeile zwei" in content
    assert "<ins" in content and "Zeile drei" in content


def test_stranger_gets_403_and_nothing_changes(
    client, guide, checklist, lemgo, lemgo_cdo, stranger
):
    adoption = services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    item = checklist.items.first()
    client.force_login(stranger)
    base = f"/wissen/{guide.slug}/"
    denied = [
        ("get", f"{base}bearbeiten/", None),
        ("post", f"{base}bearbeiten/", {"title": "Gehackt", "base_revision": 1}),
        ("post", f"{base}status/", {"status": "archived"}),
        ("post", f"{base}geprueft/", {}),
        ("post", f"{base}versionen/1/wiederherstellen/", {}),
        ("get", f"{base}dateien/neu/", None),
        ("get", "/wissen/neu/", None),
        ("post", f"/wissen/{checklist.slug}/uebernahmen/lemgo/punkte/{item.pk}/", {"done": "1"}),
        ("get", f"/wissen/{checklist.slug}/uebernahmen/lemgo/punkte/{item.pk}/massnahme/", None),
        ("get", "/netzwerk/anfragen/", None),
        ("get", "/netzwerk/eintraege/neu/", None),
        ("post", "/netzwerk/vortraege/neu/", {"title": "x"}),
    ]
    for method, url, data in denied:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, url
    guide.refresh_from_db()
    assert guide.title == "Leitfaden Videokonferenz" and guide.status == "published"
    assert guide.revision_number == 1
    assert not adoption.entries.filter(done_at__isnull=False).exists()
    response = client.post(f"/wissen/{checklist.slug}/uebernehmen/", {"municipality": lemgo.pk})
    assert response.status_code == 403
    assert Adoption.objects.count() == 1


def test_drafts_are_private_to_their_kommune(client, guide, detmold_cdo, lemgo_cdo):
    services.article_set_status(actor=detmold_cdo, article=guide, status="draft")
    client.force_login(lemgo_cdo)
    assert client.get(f"/wissen/{guide.slug}/").status_code == 404
    assert guide.title not in client.get("/wissen/").content.decode()
    client.force_login(detmold_cdo)
    assert client.get(f"/wissen/{guide.slug}/").status_code == 200


def test_attachment_served_only_to_members(client, guide, detmold_cdo, lemgo_cdo):
    upload = SimpleUploadedFile("leitfaden.pdf", PDF, content_type="application/pdf")
    item = services.article_file_add(
        actor=detmold_cdo, article=guide, title="PDF", uploaded_file=upload
    )
    url = f"/wissen/{guide.slug}/dateien/{item.pk}/"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(lemgo_cdo)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_renamed_exe_is_refused(detmold_client, guide):
    upload = SimpleUploadedFile("muster.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = detmold_client.post(
        f"/wissen/{guide.slug}/dateien/neu/", {"title": "Muster", "upload": upload}
    )
    assert response.status_code == 200
    assert not ArticleFile.objects.exists()


def test_newer_version_notice(client, detmold, detmold_cdo, lemgo, lemgo_cdo):
    template = services.article_create(
        actor=detmold_cdo,
        publish=True,
        data={
            "kind": "template",
            "title": "Muster ÖRV",
            "summary": "Muster",
            "municipality": detmold,
            "owner": detmold_cdo,
        },
    )
    v1 = services.article_file_add(
        actor=detmold_cdo,
        article=template,
        title="Muster",
        uploaded_file=SimpleUploadedFile("m.pdf", PDF),
    )
    services.template_usage_set(actor=lemgo_cdo, article=template, municipality=lemgo, file=v1)
    client.force_login(lemgo_cdo)
    assert "newer version" not in client.get(template.get_absolute_url()).content.decode().lower()
    services.article_file_add(
        actor=detmold_cdo,
        article=template,
        title="Muster",
        uploaded_file=SimpleUploadedFile("m2.pdf", PDF),
    )
    page = client.get(template.get_absolute_url()).content.decode()
    assert "Newer version available" in page or "Neuere Version verfügbar" in page
    kommune = client.get("/kommunen/lemgo/").content.decode()
    assert "newer version available (2)" in kommune or "neuere Version verfügbar (2)" in kommune


def test_object_panels_show_linked_articles_on_both_sides(
    detmold_client, guide, detmold_cdo, detmold
):
    from ozg.models import OzgService

    service = OzgService.objects.order_by("ozg_id").first()
    meeting = MeetingFactory(host=detmold)
    guide.services.add(service)
    guide.meetings.add(meeting)
    workshop = WorkshopFactory(organiser=detmold, title="Workshop E-Akte")
    guide.workshops.add(workshop)
    for url in (
        service.get_absolute_url(),
        meeting.get_absolute_url(),
        workshop.get_absolute_url(),
    ):
        assert guide.title in detmold_client.get(url).content.decode(), url
    detail = detmold_client.get(guide.get_absolute_url()).content.decode()
    assert service.name in detail and workshop.title in detail
    # "Write an article" from the workshop's page links the new article to it from the start.
    page = detmold_client.get(workshop.get_absolute_url()).content.decode()
    assert f"/wissen/neu/?workshops={workshop.pk}" in page
    form = detmold_client.get(f"/wissen/neu/?workshops={workshop.pk}&services=x").context["form"]
    assert form.initial["workshops"] == [str(workshop.pk)] and "services" not in form.initial


def test_action_item_from_checklist_item(client, checklist, lemgo, lemgo_cdo):
    meeting = MeetingFactory(host=lemgo, title="Jour fixe Lemgo")
    services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    item = checklist.items.first()
    client.force_login(lemgo_cdo)
    url = f"/wissen/{checklist.slug}/uebernahmen/lemgo/punkte/{item.pk}/massnahme/"
    data = {"title": item.text, "origin": f"m{meeting.pk}", "due_date": "2030-01-31"}
    assert client.get(url).context["form"].initial["responsible_person"] == lemgo_cdo.pk
    for missing in ("due_date", "responsible_person"):
        response = client.post(url, {**data, "responsible_person": lemgo_cdo.pk, missing: ""})
        assert response.status_code == 200 and response.context["form"].errors[missing]
    assert not ActionItem.objects.exists()
    response = client.post(url, {**data, "responsible_person": lemgo_cdo.pk})
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.responsible_person == lemgo_cdo and str(action.due_date) == "2030-01-31"
    assert item.text in client.get("/workshops/massnahmen/").content.decode()
    adoption_page = client.get(f"/wissen/{checklist.slug}/uebernahmen/lemgo/").content.decode()
    assert meeting.get_absolute_url() in adoption_page


# --- the public story --------------------------------------------------------------------


def test_public_story_shows_only_public_items(client):
    StoryEntryFactory(title="Öffentliche Station", is_public=True)
    StoryEntryFactory(title="Interne Notiz", is_public=False, section=StoryEntry.Section.OUTLOOK)
    TalkFactory(title="Öffentlicher Vortrag", is_public=True)
    TalkFactory(title="Interner Vortrag", is_public=False)
    page = client.get("/netzwerk/").content.decode()
    assert "Öffentliche Station" in page and "Öffentlicher Vortrag" in page
    assert "Interne Notiz" not in page and "Interner Vortrag" not in page


def test_members_see_the_whole_story(client, lemgo_cdo):
    StoryEntryFactory(title="Interne Notiz", is_public=False)
    client.force_login(lemgo_cdo)
    assert "Interne Notiz" in client.get("/netzwerk/").content.decode()


def test_coordination_edits_the_story(client, coordinator, lemgo_cdo):
    client.force_login(coordinator)
    response = client.post(
        "/netzwerk/eintraege/neu/",
        {
            "section": "lesson",
            "title": "Einfach machen!",
            "body": "",
            "order": 1,
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert StoryEntry.objects.filter(title="Einfach machen!", is_public=True).exists()
    client.force_login(lemgo_cdo)
    entry = StoryEntry.objects.get()
    response = client.post(
        f"/netzwerk/eintraege/{entry.pk}/", {"section": "lesson", "title": "Geändert", "order": 1}
    )
    assert response.status_code == 403
    assert StoryEntry.objects.get().title == "Einfach machen!"


def _request_data(client, **extra):
    page = client.get("/netzwerk/anfrage/")
    started = page.context["form"].initial["started"]
    return {
        "kind": "talk",
        "name": "Ria Anfrage",
        "organisation": "Kreis Musterland",
        "email": "ria@example.org",
        "preferred_date": "Herbst",
        "message": "Bitte kommen!",
        "website": "",
        "started": started,
        **extra,
    }


def test_talk_request_is_saved_and_emailed(
    client, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    from knowledge import forms

    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/netzwerk/anfrage/", _request_data(client))
    assert response.status_code == 302
    assert TalkRequest.objects.get().organisation == "Kreis Musterland"
    assert mail.outbox and coordinator.email in mail.outbox[0].to
    client.force_login(coordinator)
    req = TalkRequest.objects.get()
    assert "Kreis Musterland" in client.get("/netzwerk/anfragen/").content.decode()
    client.post(f"/netzwerk/anfragen/{req.pk}/", {"status": "agreed"})
    assert TalkRequest.objects.get().status == "agreed"


def test_request_form_offers_talk_or_visit_only(client):
    page = client.get("/netzwerk/anfrage/").content.decode()
    assert "---------" not in page
    assert 'value="talk"' in page and 'value="visit"' in page
    assert page.count('type="radio"') == 2 and "checked" in page.split('value="visit"')[0]


def test_honeypot_and_too_fast_are_refused(client, monkeypatch):
    from knowledge import forms

    response = client.post("/netzwerk/anfrage/", _request_data(client))  # sent at once
    assert response.status_code == 200 and not TalkRequest.objects.exists()
    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)
    response = client.post("/netzwerk/anfrage/", _request_data(client, website="http://spam"))
    assert response.status_code == 200 and not TalkRequest.objects.exists()
    response = client.post("/netzwerk/anfrage/", _request_data(client, started="forged"))
    assert response.status_code == 200 and not TalkRequest.objects.exists()


def test_talk_requests_are_rate_limited(client, monkeypatch):
    from django.core.cache import cache

    from knowledge import forms

    cache.clear()
    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)
    for _ in range(5):
        client.post("/netzwerk/anfrage/", _request_data(client))
    response = client.post("/netzwerk/anfrage/", _request_data(client))
    assert response.status_code == 200
    assert TalkRequest.objects.count() == 5
    cache.clear()


# --- Wer weiß was? -------------------------------------------------------------------------


def test_who_knows_what_lists_people_by_topic(client, lemgo_cdo, detmold_cdo, guide):
    from projects.models import Topic

    topic, _ = Topic.objects.get_or_create(
        name="Wissensmanagement", defaults={"slug": "wissensmanagement"}
    )
    guide.topics.add(topic)
    client.force_login(lemgo_cdo)
    client.post("/wer-weiss-was/meine/", {"label": "E-Akte eingeführt 2023", "topic": topic.pk})
    page = client.get("/wer-weiss-was/").content.decode()
    assert "E-Akte eingeführt 2023" in page and lemgo_cdo.full_name in page
    assert detmold_cdo.full_name in page and guide.title in page
    assert "E-Akte" in client.get("/wer-weiss-was/?q=akte").content.decode()
    assert guide.title not in client.get("/wer-weiss-was/?q=akte").content.decode()


def test_talk_slides_public_only_when_the_talk_is(client, coordinator):
    client.force_login(coordinator)
    for title, public in (("Offen", True), ("Intern", False)):
        data = {
            "title": title,
            "date": "2022-05-12",
            "event": "Fachtagung",
            "place": "Bielefeld",
            "speakers": "Kora Koordination",
            "upload": SimpleUploadedFile("folien.pdf", PDF, content_type="application/pdf"),
        }
        if public:
            data["is_public"] = "on"
        assert client.post("/netzwerk/vortraege/neu/", data).status_code == 302
    from knowledge.models import Talk

    public, internal = Talk.objects.get(title="Offen"), Talk.objects.get(title="Intern")
    client.logout()
    response = client.get(f"/netzwerk/vortraege/{public.pk}/folien/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.get(f"/netzwerk/vortraege/{internal.pk}/folien/").status_code == 404
