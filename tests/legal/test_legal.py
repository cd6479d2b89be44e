import pytest
from django.core import mail

from legal.models import AccessibilityFeedback, LegalPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_legal_pages_are_public(client, reference_data, url, title):
    response = client.get(url)
    assert response.status_code == 200
    assert f'<h1 class="kern-heading-large" lang="de">{title}</h1>' in response.content.decode()


def test_admin_edits_are_kept_by_a_later_reference_run(reference_data):
    from django.core.management import call_command

    LegalPage.objects.filter(kind="impressum").update(body="Eigener Text")
    call_command("load_reference_data", stdout=__import__("io").StringIO())
    assert LegalPage.objects.get(kind="impressum").body == "Eigener Text"


def test_feedback_is_stored_and_emailed_to_admins(
    client, reference_data, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/",
            {
                "name": "Eva",
                "email": "eva@example.org",
                "page_url": "/kommunen/",
                "message": "Die Tabelle ist mit dem Screenreader schwer zu lesen.",
            },  # fmt: skip
        )
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1
    assert len(mail.outbox) == 1
    assert admin_user.email in mail.outbox[0].to
    assert "Screenreader" in mail.outbox[0].body


def test_empty_feedback_is_rejected_with_message(client, reference_data):
    response = client.post("/barrierefreiheit/", {"message": ""})
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 0


def test_markdown_in_legal_page_is_sanitised(client, reference_data):
    LegalPage.objects.filter(kind="impressum").update(
        body="# Titel\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    html = client.get("/impressum/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html
    assert "<h2>Titel</h2>" in html
