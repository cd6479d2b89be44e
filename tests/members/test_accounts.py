import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings

from members.models import Membership, User
from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_there_is_no_open_signup(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "Keine freie Registrierung" in response.content.decode()
    client.post("/accounts/signup/", {"email": "x@example.org", "password1": "a-long-pass-123"})
    assert not User.objects.filter(email="x@example.org").exists()


def test_admin_invites_a_person_who_sets_a_password_and_logs_in(
    admin_client, client, detmold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/members/user/einladen/",
            {
                "email": "Neu.Person@Example.org",
                "full_name": "Nora Neu",
                "municipality": detmold.pk,
                "role": Membership.Role.STAFF,
                "preferred_language": "de",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="neu.person@example.org")
    assert not user.has_usable_password()
    assert user.memberships.get().municipality == detmold
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu.person@example.org"]
    assert "Einladung" in message.subject
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in link else link
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    new_password = "Lippe-verbindet-2026!"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(
        "/accounts/login/", {"login": "neu.person@example.org", "password": new_password}
    )
    assert response.status_code == 302


def test_invitation_rejects_existing_email(admin_client, detmold_cdo):
    response = admin_client.post(
        "/admin/members/user/einladen/",
        {"email": detmold_cdo.email, "full_name": "Doppelt", "preferred_language": "de"},
    )
    assert response.status_code == 200
    assert User.objects.filter(email=detmold_cdo.email).count() == 1
    assert mail.outbox == []


def test_non_staff_cannot_invite(detmold_client):
    response = detmold_client.post(
        "/admin/members/user/einladen/",
        {"email": "x@example.org", "full_name": "X", "preferred_language": "de"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="x@example.org").exists()


def test_unverified_email_cannot_log_in(client):
    user = UserFactory(email="unverified@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post(
        "/accounts/login/", {"login": "unverified@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_mail(client, detmold_cdo):
    response = client.post("/accounts/password/reset/", {"email": detmold_cdo.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_login_is_rate_limited_after_failures(client, detmold_cdo):
    for _ in range(6):
        client.post("/accounts/login/", {"login": detmold_cdo.email, "password": "falsch"})
    response = client.post("/accounts/login/", {"login": detmold_cdo.email, "password": PASSWORD})
    # Even the right password is refused for a while after too many failures.
    assert "_auth_user_id" not in client.session
    assert "Zu viele" in response.content.decode()


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_without_totp_is_sent_to_mfa_setup(admin_client):
    response = admin_client.get("/kommunen/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    response = admin_client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(STAFF_REQUIRE_MFA=True)
def test_members_without_staff_are_not_forced_into_mfa(detmold_client):
    assert detmold_client.get("/kommunen/").status_code == 200


def test_language_switch_stores_preference(detmold_client, detmold_cdo):
    response = detmold_client.post("/i18n/sprache/", {"language": "en", "next": "/kommunen/"})
    assert response.status_code == 302
    detmold_cdo.refresh_from_db()
    assert detmold_cdo.preferred_language == "en"
    html = detmold_client.get("/kommunen/").content.decode()
    assert '<html lang="en">' in html
    detmold_client.post("/i18n/sprache/", {"language": "de", "next": "/"})
    html = detmold_client.get("/kommunen/").content.decode()
    assert '<html lang="de">' in html and "Kommunen filtern" in html


def test_language_switch_rejects_unknown_language(detmold_client, detmold_cdo):
    detmold_client.post("/i18n/sprache/", {"language": "xx", "next": "/"})
    detmold_cdo.refresh_from_db()
    assert detmold_cdo.preferred_language == "de"
