"""Who may download project documents and the attachments of meetings and workshops (issue 14,
decided in docs/architecture.md "Permissions"): every logged-in member of the network, also
of Kommunen that take no part; nobody else. The upload forms say so."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from projects.models import Participation
from tests.privacy.conftest import make_attachment, make_document
from tests.projects.factories import ParticipationFactory, ProjectFactory, TopicFactory
from tests.workshops.factories import MeetingFactory, WorkshopFactory
from workshops.models import Attachment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def files(reference_data, detmold, lemgo, detmold_cdo):
    """A project of Detmold and Lemgo, a meeting hosted by Detmold and a workshop organised
    by Detmold, each with a file uploaded by Detmold's CDO; Blomberg takes part in none."""
    project = ProjectFactory(title="Bauakte", topic=TopicFactory(), lead=detmold)
    ParticipationFactory(project=project, municipality=lemgo, role=Participation.Role.PARTICIPANT)
    document = make_document(project, detmold_cdo, title="Bauakte", content=b"%PDF-1.4 Akte")
    meeting = MeetingFactory(title="Treffen", host=detmold)
    meeting_file = make_attachment(meeting, detmold_cdo, name="Protokoll.pdf",
                                   content=b"%PDF-1.4 Protokoll")  # fmt: skip
    workshop = WorkshopFactory(organiser=detmold)
    workshop_file = Attachment(workshop=workshop, original_name="Ergebnisse.pdf",
                               content_type="application/pdf", size=17,
                               uploaded_by=detmold_cdo)  # fmt: skip
    workshop_file.file.save("Ergebnisse.pdf", ContentFile(b"%PDF-1.4 Ergebnis"), save=False)
    workshop_file.save()
    urls = {
        f"/projekte/{project.slug}/dokumente/{document.pk}/": b"%PDF-1.4 Akte",
        meeting_file.get_absolute_url(): b"%PDF-1.4 Protokoll",
        workshop_file.get_absolute_url(): b"%PDF-1.4 Ergebnis",
    }
    return project, meeting, urls


@pytest.fixture
def blomberg_client(reference_data):
    from members.models import Membership
    from tests.members.factories import MembershipFactory

    person = MembershipFactory(municipality=reference_data["blomberg"],
                               role=Membership.Role.STAFF).user  # fmt: skip
    client = Client()
    client.force_login(person)
    return client


def test_a_member_of_a_kommune_without_part_downloads_every_file(files, blomberg_client):
    _project, _meeting, urls = files
    for url, content in urls.items():
        response = blomberg_client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content) == content
        assert response["Cache-Control"] == "private, no-store"


def test_nobody_outside_the_network_gets_a_file(files):
    _project, _meeting, urls = files
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_upload_forms_state_the_rule(files, detmold_client):
    project, meeting, _urls = files
    form = detmold_client.get(f"/projekte/{project.slug}/dokumente/neu/").content.decode()
    assert "Alle angemeldeten Mitglieder des Netzwerks können Dokumente öffnen" in form
    assert "auch Mitglieder von Kommunen, die an diesem Projekt nicht beteiligt sind" in form
    page = detmold_client.get(meeting.get_absolute_url()).content.decode()
    assert 'type="file"' in page
    assert "Alle angemeldeten Mitglieder des Netzwerks können die Datei herunterladen" in page
