"""Results never show what the person may not open."""

import dataclasses

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.test import override_settings
from django.urls import reverse

from lippe_ikz import events
from lippe_ikz.searchable import search_types
from search import query
from search.indexing import all_types
from search.models import SearchEntry
from tests.conftest import shared_rows
from tests.members.factories import MembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.search.conftest import titles
from tests.search.demo import seed_and_index

pytestmark = pytest.mark.django_db
URL = reverse("search:results")

# Private records: never registered, so never indexed (another person's calendar feed,
# digest settings, attendance answers, email addresses, MFA devices, login sessions).
PRIVATE_MODELS = {
    "workshops.calendarfeed",
    "digests.digestpreference",
    "digests.delivery",
    "workshops.attendance",
    "account.emailaddress",
    "mfa.authenticator",
    "members.user",
    "sessions.session",
    "legal.feedback",
}


def test_private_records_are_not_registered():
    registered = {t.model.lower() for t in search_types()}
    assert not registered & PRIVATE_MODELS


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """One demo seed for the whole class below (seed_demo and a full index take seconds)."""
    media = tmp_path_factory.mktemp("search-demo-media")
    with override_settings(MEDIA_ROOT=str(media)), shared_rows(django_db_blocker):
        seed_and_index()
        yield


class TestEveryType:
    """A class so that the demo ends with it: the tests after it make their own
    cdo.detmold@example.org."""

    @pytest.mark.parametrize("type_key", [t.key for t in all_types()])
    def test_every_type_links_only_to_what_a_member_may_open(self, client, demo, type_key):
        """For each registered type: what a member of another Kommune finds, they can open,
        at the anchor the result promises."""
        user = get_user_model().objects.get(email="cdo.lemgo@example.org")
        client.force_login(user)
        entry = query.visible_entries(user).filter(type_key=type_key).order_by("pk").first()
        assert entry is not None, f"the demo data has no {type_key}"
        if entry.url.startswith("http"):  # a solution's own external address
            return
        path, _, anchor = entry.url.partition("#")
        response = client.get(path)
        assert response.status_code == 200, entry.url
        if anchor:
            assert f'id="{anchor}"'.encode() in response.content, entry.url


def test_visibility_hook_hides_results_and_counts(detmold_client, detmold, lemgo, monkeypatch):
    """A type's `visible` rule is applied in SQL: neither the result nor its count shows."""
    secret = ProjectFactory(title="Vertrauliche Glasfaser", lead=lemgo)
    open_one = ProjectFactory(title="Offene Glasfaser", lead=detmold)
    for p in (secret, open_one):
        events.publish("projects.project.changed", p)

    def only_own_kommune(user):
        return Q(municipality__memberships__user=user)

    patched = [
        dataclasses.replace(t, visible=only_own_kommune) if t.key == "projects.project" else t
        for t in all_types()
    ]
    monkeypatch.setattr(query, "all_types", lambda: patched)
    response = detmold_client.get(URL, {"q": "Glasfaser"})
    assert titles(response) == ["Offene Glasfaser"]
    page = response.context["search"]
    assert page.page.paginator.count == 1
    assert {f["label"] for f in page.facets["kommune"]} == {"Detmold"}
    # the start page's recent items obey the rule too
    recent = [r.title for r in detmold_client.get(URL).context["search"].recent]
    assert "Vertrauliche Glasfaser" not in recent


def test_inactive_people_are_not_found(detmold_client, detmold):
    gone = UserFactory(full_name="Gerda Gegangen", is_active=False)
    membership = MembershipFactory(user=gone, municipality=detmold, role="staff")
    events.publish("members.membership.created", membership)
    assert not SearchEntry.objects.filter(type_key="members.person", object_id=membership.pk)
    assert "Gerda Gegangen" not in titles(detmold_client.get(URL, {"q": "Gerda Gegangen"}))


def test_entries_of_unregistered_types_are_never_shown(detmold_client, detmold):
    project = ProjectFactory(title="Zyxwvu Vorhaben", lead=detmold)
    events.publish("projects.project.changed", project)
    SearchEntry.objects.filter(type_key="projects.project").update(type_key="removed.app")
    assert titles(detmold_client.get(URL, {"q": "Zyxwvu"})) == []


def test_a_draft_article_is_found_only_by_who_may_read_it(client, detmold, lemgo, detmold_cdo):
    """knowledge.permissions.can_read_article: a draft for its Kommune, owner, author, admins."""
    from tests.knowledge.factories import ArticleFactory

    lemgo_cdo = MembershipFactory(municipality=lemgo, role="cdo").user
    draft = ArticleFactory(title="Zyxwvu Entwurf", municipality=detmold, owner=detmold_cdo,
                           status="draft")  # fmt: skip
    published = ArticleFactory(title="Zyxwvu Leitfaden", municipality=detmold, owner=detmold_cdo)
    for article in (draft, published):
        events.publish("knowledge.article.changed", article)
    client.force_login(detmold_cdo)
    assert sorted(titles(client.get(URL, {"q": "Zyxwvu"}))) == [
        "Zyxwvu Entwurf (Entwurf)",
        "Zyxwvu Leitfaden",
    ]
    client.force_login(lemgo_cdo)
    response = client.get(URL, {"q": "Zyxwvu"})
    assert titles(response) == ["Zyxwvu Leitfaden"]
    assert response.context["search"].page.paginator.count == 1
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert len(titles(client.get(URL, {"q": "Zyxwvu"}))) == 2
