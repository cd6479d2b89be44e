"""Preferences, preview, test send, unsubscribe (incl. misuse), reminders and the panel."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from digests import services
from digests.models import DigestPreference, MeetingNotice
from tests.members.factories import UserFactory
from tests.workshops.factories import AttendanceFactory, MeetingFactory
from workshops.models import Attendance
from workshops.services import meeting_cancel, meeting_update


def test_preferences_defaults_and_save(detmold_client, detmold_cdo):
    response = detmold_client.get("/digest/einstellungen/")
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["weekday"].value(), form["hour"].value(), form["enabled"].value()) == (0, 7, True)
    response = detmold_client.post(
        "/digest/einstellungen/",
        {
            "enabled": "on",
            "weekday": "4",
            "hour": "16",
            "scope": "mine",
            "sections": ["new_members", "projects"],
            "reminders": "on",
        },  # fmt: skip
    )
    assert response.status_code == 302
    preference = DigestPreference.objects.get(person=detmold_cdo)
    assert (preference.weekday, preference.hour, preference.scope) == (4, 16, "mine")
    assert preference.sections == ["new_members", "projects"]
    assert preference.skip_when_empty is False


def test_invalid_hour_saves_nothing(detmold_client, detmold_cdo):
    response = detmold_client.post(
        "/digest/einstellungen/", {"enabled": "on", "weekday": "0", "hour": "24", "scope": "mine"}
    )
    assert response.status_code == 200
    assert not DigestPreference.objects.filter(person=detmold_cdo).exists()


def test_preview_is_the_message_as_sent(detmold_client, detmold_cdo, monkeypatch):
    # One "now" for both renderings (the window ends now); the signed unsubscribe token
    # carries its signing second, so it is compared apart from the rest.
    fixed = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    response = detmold_client.get("/digest/vorschau/")
    assert response.status_code == 200
    assert response.context["message"].to == [detmold_cdo.email]
    frame = detmold_client.get("/digest/vorschau/email/")
    _digest, message = services.render_preview(person=detmold_cdo)
    token = re.compile(r"/digest/abmelden/[^/\"]+/")
    assert token.search(frame.content.decode())
    assert token.sub("/digest/abmelden/-/", frame.content.decode()) == token.sub(
        "/digest/abmelden/-/", message.alternatives[0][0]
    )
    assert "'unsafe-inline'" in frame["Content-Security-Policy"]
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    # The portal page itself keeps the strict policy.
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_test_send_records_nothing(detmold_client, detmold_cdo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = detmold_client.post("/digest/test-senden/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("[Test]")
    assert not DigestPreference.objects.filter(person=detmold_cdo, watermark__isnull=False).exists()


def test_dashboard_links_to_digest_settings(detmold_client):
    content = detmold_client.get("/").content.decode()
    assert 'href="/digest/einstellungen/"' in content


def test_one_click_unsubscribe_without_login(client, detmold_cdo):
    url = services.unsubscribe_url(person=detmold_cdo).removeprefix("http://127.0.0.1:8000")
    assert client.get(url).status_code == 200
    assert services.selectors.preference_for(detmold_cdo).enabled  # GET changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestPreference.objects.get(person=detmold_cdo).enabled is False


def test_tampered_token_changes_nothing(client, detmold_cdo, lemgo_cdo):
    token = services.unsubscribe_token(person=detmold_cdo)
    payload, rest = token.split(":", 1)
    other = services.unsubscribe_token(person=lemgo_cdo).split(":", 1)[0]
    for bad in (f"{other}:{rest}", token[:-2] + "xx", "nonsense"):
        response = client.post(f"/digest/abmelden/{bad}/")
        assert response.status_code == 400
    assert not DigestPreference.objects.exists()


def test_token_acts_only_for_its_own_person(detmold_client, detmold_cdo, lemgo_cdo):
    # Logged in as Detmold's CDO, Lemgo's token unsubscribes Lemgo, never the session's person.
    url = services.unsubscribe_url(person=lemgo_cdo).removeprefix("http://127.0.0.1:8000")
    detmold_client.post(url)
    assert DigestPreference.objects.get(person=lemgo_cdo).enabled is False
    assert not DigestPreference.objects.filter(person=detmold_cdo).exists()


def test_reminder_token_turns_off_reminders_only(client, detmold_cdo):
    url = services.unsubscribe_url(person=detmold_cdo, kind="reminders")
    client.post(url.removeprefix("http://127.0.0.1:8000"))
    preference = DigestPreference.objects.get(person=detmold_cdo)
    assert (preference.enabled, preference.reminders) == (True, False)


def test_meeting_notices_do_nothing_without_workshops(db, monkeypatch):
    from django.apps import apps

    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda label: label != "workshops" and real(label))
    MeetingFactory(start=timezone.now() + dt.timedelta(hours=3))
    assert services.dispatch_meeting_notices() == 0


def test_reminders_once_rearmed_when_moved_and_cancellation(detmold_cdo, lemgo_cdo, lemgo):
    now = timezone.now()
    meeting = MeetingFactory(
        title="CDO-Treffen", host=lemgo, start=now + dt.timedelta(hours=47), seat_limit=2
    )
    no_reminders = UserFactory()
    DigestPreference.objects.create(person=no_reminders, reminders=False)
    AttendanceFactory(meeting=meeting, user=detmold_cdo)
    AttendanceFactory(meeting=meeting, user=no_reminders)
    AttendanceFactory(meeting=meeting, user=UserFactory(), response=Attendance.Response.WAITING)
    AttendanceFactory(meeting=meeting, user=UserFactory(), response=Attendance.Response.DECLINED)
    later = MeetingFactory(host=lemgo, start=now + dt.timedelta(hours=51))
    AttendanceFactory(meeting=later, user=detmold_cdo)
    assert services.dispatch_meeting_notices(now=now) == 1
    assert services.dispatch_meeting_notices(now=now + dt.timedelta(minutes=15)) == 0
    assert mail.outbox[0].to == [detmold_cdo.email]
    assert "CDO-Treffen" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0] == f"termin-{meeting.pk}.ics"
    # Moved by an hour through the workshops service: the reminder is re-armed.
    meeting = meeting_update(actor=lemgo_cdo, meeting=meeting,
                   data={"start": meeting.start + dt.timedelta(hours=1),
                         "end": meeting.end + dt.timedelta(hours=1)})  # fmt: skip
    assert services.dispatch_meeting_notices(now=now + dt.timedelta(minutes=30)) == 1
    meeting_cancel(actor=lemgo_cdo, meeting=meeting)
    assert services.dispatch_meeting_notices(now=now + dt.timedelta(hours=1)) == 1
    assert services.dispatch_meeting_notices(now=now + dt.timedelta(hours=2)) == 0
    cancellation = mail.outbox[-1]
    assert cancellation.subject.startswith("Abgesagt: CDO-Treffen")
    assert "STATUS:CANCELLED" in str(cancellation.attachments[0][1])
    assert MeetingNotice.objects.count() == 3
    # The later meeting is reminded once its 48 hours have come.
    assert services.dispatch_meeting_notices(now=now + dt.timedelta(hours=3, minutes=5)) == 1


@pytest.mark.parametrize("url", ["/digest/einstellungen/", "/digest/vorschau/"])
def test_pages_have_one_h1(detmold_client, url):
    assert detmold_client.get(url).content.decode().count("<h1") == 1
