"""Issue 10 item 8: the denials not covered in test_views, each with "nothing changed"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import ArticleFile, Talk, TalkRequest, TemplateUsage
from tests.knowledge.factories import ExpertiseFactory, TalkFactory
from tests.workshops.factories import MeetingFactory
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def _upload(name="m.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def template(detmold_cdo, detmold):
    article = services.article_create(
        actor=detmold_cdo,
        publish=True,
        data={
            "kind": "template",
            "title": "Muster Zweckvereinbarung",
            "summary": "Muster",
            "municipality": detmold,
            "owner": detmold_cdo,
        },
    )
    services.article_file_add(
        actor=detmold_cdo, article=article, title="Muster", uploaded_file=_upload()
    )
    return article


def test_other_kommune_cannot_record_a_version_for_detmold(client, template, detmold, lemgo_cdo):
    client.force_login(lemgo_cdo)
    version = template.files.get()
    response = client.post(
        f"/wissen/{template.slug}/nutzung/", {"municipality": detmold.pk, "file": version.pk}
    )
    assert response.status_code == 403
    assert not TemplateUsage.objects.exists()


def test_other_kommune_cannot_upload_a_version(client, template, lemgo_cdo):
    client.force_login(lemgo_cdo)
    response = client.post(
        f"/wissen/{template.slug}/dateien/neu/", {"title": "Fremd", "upload": _upload()}
    )
    assert response.status_code == 403
    assert ArticleFile.objects.count() == 1


def test_a_drafts_files_stay_private(client, template, detmold_cdo, lemgo_cdo):
    services.article_set_status(actor=detmold_cdo, article=template, status="draft")
    client.force_login(lemgo_cdo)
    version = template.files.get()
    assert client.get(f"/wissen/{template.slug}/dateien/{version.pk}/").status_code == 404
    assert client.get(f"/wissen/{template.slug}/versionen/").status_code == 404


def test_member_of_the_kommune_who_is_not_owner_cannot_archive(client, guide, detmold, detmold_cdo):
    from members.models import Membership
    from tests.members.factories import MembershipFactory, UserFactory

    colleague = MembershipFactory(
        municipality=detmold, role=Membership.Role.STAFF, user=UserFactory()
    ).user
    client.force_login(colleague)
    assert client.post(f"/wissen/{guide.slug}/status/", {"status": "archived"}).status_code == 403
    guide.refresh_from_db()
    assert guide.status == "published"
    # …but edits it (the Kommune's people edit their articles).
    assert client.get(f"/wissen/{guide.slug}/bearbeiten/").status_code == 200


def test_other_kommune_cannot_turn_lemgos_item_into_an_action(
    client, checklist, lemgo, lemgo_cdo, detmold, detmold_cdo
):
    services.adoption_create(actor=lemgo_cdo, article=checklist, municipality=lemgo)
    meeting = MeetingFactory(host=detmold)
    item = checklist.items.first()
    client.force_login(detmold_cdo)
    url = f"/wissen/{checklist.slug}/uebernahmen/lemgo/punkte/{item.pk}/massnahme/"
    data = {
        "title": "Fremd",
        "origin": f"m{meeting.pk}",
        "responsible_person": detmold_cdo.pk,
        "due_date": "2030-01-31",
    }
    assert client.post(url, data).status_code == 403
    assert not ActionItem.objects.exists()


def test_cannot_delete_someone_elses_expertise(client, lemgo_cdo, detmold_cdo):
    expertise = ExpertiseFactory(user=detmold_cdo, label="Vergabe")
    client.force_login(lemgo_cdo)
    assert client.post(f"/wer-weiss-was/meine/{expertise.pk}/loeschen/").status_code == 403
    assert detmold_cdo.expertise.filter(label="Vergabe").exists()


def test_members_cannot_handle_requests_or_edit_talks(client, lemgo_cdo):
    req = TalkRequest.objects.create(
        kind="talk", name="Ria", organisation="Kreis Musterland", email="r@example.org", message="x"
    )
    talk = TalkFactory(title="Vortrag A")
    client.force_login(lemgo_cdo)
    assert client.post(f"/netzwerk/anfragen/{req.pk}/", {"status": "declined"}).status_code == 403
    assert TalkRequest.objects.get().status == "new"
    response = client.post(
        f"/netzwerk/vortraege/{talk.pk}/",
        {"title": "Geändert", "date": "2022-05-12", "event": "x", "speakers": "y"},
    )
    assert response.status_code == 403
    assert Talk.objects.get().title == "Vortrag A"
    assert client.get(f"/netzwerk/vortraege/{talk.pk}/").status_code == 403


def test_anonymous_visitors_reach_no_member_page(client, guide, coordinator):
    TalkRequest.objects.create(
        kind="visit",
        name="Ria",
        organisation="Kreis Musterland",
        email="r@example.org",
        message="x",
    )
    for url in ("/wissen/", f"/wissen/{guide.slug}/", "/netzwerk/anfragen/", "/wer-weiss-was/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert "Kreis Musterland" not in client.get("/netzwerk/").content.decode()
