import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.workshops.factories import ActionItemFactory, MeetingFactory, SessionFactory, in_days
from workshops import services
from workshops.models import ActionItem, Attachment, Attendance, Meeting, Workshop

pytestmark = pytest.mark.django_db


def test_pages_render_for_a_member(client, member, meeting, workshop, detmold):
    SessionFactory(workshop=workshop)
    ActionItemFactory(meeting=meeting, responsible_municipality=detmold)
    client.force_login(member)
    for url in [
        "/termine/", f"/termine/{meeting.pk}/", "/workshops/", f"/workshops/{workshop.slug}/",
        "/workshops/massnahmen/", "/termine/kalender-abo/", "/", "/kommunen/detmold/",
        f"/termine/{meeting.pk}/verlauf/", f"/workshops/{workshop.slug}/verlauf/",
    ]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
    # A member of another Kommune sees no edit links.
    assert b"/bearbeiten/" not in client.get(f"/termine/{meeting.pk}/").content


def test_dashboard_shows_my_overdue_item_in_words(detmold_client, detmold, meeting):
    ActionItemFactory(
        meeting=meeting, responsible_municipality=detmold, title="Formulare prüfen",
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )  # fmt: skip
    content = detmold_client.get("/").content.decode()
    assert "Meine Maßnahmen" in content
    assert "Formulare prüfen" in content and "überfällig" in content


def test_event_list_filters_by_kind_kommune_and_year(detmold_client, detmold, lemgo, workshop):
    MeetingFactory(host=detmold, title="Treffen Detmold")
    MeetingFactory(host=lemgo, title="Treffen Lemgo", kind=Meeting.Kind.JOUR_FIXE)
    SessionFactory(workshop=workshop, title="Teil A")
    page = detmold_client.get("/termine/", {"municipality": lemgo.pk}).content.decode()
    assert "Treffen Lemgo" in page and "Treffen Detmold" not in page
    page = detmold_client.get("/termine/", {"kind": "workshop"}).content.decode()
    assert "Teil A" in page and "Treffen Lemgo" not in page
    page = detmold_client.get("/termine/", {"year": "1999"}).content.decode()
    assert "Treffen" not in page


