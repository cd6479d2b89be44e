"""Issue 15 item 10: every non-list page shows where it sits (partials/breadcrumbs.html)."""

import re

import pytest

from tests.knowledge.factories import ArticleFactory
from tests.landscape.factories import ProductFactory
from tests.ozg.factories import OzgServiceFactory
from tests.projects.factories import ProjectFactory
from tests.workshops.factories import MeetingFactory, SessionFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

# (path template, who asks: "cdo" = the Detmold CDO, "admin" = a portal admin)
PAGES = [
    ("/profil/", "cdo"),
    ("/digest/einstellungen/", "cdo"),
    ("/digest/vorschau/", "cdo"),
    ("/workshops/massnahmen/", "cdo"),
    ("/kommunen/{detmold}/", "cdo"),
    ("/kommunen/{detmold}/bearbeiten/", "cdo"),
    ("/kommunen/{detmold}/veroeffentlichung/", "cdo"),
    ("/projekte/neu/", "cdo"),
    ("/projekte/{project}/", "cdo"),
    ("/projekte/{project}/bearbeiten/", "cdo"),
    ("/projekte/{project}/loeschen/", "cdo"),
    ("/projekte/{project}/beteiligte/", "cdo"),
    ("/projekte/{project}/zeitstrahl/neu/", "cdo"),
    ("/projekte/{project}/kosten/neu/", "cdo"),
    ("/projekte/{project}/wuensche/neu/", "cdo"),
    ("/termine/neu/", "cdo"),
    ("/termine/{meeting}/", "cdo"),
    ("/termine/{meeting}/bearbeiten/", "cdo"),
    ("/termine/{meeting}/protokoll/", "cdo"),
    ("/termine/{meeting}/verlauf/", "cdo"),
    ("/termine/{meeting}/absagen/", "cdo"),
    ("/termine/{meeting}/folgetermin/", "cdo"),
    ("/termine/kalender-abo/", "cdo"),
    ("/workshops/neu/", "cdo"),
    ("/workshops/{workshop}/", "cdo"),
    ("/workshops/{workshop}/bearbeiten/", "cdo"),
    ("/workshops/{workshop}/ergebnisse/", "cdo"),
    ("/workshops/{workshop}/verlauf/", "cdo"),
    ("/workshops/{workshop}/teile/neu/", "cdo"),
    ("/ozg/leistungen/{service}/", "cdo"),
    ("/ozg/leistungen/{service}/status/{detmold}/", "cdo"),
    ("/ozg/kommunen/{detmold}/", "cdo"),
    ("/wissen/neu/", "cdo"),
    ("/wissen/{article}/", "cdo"),
    ("/wissen/{article}/bearbeiten/", "cdo"),
    ("/wissen/{article}/versionen/", "cdo"),
    ("/software/produkte/{product}/", "cdo"),
    ("/software/kommunen/{detmold}/", "cdo"),
    ("/software/kommunen/{detmold}/gemeinsamkeiten/", "cdo"),
    ("/software/kommunen/{detmold}/bearbeiten/", "cdo"),
    ("/software/import/", "admin"),
    ("/verwaltung/offboarding/", "admin"),
    ("/wer-weiss-was/meine/", "cdo"),
]


@pytest.fixture
def objects(detmold, detmold_cdo):
    project = ProjectFactory(lead=detmold)
    workshop = WorkshopFactory(organiser=detmold)
    SessionFactory(workshop=workshop)
    return {
        "detmold": detmold.slug,
        "project": project.slug,
        "meeting": MeetingFactory(host=detmold).pk,
        "workshop": workshop.slug,
        "service": OzgServiceFactory().ozg_id,
        "article": ArticleFactory(municipality=detmold, owner=detmold_cdo).slug,
        "product": ProductFactory().slug,
    }


@pytest.mark.parametrize(("path", "who"), PAGES)
def test_page_has_breadcrumbs(client, detmold_cdo, admin_user, objects, path, who):
    client.force_login(detmold_cdo if who == "cdo" else admin_user)
    response = client.get(path.format(**objects))
    assert response.status_code == 200, path
    html = response.content.decode()
    nav = re.search(
        r'<nav aria-label="Brotkrumen" class="portal-breadcrumb">(.*?)</nav>', html, re.S
    )
    assert nav, f"{path} has no breadcrumbs"
    items = re.findall(r"<li[^>]*>(.*?)</li>", nav.group(1), re.S)
    assert len(items) >= 2
    assert 'href="/"' in items[0]  # from the overview down …
    assert 'aria-current="page"' in items[-1]  # … to this page
    assert html.count('aria-current="page"') >= 1


def test_breadcrumbs_in_english(client, detmold_cdo, objects):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save(update_fields=["preferred_language"])
    client.force_login(detmold_cdo)
    html = client.get(f"/projekte/{objects['project']}/bearbeiten/").content.decode()
    assert '<nav aria-label="Breadcrumb" class="portal-breadcrumb">' in html
    assert '<span aria-current="page">Edit</span>' in html


def test_breadcrumb_labels_are_escaped(client, detmold_cdo, detmold):
    project = ProjectFactory(lead=detmold, title="<b>Fett</b> & Co")
    client.force_login(detmold_cdo)
    html = client.get(f"/projekte/{project.slug}/bearbeiten/").content.decode()
    assert "&lt;b&gt;Fett&lt;/b&gt; &amp; Co</a>" in html
