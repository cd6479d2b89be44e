import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from discussions import services
from discussions.models import Post
from members.models import User
from search.models import SearchEntry
from tests.knowledge.factories import ArticleFactory
from tests.members.factories import UserFactory
from tests.ozg.factories import AssignmentFactory, OzgServiceFactory
from tests.workshops.factories import MeetingFactory, WorkshopFactory
from workshops.models import Meeting

pytestmark = pytest.mark.django_db


def _create_url(obj) -> str:
    opts = obj._meta
    return f"/diskussion/neu/{opts.app_label}/{opts.model_name}/{obj.pk}/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_thread_on_every_discussable_page(client, lemgo_cdo, detmold, project):
    client.force_login(lemgo_cdo)
    service = OzgServiceFactory()
    AssignmentFactory(service=service, lead=detmold)
    for obj in (
        project,
        service,
        MeetingFactory(host=detmold),
        WorkshopFactory(organiser=detmold),
        ArticleFactory(municipality=detmold),
    ):
        services.post_create(author=lemgo_cdo, target=obj, body=f"Frage zu {obj}")
        html = client.get(obj.get_absolute_url()).content.decode()
        assert 'id="diskussion"' in html, obj
        assert f"Frage zu {obj}" in html
        assert f'action="{_create_url(obj)}"' in html


def test_post_through_the_form(client, lemgo_cdo, detmold_cdo, project):
    client.force_login(lemgo_cdo)
    response = client.post(_create_url(project), {"body": "Hallo @Dana Demo", "is_question": "on"})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert post.is_question
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Question, open" in html or "Frage, offen" in html


def test_empty_and_unknown_mention_show_error_and_save_nothing(client, lemgo_cdo, project):
    client.force_login(lemgo_cdo)
    for body in ("", "Frage an @Niemand Unbekannt"):
        response = client.post(_create_url(project), {"body": body})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert not Post.objects.exists()


def test_rate_limit(client, lemgo_cdo, project, settings):
    settings.DISCUSSIONS_POST_RATE = "2/m"
    client.force_login(lemgo_cdo)
    codes = [client.post(_create_url(project), {"body": f"Nr. {i}"}).status_code for i in range(3)]
    assert codes == [302, 302, 429]
    assert Post.objects.count() == 2


def test_draft_article_thread_is_invisible_to_others(client, stranger, detmold, detmold_cdo):
    draft = ArticleFactory(municipality=detmold, status="draft")
    post = services.post_create(author=detmold_cdo, target=draft, body="Intern")
    client.force_login(stranger)
    assert client.get(_create_url(draft)).status_code == 404
    assert client.post(_create_url(draft), {"body": "Hallo"}).status_code == 404
    assert (
        client.post(f"/diskussion/beitrag/{post.pk}/antworten/", {"body": "x"}).status_code == 404
    )
    assert Post.objects.count() == 1


def test_unregistered_model_is_404(client, lemgo_cdo, detmold):
    client.force_login(lemgo_cdo)
    url = f"/diskussion/neu/members/municipality/{detmold.pk}/"
    assert client.post(url, {"body": "x"}).status_code == 404


def test_reply_to_deleted_post_shows_message(client, question, lemgo_cdo, detmold_cdo):
    services.post_delete(actor=lemgo_cdo, post=question)
    client.force_login(detmold_cdo)
    response = client.post(f"/diskussion/beitrag/{question.pk}/antworten/", {"body": "Antwort"})
    assert response.status_code == 400
    assert Post.objects.count() == 1
    html = client.get(question.target.get_absolute_url()).content.decode()
    assert "Post deleted" in html or "Beitrag gelöscht" in html


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("bearbeiten", {"body": "geändert"}),
        ("loeschen", {}),
        ("ausblenden", {"reason": "weil"}),
        ("als-antwort", {}),
    ],
)
def test_stranger_cannot_act_on_others_posts(client, question, reply, stranger, action, data):
    client.force_login(stranger)
    target = reply if action == "als-antwort" else question
    response = client.post(f"/diskussion/beitrag/{target.pk}/{action}/", data)
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.body == "Wie weit seid ihr?"
    assert question.deleted_at is None and question.hidden_at is None
    assert question.answer is None