def test_accept_without_javascript_and_with_htmx(client, member, meeting):
    client.force_login(member)
    url = f"/termine/{meeting.pk}/teilnahme/"
    response = client.post(url, {"response": "accepted"})
    assert response.status_code == 302
    assert Attendance.objects.get(user=member).response == "accepted"
    response = client.post(url, {"response": "declined"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="attendance"' in response.content.decode()
    assert Attendance.objects.get(user=member).response == "declined"


def test_posting_someone_elses_user_id_changes_only_ones_own_answer(
    client, member, detmold_cdo, meeting
):
    client.force_login(member)
    client.post(
        f"/termine/{meeting.pk}/teilnahme/", {"response": "accepted", "user": detmold_cdo.pk}
    )
    assert list(Attendance.objects.values_list("user_id", flat=True)) == [member.pk]


def test_answer_for_past_meeting_is_refused(client, member, detmold):
    past = MeetingFactory(host=detmold, start=in_days(-2), end=in_days(-2, 12))
    client.force_login(member)
    response = client.post(
        f"/termine/{past.pk}/teilnahme/", {"response": "accepted"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_meeting_form_rejects_end_before_start_and_seat_limit_zero(detmold_client, detmold):
    response = detmold_client.post(
        "/termine/neu/",
        {"kind": "network", "title": "X", "host": detmold.pk, "start": "2030-05-01T14:00",
         "end": "2030-05-01T12:00", "seat_limit": "0", "agenda-TOTAL_FORMS": "0",
         "agenda-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert "end" in form.errors and "seat_limit" in form.errors
    assert not Meeting.objects.exists()


def test_meeting_create_with_agenda(detmold_client, detmold):
    response = detmold_client.post(
        "/termine/neu/",
        {"kind": "network", "title": "Treffen", "host": detmold.pk,
         "start": "2030-05-01T14:00", "end": "2030-05-01T16:00",
         "agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "0",
         "agenda-0-title": "Begrüßung", "agenda-1-title": ""},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(meeting.start).hour == 14
    assert [a.title for a in meeting.agenda_items.all()] == ["Begrüßung"]


def test_copy_meeting_page(detmold_client, meeting):
    response = detmold_client.post(f"/termine/{meeting.pk}/folgetermin/", {"weeks": "6"})
    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert (copy.start - meeting.start).days in (41, 42)


def test_minutes_with_action_item_and_status_update(detmold_client, detmold, meeting):
    response = detmold_client.post(
        f"/termine/{meeting.pk}/protokoll/",
        {"minutes": "# TOP 1\nBeschluss", "decisions": "", "item-title": "Vorlage teilen",
         "item-responsible_municipality": detmold.pk},
    )  # fmt: skip
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.meeting == meeting and item.title == "Vorlage teilen"
    detail = detmold_client.get(f"/termine/{meeting.pk}/").content.decode()
    assert "<h2>TOP 1</h2>" in detail
    response = detmold_client.post(f"/workshops/massnahmen/{item.pk}/status/", {"status": "done"})
    item.refresh_from_db()
    assert item.status == "done"


def test_minutes_without_action_item(detmold_client, meeting):
    response = detmold_client.post(
        f"/termine/{meeting.pk}/protokoll/", {"minutes": "kurz", "decisions": ""}
    )
    assert response.status_code == 302
    assert not ActionItem.objects.exists()


def test_half_filled_action_item_saves_nothing(detmold_client, meeting):
    response = detmold_client.post(
        f"/termine/{meeting.pk}/protokoll/",
        {"minutes": "neu", "decisions": "", "item-due_date": "2030-01-01"},
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.minutes == "" and not ActionItem.objects.exists()


def test_meeting_ics_download(detmold_client, meeting):
    response = detmold_client.get(f"/termine/{meeting.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == meeting.title


def test_session_ics_download(detmold_client, workshop):
    session = SessionFactory(workshop=workshop)
    response = detmold_client.get(reverse("workshops:session_ics", kwargs={"pk": session.pk}))
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT")


class TestFeed:
    def test_feed_by_token_lists_meetings_and_sessions(self, client, member, meeting, workshop):
        SessionFactory(workshop=workshop)
        token = services.calendar_feed_get_or_create(user=member).token
        response = client.get(f"/termine/feed/{token}.ics")
        assert response.status_code == 200
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2

    @pytest.mark.parametrize("state", ["wrong", "revoked", "renewed", "inactive_user"])
    def test_feed_404_without_data(self, client, member, meeting, state):
        token = services.calendar_feed_get_or_create(user=member).token
        if state == "wrong":
            token = token[:-2] + "xx"
        elif state == "revoked":
            services.calendar_feed_revoke(user=member)
        elif state == "renewed":
            services.calendar_feed_renew(user=member)
        else:
            member.is_active = False
            member.save()
        response = client.get(f"/termine/feed/{token}.ics")
        assert response.status_code == 404
        assert meeting.title.encode() not in response.content
        assert b"BEGIN:VCALENDAR" not in response.content

    def test_manage_page_renews_and_revokes(self, client, member):
        client.force_login(member)
        client.post("/termine/kalender-abo/", {"action": "renew"})
        token = member.calendar_feed.token
        assert token in client.get("/termine/kalender-abo/").content.decode()
        client.post("/termine/kalender-abo/", {"action": "revoke"})
        assert client.get(f"/termine/feed/{token}.ics").status_code == 404


class TestUploads:
    def upload(self, client, meeting, name, content):
        return client.post(
            f"/workshops/anhaenge/neu/meeting/{meeting.pk}/",
            {"file": SimpleUploadedFile(name, content)},
        )

    def test_pdf_upload_and_members_only_download(self, client, detmold_client, member, meeting):
        self.upload(detmold_client, meeting, "agenda.pdf", b"%PDF-1.7\n...")
        attachment = Attachment.objects.get()
        assert attachment.content_type == "application/pdf"
        assert "agenda.pdf" not in attachment.file.name
        client.force_login(member)
        response = client.get(attachment.get_absolute_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        client.logout()
        assert client.get(attachment.get_absolute_url()).status_code == 302

    @pytest.mark.parametrize(
        ("name", "content"),
        [("evil.exe", b"MZ\x90\x00"), ("fake.pdf", b"<script>alert(1)</script>"),
         ("fake.png", b"%PDF-1.4")],
    )  # fmt: skip
    def test_wrong_type_or_content_rejected(self, detmold_client, meeting, name, content):
        self.upload(detmold_client, meeting, name, content)
        assert not Attachment.objects.exists()

    def test_too_large_rejected(self, detmold_client, meeting, settings):
        settings.UPLOAD_MAX_BYTES = 10
        self.upload(detmold_client, meeting, "big.pdf", b"%PDF-1.7" + b"x" * 20)
        assert not Attachment.objects.exists()


def test_workshop_create_results_and_session(detmold_client, detmold):
    response = detmold_client.post(
        "/workshops/neu/", {"title": "Neuer Workshop", "organiser": detmold.pk, "goal": "Lernen"}
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and workshop.slug == "neuer-workshop"
    response = detmold_client.post(
        f"/workshops/{workshop.slug}/teile/neu/",
        {"title": "Teil 1", "start": "2030-03-30T09:00", "end": "2030-03-30T12:00",
         "attending_municipalities": [detmold.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    session = workshop.sessions.get()
    assert list(session.attending_municipalities.all()) == [detmold]
    response = detmold_client.post(
        f"/workshops/{workshop.slug}/ergebnisse/",
        {"results": "Ergebnis", "item-title": "Nacharbeit",
         "item-responsible_municipality": detmold.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert workshop.action_items.get().title == "Nacharbeit"


def test_action_item_links_to_a_shared_project(detmold_client, detmold, meeting):
    from tests.projects.factories import ProjectFactory

    project = ProjectFactory(title="Wissensmanagement im Netzwerk")
    response = detmold_client.post(
        f"/termine/{meeting.pk}/protokoll/",
        {"minutes": "x", "decisions": "", "item-title": "Wiki befüllen",
         "item-responsible_municipality": detmold.pk, "item-project": project.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert ActionItem.objects.get().project == project
    page = detmold_client.get(f"/termine/{meeting.pk}/").content.decode()
    assert project.get_absolute_url() in page and "Wissensmanagement im Netzwerk" in page


def test_municipality_page_lists_its_workshop_sessions(detmold_client, detmold, lemgo):
    from tests.workshops.factories import SessionFactory, WorkshopFactory, in_days

    ws = WorkshopFactory(organiser=lemgo, title="Wissensmanagement")
    s = SessionFactory(workshop=ws, title="Teil 2: Werkzeuge", start=in_days(4), end=in_days(4, 12))
    s.attending_municipalities.add(detmold)
    page = detmold_client.get("/kommunen/detmold/").content.decode()
    assert "Wissensmanagement: Teil 2: Werkzeuge" in page
    # The organising Kommune lists it too; a Kommune with no part in it does not.
    assert "Teil 2: Werkzeuge" in detmold_client.get("/kommunen/lemgo/").content.decode()
    assert (
        "Teil 2: Werkzeuge"
        not in detmold_client.get("/kommunen/horn-bad-meinberg/").content.decode()
    )


class TestAttachmentDelete:
    """A delete link for those allowed, a confirmation page, then the record and file go."""

    def add(self, *, actor, meeting):
        return services.attachment_add(
            actor=actor, meeting=meeting, uploaded=SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n")
        )

    def test_host_confirms_then_deletes(self, detmold_client, detmold_cdo, meeting,
                                        django_capture_on_commit_callbacks):  # fmt: skip
        attachment = self.add(actor=detmold_cdo, meeting=meeting)
        storage, name = attachment.file.storage, attachment.file.name
        url = reverse("workshops:attachment_delete", args=[attachment.pk])
        page = detmold_client.get(f"/termine/{meeting.pk}/").content.decode()
        assert url in page
        confirm = detmold_client.get(url)
        assert confirm.status_code == 200
        assert "plan.pdf" in confirm.content.decode()
        assert Attachment.objects.filter(pk=attachment.pk).exists()  # asking changes nothing
        with django_capture_on_commit_callbacks(execute=True):
            response = detmold_client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/termine/{meeting.pk}/")
        assert not Attachment.objects.filter(pk=attachment.pk).exists()
        assert not storage.exists(name)

    def test_uploader_of_another_kommune_may_delete_own_file(self, client, admin_user, member,
                                                             meeting):  # fmt: skip
        attachment = self.add(actor=admin_user, meeting=meeting)
        attachment.uploaded_by = member
        attachment.save()
        client.force_login(member)
        page = client.get(f"/termine/{meeting.pk}/").content.decode()
        assert reverse("workshops:attachment_delete", args=[attachment.pk]) in page
        client.post(reverse("workshops:attachment_delete", args=[attachment.pk]))
        assert not Attachment.objects.exists()

    def test_others_get_403_and_nothing_changes(self, client, detmold_cdo, member, meeting,
                                                workshop):  # fmt: skip
        attachment = self.add(actor=detmold_cdo, meeting=meeting)
        other = services.attachment_add(
            actor=detmold_cdo, workshop=workshop, uploaded=SimpleUploadedFile("x.pdf", b"%PDF-1")
        )
        client.force_login(member)
        for a in (attachment, other):
            url = reverse("workshops:attachment_delete", args=[a.pk])
            assert url not in client.get(a.origin.get_absolute_url()).content.decode()
            assert client.get(url).status_code == 403
            assert client.post(url).status_code == 403
            assert a.file.storage.exists(a.file.name)
        assert Attachment.objects.count() == 2

    def test_admin_may_delete(self, admin_client, detmold_cdo, workshop):
        a = services.attachment_add(
            actor=detmold_cdo, workshop=workshop, uploaded=SimpleUploadedFile("x.pdf", b"%PDF-1")
        )
        response = admin_client.post(reverse("workshops:attachment_delete", args=[a.pk]))
        assert response["Location"].startswith(f"/workshops/{workshop.slug}/")
        assert not Attachment.objects.exists()


def test_copy_page_offers_only_future_dates(detmold_client, detmold):
    past = MeetingFactory(host=detmold, start=in_days(-20, 14), end=in_days(-20, 16))
    page = detmold_client.get(f"/termine/{past.pk}/folgetermin/").content.decode()
    assert '<option value="3"' in page and '<option value="2"' not in page
    assert '<option value="4" selected' in page
    # A number of weeks that leads into the past is refused, nothing created.
    response = detmold_client.post(f"/termine/{past.pk}/folgetermin/", {"weeks": "2"})
    assert response.status_code == 200
    assert Meeting.objects.count() == 1


def test_copy_page_of_a_meeting_more_than_a_year_ago(detmold_client, detmold):
    old = MeetingFactory(host=detmold, start=in_days(-400, 14), end=in_days(-400, 16))
    page = detmold_client.get(f"/termine/{old.pk}/folgetermin/").content.decode()
    assert "<select" not in page and "/termine/neu/" in page


def test_session_cancel_asks_first(detmold_client, workshop):
    session = SessionFactory(workshop=workshop, title="Teil 1")
    url = f"/workshops/{workshop.slug}/teile/{session.pk}/absagen/"
    assert (
        url
        in detmold_client.get(f"/workshops/{workshop.slug}/teile/{session.pk}/").content.decode()
    )
    assert detmold_client.get(url).status_code == 200
    session.refresh_from_db()
    assert not session.is_cancelled
    response = detmold_client.post(url)
    assert response["Location"] == f"/workshops/{workshop.slug}/#teil-{session.pk}"
    session.refresh_from_db()
    assert session.is_cancelled and session.sequence == 1


def test_workshop_cards_show_parts_and_open_items(detmold_client, detmold, workshop):
    """Number of parts with the first and last date, "no dates yet", open action items."""
    from django.utils.formats import date_format
    from django.utils.html import strip_tags

    from tests.workshops.factories import WorkshopFactory

    first, last = in_days(10, 9), in_days(40, 9)
    SessionFactory(workshop=workshop, start=last, end=last + dt.timedelta(hours=2))
    SessionFactory(workshop=workshop, start=first, end=first + dt.timedelta(hours=2))
    ActionItemFactory(workshop=workshop, meeting=None, responsible_municipality=detmold)
    one = WorkshopFactory(organiser=detmold, title="Ein Termin")
    SessionFactory(workshop=one, start=first, end=first + dt.timedelta(hours=2))
    WorkshopFactory(organiser=detmold, title="Ohne Termin")
    page = detmold_client.get(reverse("workshops:workshop_list")).content.decode()
    cards = {c.split("</h2>")[0].split(">")[-2].split("<")[0]: " ".join(strip_tags(c).split())
             for c in page.split('<li class="kern-card">')[1:]}  # fmt: skip
    day = lambda d: date_format(timezone.localtime(d), "DATE_FORMAT")  # noqa: E731
    assert f"2 Teile: {day(first)} – {day(last)} · 1 offene Maßnahme" in cards["Strategie-Workshop"]
    assert f"1 Teil: {day(first)} · 0 offene Maßnahmen" in cards["Ein Termin"]
    assert "Noch keine Termine" in cards["Ohne Termin"]
