import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.members.factories import UserFactory
from tests.workshops.factories import ActionItemFactory, MeetingFactory, in_days
from workshops import services
from workshops.models import ActionItem, Attendance, Meeting

pytestmark = pytest.mark.django_db

A = Attendance.Response


def test_host_cdo_creates_meeting_with_agenda(detmold_cdo, detmold):
    meeting = services.meeting_create(
        actor=detmold_cdo,
        data={"title": "Jour fixe", "host": detmold, "start": in_days(3), "end": in_days(3, 12)},
        agenda=[
            {"title": "Begrüßung", "presenter": "Dana"},
            {"title": "OZG", "duration_minutes": 30},
        ],
    )
    assert [str(a) for a in meeting.agenda_items.all()] == ["1. Begrüßung", "2. OZG"]


def test_member_of_other_kommune_cannot_create_meeting_for_detmold(member, detmold):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=member,
            data={"title": "X", "host": detmold, "start": in_days(3), "end": in_days(3, 12)},
        )
    assert not Meeting.objects.exists()


def test_end_before_start_is_rejected(detmold_cdo, detmold):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=detmold_cdo,
            data={"title": "X", "host": detmold, "start": in_days(3, 12), "end": in_days(3, 10)},
        )
    assert "end" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_seat_limit_zero_is_rejected(detmold_cdo, meeting):
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"seat_limit": 0})
    assert "seat_limit" in exc.value.message_dict
    meeting.refresh_from_db()
    assert meeting.seat_limit is None


def test_update_raises_sequence_only_for_calendar_fields(detmold_cdo, meeting):
    services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"description": "mehr"})
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"location": "Kreishaus"})
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    services.meeting_cancel(actor=detmold_cdo, meeting=meeting)
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.status) == (2, "cancelled")


def test_copy_keeps_wall_clock_time_across_dst(detmold_cdo, detmold):
    # 14:00 on the Tuesday before the last Sunday of March 2030 -> 14:00 two weeks later (CEST).
    start = timezone.make_aware(dt.datetime(2030, 3, 19, 14, 0))
    meeting = MeetingFactory(host=detmold, start=start, end=start + dt.timedelta(hours=2))
    meeting.agenda_items.create(position=1, title="Rückblick")
    copy = services.meeting_copy(actor=detmold_cdo, meeting=meeting, weeks=2)
    local = timezone.localtime(copy.start)
    assert (local.date(), local.hour) == (dt.date(2030, 4, 2), 14)
    assert copy.uid != meeting.uid
    assert [a.title for a in copy.agenda_items.all()] == ["Rückblick"]


def test_copy_denied_for_other_kommune(member, meeting):
    with pytest.raises(PermissionDenied):
        services.meeting_copy(actor=member, meeting=meeting, weeks=4)
    assert Meeting.objects.count() == 1


class TestAttendance:
    def test_accept_until_full_then_waiting_list_moves_up(self, detmold_cdo, detmold):
        meeting = MeetingFactory(host=detmold, seat_limit=2)
        a, b, c, d = (UserFactory() for _ in range(4))
        for person in (a, b, c, d):
            services.attendance_set(actor=person, user=person, meeting=meeting, response=A.ACCEPTED)
        responses = dict(meeting.attendances.values_list("user_id", "response"))
        assert responses == {a.pk: A.ACCEPTED, b.pk: A.ACCEPTED, c.pk: A.WAITING, d.pk: A.WAITING}
        services.attendance_set(actor=a, user=a, meeting=meeting, response=A.DECLINED)
        responses = dict(meeting.attendances.values_list("user_id", "response"))
        # c asked first, so c moves up; d keeps waiting.
        assert responses[c.pk] == A.ACCEPTED and responses[d.pk] == A.WAITING
        assert responses[a.pk] == A.DECLINED

    def test_accepting_again_keeps_the_place_in_the_queue(self, detmold):
        meeting = MeetingFactory(host=detmold, seat_limit=1)
        a, b, c = (UserFactory() for _ in range(3))
        for person in (a, b, c):
            services.attendance_set(actor=person, user=person, meeting=meeting, response=A.ACCEPTED)
        services.attendance_set(actor=b, user=b, meeting=meeting, response=A.ACCEPTED)
        services.attendance_set(actor=a, user=a, meeting=meeting, response=A.MAYBE)
        assert Attendance.objects.get(user=b).response == A.ACCEPTED
        assert Attendance.objects.get(user=c).response == A.WAITING

    def test_raising_the_seat_limit_moves_people_up(self, detmold_cdo, detmold):
        meeting = MeetingFactory(host=detmold, seat_limit=1)
        a, b = UserFactory(), UserFactory()
        for person in (a, b):
            services.attendance_set(actor=person, user=person, meeting=meeting, response=A.ACCEPTED)
        services.meeting_update(actor=detmold_cdo, meeting=meeting, data={"seat_limit": 2})
        assert Attendance.objects.get(user=b).response == A.ACCEPTED

    def test_nobody_answers_for_someone_else(self, detmold_cdo, member, meeting):
        with pytest.raises(PermissionDenied):
            services.attendance_set(
                actor=detmold_cdo, user=member, meeting=meeting, response=A.DECLINED
            )
        assert not Attendance.objects.exists()

    def test_no_answers_for_past_meetings(self, member, detmold):
        past = MeetingFactory(host=detmold, start=in_days(-3), end=in_days(-3, 12))
        with pytest.raises(ValidationError):
            services.attendance_set(actor=member, user=member, meeting=past, response=A.ACCEPTED)
        assert not Attendance.objects.exists()

    def test_no_answers_for_cancelled_meetings(self, detmold_cdo, member, meeting):
        services.meeting_cancel(actor=detmold_cdo, meeting=meeting)
        with pytest.raises(ValidationError):
            services.attendance_set(actor=member, user=member, meeting=meeting, response=A.ACCEPTED)

    def test_unknown_answer_rejected(self, member, meeting):
        with pytest.raises(ValidationError):
            services.attendance_set(actor=member, user=member, meeting=meeting, response="waiting")