def test_lead_marks_answer_and_page_shows_it(client, question, reply, detmold_cdo):
    client.force_login(detmold_cdo)
    response = client.post(f"/diskussion/beitrag/{reply.pk}/als-antwort/")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == reply
    html = client.get(question.target.get_absolute_url()).content.decode()
    assert "Marked as the answer" in html or "Als Antwort markiert" in html


def test_hidden_post_shows_reason_to_author_only(
    client, question, coordinator, lemgo_cdo, stranger
):
    client.force_login(coordinator)
    client.post(f"/diskussion/beitrag/{question.pk}/ausblenden/", {"reason": "Bitte sachlich"})
    url = question.target.get_absolute_url()
    client.force_login(lemgo_cdo)
    assert "Bitte sachlich" in client.get(url).content.decode()
    client.force_login(stranger)
    html = client.get(url).content.decode()
    assert "Bitte sachlich" not in html and "Wie weit seid ihr?" not in html


def test_report_page(client, question, stranger):
    client.force_login(stranger)
    response = client.post(f"/diskussion/beitrag/{question.pk}/melden/", {"reason": "Spam"})
    assert response.status_code == 302
    assert question.reports.get().reason == "Spam"


def test_suggestions(client, lemgo_cdo, detmold_cdo):
    client.force_login(lemgo_cdo)
    html = client.get("/diskussion/vorschlaege/", {"body": "Frage an @Dan"}).content.decode()
    assert 'data-mention-insert="@Dana Demo"' in html
    html = client.get("/diskussion/vorschlaege/", {"body": "und !Bad"}).content.decode()
    assert 'data-mention-insert="!Bad Salzuflen"' in html
    client.logout()
    assert client.get("/diskussion/vorschlaege/", {"body": "@Dan"}).status_code == 302


def test_search_index_follows_visibility(question, lemgo_cdo):
    entry = SearchEntry.objects.get(type_key="discussions.post", object_id=question.pk)
    assert entry.title == f"Beitrag: {question.target}"  # the portal's language, not "Post"
    services.post_delete(actor=lemgo_cdo, post=question)
    assert not SearchEntry.objects.filter(
        type_key="discussions.post", object_id=question.pk
    ).exists()


def _thread(project, detmold, size):
    authors = [UserFactory() for _ in range(5)]
    from members.models import Membership
    from tests.members.factories import MembershipFactory

    for a in authors:
        MembershipFactory(user=a, municipality=detmold, role=Membership.Role.STAFF)
    tops = []
    for i in range(size // 5):
        top = Post.objects.create(target=project, author=authors[i % 5], body=f"**Beitrag** {i}",
                                  is_question=True)  # fmt: skip
        tops.append(top)
        for j in range(4):
            Post.objects.create(target=project, parent=top, author=authors[j], body=f"Antwort {j}")


@pytest.mark.parametrize("size", [5, 500])
def test_thread_query_count_is_fixed(
    client, detmold_cdo, detmold, project, size, django_assert_max_num_queries
):
    _thread(project, detmold, size)
    client.force_login(detmold_cdo)
    with django_assert_max_num_queries(30):
        response = client.get(project.get_absolute_url())
    assert response.content.decode().count('id="beitrag-') == size


@override_settings(DEBUG=True)
def test_demo_threads_once_with_an_open_question_for_bad_salzuflen(client, reference_data):
    call_command("seed_demo", stdout=io.StringIO())
    count = Post.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Post.objects.count() == count == 6
    answered = Post.objects.get(parent=None, answer__isnull=False)
    assert answered.target.title == "Einheitliches Bürgerserviceportal"
    assert (
        Post.objects.filter(object_id=Meeting.objects.get(title__contains="E-Akte").pk).count() == 2
    )
    client.force_login(User.objects.get(email="cdo.bad-salzuflen@example.org"))
    html = client.get("/").content.decode()
    assert 'id="offene-fragen"' in html
    assert "Bezahlfunktion" in html


def test_edited_post_shows_bearbeitet(client, question, lemgo_cdo):
    client.force_login(lemgo_cdo)
    response = client.post(f"/diskussion/beitrag/{question.pk}/bearbeiten/", {"body": "Neu"})
    assert response.status_code == 302
    html = client.get(question.target.get_absolute_url()).content.decode()
    assert "bearbeitet" in html and "<p>Neu</p>" in html
