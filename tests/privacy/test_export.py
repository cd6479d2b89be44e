"""Data export (DSGVO Art. 15/20): complete, only the person's, expiring link."""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from privacy import services
from privacy.models import DataExport
from projects.models import Participation
from tests.members.factories import UserFactory
from tests.privacy.conftest import make_attachment, make_document
from tests.projects.factories import (
    ParticipationFactory,
    ProjectFactory,
    StatusUpdateFactory,
    TopicFactory,
)
from tests.workshops.factories import ActionItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(detmold, lemgo, detmold_cdo, lemgo_cdo):
    """Records of Dana (Detmold) and, beside them, of Lars (Lemgo)."""
    project = ProjectFactory(title="Wir machen uns OZG-ready", topic=TopicFactory(), lead=detmold)
    ParticipationFactory(project=project, municipality=lemgo, role=Participation.Role.PARTICIPANT)
    project.contacts.add(detmold_cdo)
    StatusUpdateFactory(project=project, author=detmold_cdo, text="Danas Meldung")
    StatusUpdateFactory(project=project, author=lemgo_cdo, text="Lars' Meldung")
    make_document(project, detmold_cdo, title="Danas-Konzept", content=b"%PDF-1.4 Dana")
    make_document(project, lemgo_cdo, title="Lars-Konzept", content=b"%PDF-1.4 Lars")
    meeting = MeetingFactory(title="Netzwerktreffen Lemgo", host=lemgo)
    AttendanceFactory(meeting=meeting, user=detmold_cdo)
    AttendanceFactory(meeting=meeting, user=lemgo_cdo)
    make_attachment(meeting, detmold_cdo, name="Danas-Folien.pdf", content=b"%PDF-1.4 Folien")
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold,
                      responsible_person=detmold_cdo, title="Danas Maßnahme")  # fmt: skip
    ActionItemFactory(meeting=meeting, responsible_municipality=lemgo,
                      responsible_person=lemgo_cdo, title="Lars' Maßnahme")  # fmt: skip
    return project


@pytest.fixture
def request_export(django_capture_on_commit_callbacks):
    def request(client):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/profil/datenexport/")
        assert response.status_code == 302
        return DataExport.objects.latest("requested_at")

    return request


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_person_downloads_a_complete_zip_of_only_their_data(
    detmold_client, detmold_cdo, records, request_export
):
    mail.outbox = []
    export = request_export(detmold_client)
    assert export.status == DataExport.Status.READY  # built by the (eager) task
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [detmold_cdo.email]
    assert "Ihr Datenexport ist bereit" in message.subject
    url = re.search(r"http://\S+/profil/datenexport/\S+/", message.body).group(0)
    path = url.split("8000", 1)[1] if "8000" in url else "/" + url.split("/", 3)[3]

    profile = detmold_client.get("/profil/").content.decode()
    assert "Ihr Datenexport ist bereit bis" in profile

    response = detmold_client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = _zip(response)
    names = set(archive.namelist())
    for expected in (
        "LIESMICH.txt",
        "members/account.json", "members/account.csv", "members/memberships.csv",
        "projects/status_updates.json", "projects/documents.csv", "projects/contact_for.json",
        "workshops/meeting_answers.json", "workshops/action_items.csv",
        "digests/digest_settings.json",
    ):  # fmt: skip
        assert expected in names, expected
    uploads = [n for n in names if "/files/" in n]
    assert len(uploads) == 2  # Dana's document and slides, not Lars' document
    assert archive.read(next(n for n in uploads if "Danas-Konzept" in n)) == b"%PDF-1.4 Dana"
    assert any("Danas-Folien" in n for n in uploads)
    account = json.loads(archive.read("members/account.json"))
    assert account[0]["email"] == "cdo.detmold@example.org"
    updates = json.loads(archive.read("projects/status_updates.json"))
    assert [u["text"] for u in updates] == ["Danas Meldung"]
    items = archive.read("workshops/action_items.csv").decode()
    assert "Danas Maßnahme" in items and "Lars" not in items
    everything = b"".join(archive.read(n) for n in names)
    assert b"cdo.lemgo@example.org" not in everything and b"Lars" not in everything


def test_link_is_only_for_the_person_and_expires(
    detmold_client, lemgo_cdo, records, request_export
):
    export = request_export(detmold_client)
    path = services.export_url(export)
    other = Client()
    other.force_login(lemgo_cdo)
    assert other.get(path).status_code == 404  # someone else's export
    bad = path.replace(path.rstrip("/").rsplit("/", 1)[1], "nonsense")
    assert detmold_client.get(bad).status_code == 404
    # Past its validity the link answers 410 with a way to a new export.
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    response = detmold_client.get(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()


def test_signature_older_than_the_validity_is_refused(
    detmold_client, records, settings, request_export
):
    export = request_export(detmold_client)
    path = services.export_url(export)
    settings.DATA_EXPORT_VALID_DAYS = 0
    assert detmold_client.get(path).status_code == 410


def test_logged_out_visitor_must_log_in(detmold_client, records, request_export):
    export = request_export(detmold_client)
    path = services.export_url(export)
    response = Client().get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_one_export_is_prepared_at_a_time(
    detmold_client, detmold_cdo, monkeypatch, request_export
):
    monkeypatch.setattr("privacy.tasks.build_data_export.delay", lambda pk: None)
    request_export(detmold_client)
    response = detmold_client.post("/profil/datenexport/", follow=True)
    assert "wird bereits erstellt" in response.content.decode()
    assert DataExport.objects.filter(person=detmold_cdo).count() == 1
    assert "wird erstellt" in detmold_client.get("/profil/").content.decode()


def test_get_cannot_request_an_export(detmold_client):
    assert detmold_client.get("/profil/datenexport/").status_code == 405
    assert not DataExport.objects.exists()


def test_export_of_a_person_without_records_has_the_account(db):
    person = UserFactory(email="neu@example.org")
    buffer = io.BytesIO()
    services.build_zip(person, buffer, now=timezone.now())
    archive = zipfile.ZipFile(buffer)
    assert json.loads(archive.read("members/account.json"))[0]["email"] == "neu@example.org"
