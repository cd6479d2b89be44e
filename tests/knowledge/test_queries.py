"""Query counts of the pages do not grow with their rows (two data sizes, same count)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import services
from knowledge.models import Article
from tests.knowledge.factories import ExpertiseFactory, StoryEntryFactory, TalkFactory
from tests.members.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def fill(n, *, detmold, lemgo, detmold_cdo, checklist, guide, reference_data):
    kommunen = [m for m in reference_data.values() if m.slug not in ("detmold", "lemgo")]
    for i in range(n):
        article = services.article_create(
            actor=detmold_cdo,
            publish=True,
            data={
                "kind": Article.Kind.FAQ,
                "title": f"FAQ {i} {n}",
                "summary": "s",
                "body": f"Zeile {i}",
                "municipality": detmold,
                "owner": detmold_cdo,
            },
        )
        article.contacts.add(detmold_cdo)
        services.article_update(
            actor=detmold_cdo,
            article=guide,
            base_revision=guide.revisions.count(),
            data={"body": f"Fassung {i} {n}"},
            note=str(i),
        )
        municipality = kommunen[i % len(kommunen)]
        person = MembershipFactory(municipality=municipality).user
        if not checklist.adoptions.filter(municipality=municipality).exists():
            adoption = services.adoption_create(
                actor=person, article=checklist, municipality=municipality
            )
            services.adoption_item_set_done(
                actor=person, adoption=adoption, item=checklist.items.first(), done=True
            )
        StoryEntryFactory(section=["history", "method", "success", "lesson", "outlook"][i % 5])
        TalkFactory()
        ExpertiseFactory(user=person)


def _counts(client, urls):
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(ctx))
    return counts


def test_counts_are_equal_at_both_sizes(
    detmold_client,
    detmold,
    lemgo,
    detmold_cdo,
    checklist,
    guide,
    reference_data,
    django_assert_max_num_queries,
):
    urls = [
        "/wissen/",
        f"/wissen/{guide.slug}/",
        f"/wissen/{checklist.slug}/",
        f"/wissen/{guide.slug}/versionen/",
        f"/wissen/{checklist.slug}/uebernahmen/",
        f"/wissen/{checklist.slug}/uebernahmen/detmold/",
        "/netzwerk/",
        "/wer-weiss-was/",
        "/wer-weiss-was/meine/",
    ]
    services.adoption_create(actor=detmold_cdo, article=checklist, municipality=detmold)
    args = {
        "detmold": detmold,
        "lemgo": lemgo,
        "detmold_cdo": detmold_cdo,
        "checklist": checklist,
        "guide": guide,
        "reference_data": reference_data,
    }
    fill(2, **args)
    small = _counts(detmold_client, urls)
    fill(10, **args)
    large = _counts(detmold_client, urls)
    assert small == large, list(zip(urls, small, large, strict=True))
    # + 1 on every page for the notifications bell, + 1 on articles for the follow button;
    # + 1 on articles for the discussion thread (one query while it is empty).
    bounds = dict(zip(urls, [9, 18, 19, 16, 15, 9, 6, 12, 5], strict=True))
    for url, bound in bounds.items():
        with django_assert_max_num_queries(bound):
            detmold_client.get(url)


def test_public_story_query_count(client):
    for n in (2, 10):
        for _ in range(n):
            StoryEntryFactory()
            TalkFactory()
        with CaptureQueriesContext(connection) as ctx:
            client.get("/netzwerk/")
        if n == 2:
            small = len(ctx)
    assert len(ctx) == small <= 6


def test_talk_request_list_and_model_document_query_counts(
    client,
    coordinator,
    admin_user,
    detmold,
    detmold_cdo,
    reference_data,
    django_assert_max_num_queries,
):
    """The coordinators' list of requests and a model document with its versions and the
    Kommunen using them: the same count with 2 and with 12 rows."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge.models import TalkRequest

    template = services.article_create(
        actor=detmold_cdo,
        publish=True,
        data={
            "kind": "template",
            "title": "Muster",
            "summary": "Muster",
            "municipality": detmold,
            "owner": detmold_cdo,
        },
    )
    kommunen = [m for slug, m in sorted(reference_data.items())]
    client.force_login(coordinator)
    counts = []
    for n in (2, 12):
        while TalkRequest.objects.count() < n:
            TalkRequest.objects.create(
                kind="talk", name="Ria", organisation="Kreis X", email="r@example.org", message="m"
            )
            services.talk_request_set_status(
                actor=coordinator, request=TalkRequest.objects.first(), status="in_progress"
            )
        while template.files.count() < n:
            version = services.article_file_add(
                actor=detmold_cdo,
                article=template,
                title="Muster",
                uploaded_file=SimpleUploadedFile("m.pdf", b"%PDF-1.4\n%x\n"),
            )
            services.template_usage_set(
                actor=admin_user,
                article=template,
                municipality=kommunen[template.files.count() - 1],
                file=version,
            )
        measured = []
        for url in ("/netzwerk/anfragen/", template.get_absolute_url()):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            measured.append(len(ctx))
        counts.append(measured)
    assert counts[0] == counts[1], counts
    # + notifications: the bell and the follow button; + discussions: the article's thread
    with django_assert_max_num_queries(23):
        client.get(template.get_absolute_url())
