"""Privacy duties in the browser (DSGVO Art. 15, 17, 20), with an axe scan of every page:
a CDO downloads all their data from /profil/, an admin offboards a CDO to a successor."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail

from members.models import Membership, User
from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD, MembershipFactory, UserFactory
from tests.privacy.conftest import make_attachment, make_document
from tests.projects.factories import ProjectFactory, StatusUpdateFactory, TopicFactory
from tests.workshops.factories import ActionItemFactory, MeetingFactory
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def records(detmold, detmold_cdo, lemgo_cdo):
    """Dana (CDO Detmold) leads a project, wrote an update, uploaded a document and slides and
    is responsible for an open Maßnahme; Lars (Lemgo) wrote an update of his own."""
    project = ProjectFactory(title="Digitalisierungsstrategie", topic=TopicFactory(), lead=detmold)
    project.contacts.add(detmold_cdo)
    StatusUpdateFactory(project=project, author=detmold_cdo, text="Workshop mit DETECON")
    StatusUpdateFactory(project=project, author=lemgo_cdo, text="Lemgo ist dabei")
    make_document(project, detmold_cdo, title="Strategiepapier", content=b"%PDF-1.4 Strategie")
    meeting = MeetingFactory(title="Netzwerktreffen Detmold", host=detmold)
    make_attachment(meeting, detmold_cdo, name="Folien.pdf", content=b"%PDF-1.4 Folien")
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                      responsible_person=detmold_cdo, title="Förderantrag stellen")  # fmt: skip
    return project


def test_cdo_requests_and_downloads_their_data_export(page, live_server, detmold_cdo, records):
    base = live_server.url
    mail.outbox = []
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    page.locator("details.portal-usermenu summary").click()  # the user menu "Dana Demo"
    page.get_by_role("navigation", name="Meine Seiten").get_by_role(
        "link", name="Mein Profil"
    ).click()
    page.wait_for_url(f"{base}/profil/")
    check_a11y(page)
    section = page.get_by_role("region", name="Meine Daten")
    assert "gilt 7 Tage" in section.inner_text()
    section.get_by_role("button", name="Meinen Datenexport anfordern").click()
    page.wait_for_url(f"{base}/profil/#datenexport")
    check_a11y(page)
    # Celery runs eagerly in the tests: the zip is built and the email sent at once.
    assert page.get_by_text("Ihr Datenexport wird erstellt").is_visible()
    assert "Ihr Datenexport ist bereit bis" in section.inner_text()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cdo.detmold@example.org"]
    assert "Ihr Datenexport ist bereit" in message.subject
    assert "Der Link gilt bis" in message.body
    path = re.search(r"https?://[^/\s]+(/profil/datenexport/\d+/\S+/)", message.body).group(1)

    # The link from the email downloads the zip (the browser keeps the session).
    with page.expect_download() as info:
        page.evaluate("url => { window.location.href = url; }", f"{base}{path}")
    download = info.value
    assert re.fullmatch(r"ikz-portal-datenexport-\d{4}-\d\d-\d\d\.zip", download.suggested_filename)
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))  # noqa: PTH123, SIM115
    names = set(archive.namelist())
    for expected in (
        "LIESMICH.txt", "members/account.json", "members/account.csv",
        "projects/status_updates.json", "projects/status_updates.csv",
        "workshops/action_items.json", "workshops/action_items.csv",
    ):  # fmt: skip
        assert expected in names, expected
    uploads = {name.rsplit("/", 1)[1]: archive.read(name) for name in names if "/files/" in name}
    assert len(uploads) == 2, uploads.keys()
    assert b"%PDF-1.4 Strategie" in uploads.values() and b"%PDF-1.4 Folien" in uploads.values()
    updates = json.loads(archive.read("projects/status_updates.json"))
    assert [u["text"] for u in updates] == ["Workshop mit DETECON"]  # not Lars' update
    assert "Förderantrag stellen" in archive.read("workshops/action_items.csv").decode()

    # The same link for someone else: not found.
    page.context.clear_cookies()
    login(page, live_server, "cdo.lemgo@example.org", PASSWORD)
    page.wait_for_url(f"{base}/")
    response = page.goto(f"{base}{path}")
    assert response.status == 404
    check_a11y(page)


def test_admin_offboards_a_cdo_to_a_successor(page, live_server, admin_user, detmold_cdo,
                                              detmold, records):  # fmt: skip
    successor = MembershipFactory(
        municipality=detmold, role=Membership.Role.DEPUTY,
        user=UserFactory(email="stv.detmold@example.org", full_name="Nora Nachfolge"),
    ).user  # fmt: skip
    base = live_server.url
    login(page, live_server, admin_user.email, PASSWORD)
    page.wait_for_url(f"{base}/")
    check_a11y(page)
    panel = page.get_by_role("region", name="Jemand verlässt das Netzwerk")
    panel.get_by_role("link", name="Offboarding").click()
    page.wait_for_url(f"{base}/verwaltung/offboarding/")
    check_a11y(page)

    # Without the confirmation nothing happens.
    page.get_by_label("Ausscheidende Person").select_option(
        label="Dana Demo (cdo.detmold@example.org)"
    )
    page.get_by_label("Nachfolge").select_option(label="Nora Nachfolge (stv.detmold@example.org)")
    page.get_by_role("button", name="Übergeben und anonymisieren").click()
    check_a11y(page)
    assert User.objects.get(pk=detmold_cdo.pk).is_active

    page.get_by_label("Mir ist bewusst").check()
    page.get_by_role("button", name="Übergeben und anonymisieren").click()
    page.wait_for_url(f"{base}/verwaltung/offboarding/")
    check_a11y(page)
    status = page.get_by_text("Dana Demo ist ausgeschieden")
    assert status.is_visible()
    assert "An Nora Nachfolge übergeben" in status.inner_text()
    assert "1 Rolle" in status.inner_text() and "1 offene Maßnahme" in status.inner_text()

    # The network's records stay readable and name "ehemaliges Mitglied".
    visit(page, f"{base}{records.get_absolute_url()}")
    assert page.get_by_text("Workshop mit DETECON").is_visible()
    main = page.get_by_role("main").inner_text()
    assert "ehemaliges Mitglied" in main and "Dana Demo" not in main
    visit(page, f"{base}/kommunen/detmold/")
    main = page.get_by_role("main").inner_text()
    assert "Nora Nachfolge" in main and "Dana Demo" not in main
    assert ActionItem.objects.get(title="Förderantrag stellen").responsible_person == successor
    assert Membership.objects.get(municipality=detmold, role="cdo").user == successor

    # Dana cannot log in any more.
    page.context.clear_cookies()
    login(page, live_server, "cdo.detmold@example.org", PASSWORD)
    assert page.url.startswith(f"{base}/accounts/login/")
    check_a11y(page)