class TestActionItems:
    def test_host_adds_item_and_responsible_person_marks_done(
        self, detmold_cdo, member, lemgo, meeting
    ):
        item = services.action_item_create(
            actor=detmold_cdo,
            meeting=meeting,
            data={"title": "Vorlage teilen", "responsible_municipality": lemgo,
                  "responsible_person": member},
        )  # fmt: skip
        services.action_item_set_status(actor=member, item=item, status=ActionItem.Status.DONE)
        item.refresh_from_db()
        assert item.status == "done" and item.completed_at is not None
        assert item.history.count() == 2

    def test_outsider_cannot_change_status(self, detmold, meeting):
        outsider = UserFactory()
        item = ActionItemFactory(meeting=meeting, responsible_municipality=detmold)
        with pytest.raises(PermissionDenied):
            services.action_item_set_status(actor=outsider, item=item, status="done")
        item.refresh_from_db()
        assert item.status == "open"

    def test_member_cannot_add_item_to_other_kommunes_meeting(self, member, lemgo, meeting):
        with pytest.raises(PermissionDenied):
            services.action_item_create(
                actor=member, meeting=meeting,
                data={"title": "X", "responsible_municipality": lemgo},
            )  # fmt: skip
        assert not ActionItem.objects.exists()

    def test_overdue(self, detmold, meeting):
        item = ActionItemFactory(
            meeting=meeting, due_date=timezone.localdate() - dt.timedelta(days=1)
        )
        assert item.is_overdue
        item.status = "done"
        assert not item.is_overdue


def test_results_update_keeps_history(detmold_cdo, workshop):
    services.workshop_results_update(actor=detmold_cdo, workshop=workshop, results="# Ergebnis 1")
    services.workshop_results_update(actor=detmold_cdo, workshop=workshop, results="# Ergebnis 2")
    assert [h.results for h in workshop.history.all()][:2] == ["# Ergebnis 2", "# Ergebnis 1"]
    assert workshop.results_updated_at is not None


def test_results_update_denied_for_member(member, workshop):
    with pytest.raises(PermissionDenied):
        services.workshop_results_update(actor=member, workshop=workshop, results="x")
    workshop.refresh_from_db()
    assert workshop.results == ""


def test_feed_renew_and_revoke_change_the_token(member):
    first = services.calendar_feed_get_or_create(user=member).token
    assert services.calendar_feed_get_or_create(user=member).token == first
    renewed = services.calendar_feed_renew(user=member)
    assert renewed.token != first and renewed.is_active
    revoked = services.calendar_feed_revoke(user=member)
    assert not revoked.is_active and revoked.token != renewed.token


def test_copy_into_the_past_is_refused(detmold_cdo, detmold):
    meeting = MeetingFactory(host=detmold, start=in_days(-30), end=in_days(-30, 12))
    with pytest.raises(ValidationError):
        services.meeting_copy(actor=detmold_cdo, meeting=meeting, weeks=2)
    assert Meeting.objects.count() == 1
    copy = services.meeting_copy(actor=detmold_cdo, meeting=meeting, weeks=6)
    assert copy.start > timezone.now()
