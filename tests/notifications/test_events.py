"""What creates a notification (issue 11 item 4), and that nobody is notified of their own act."""

import datetime as dt

from notifications import selectors, services
from notifications.models import Activity, Follow, Notification
from ozg import services as ozg_services
from ozg.models import ImplementationState
from projects import services as project_services
from projects.models import Participation, Project
from tests.notifications.conftest import publish_post
from tests.ozg.factories import OzgServiceFactory
from tests.workshops.factories import AttendanceFactory, MeetingFactory
from workshops import services as workshop_services
from workshops.models import Attendance

K = Notification.Kind


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_mention_of_a_person_and_of_a_kommune(project, detmold_cdo, lemgo_cdo, lemgo_staff,
                                               lage_cdo, reference_data):  # fmt: skip
    kommunen = [reference_data["lage"], reference_data["lemgo"]]
    post = publish_post(author=lemgo_cdo, target=project, users=[detmold_cdo],
                        municipalities=kommunen)  # fmt: skip
    mention = Notification.objects.get(recipient=detmold_cdo)
    assert mention.kind == K.MENTION
    assert mention.url == f"/projekte/buergerserviceportal/#beitrag-{post.pk}"
    assert mention.actor_name == "Lars Entwurf"
    assert mention.target_title == "Bürgerserviceportal"
    assert mention.message == "Lars Entwurf hat Sie in „Bürgerserviceportal“ erwähnt"
    assert kinds_of(lage_cdo) == [K.MENTION]  # the people of a mentioned Kommune
    assert kinds_of(lemgo_staff) == [K.MENTION]
    assert kinds_of(lemgo_cdo) == []  # the author's own Kommune: never themself


def test_reply_to_my_post_and_a_new_post_where_i_follow(project, detmold_cdo, lemgo_cdo,
                                                        lage_cdo):  # fmt: skip
    services.follow(user=lage_cdo, obj=project)
    question = publish_post(author=detmold_cdo, target=project)
    assert kinds_of(lage_cdo) == [K.FOLLOWED_POST]
    # Writing a post makes its author follow the thread's item.
    assert selectors.is_following(user=detmold_cdo, obj=project)
    publish_post(author=lemgo_cdo, target=project, parent=question)
    assert kinds_of(detmold_cdo) == [K.REPLY]  # one notification, the strongest reason
    assert kinds_of(lage_cdo) == [K.FOLLOWED_POST, K.FOLLOWED_POST]
    assert kinds_of(lemgo_cdo) == []


def test_answer_to_my_question(project, detmold_cdo, lemgo_cdo):
    question = publish_post(author=lemgo_cdo, target=project)
    reply = publish_post(author=detmold_cdo, target=project, parent=question)
    Notification.objects.all().delete()
    from lippe_ikz import events

    events.publish("discussions.answer.marked", reply, actor=detmold_cdo, question=question,
                   target=project)  # fmt: skip
    answer = Notification.objects.get()
    assert (answer.recipient, answer.kind) == (lemgo_cdo, K.ANSWER)
    assert answer.thread_key == f"post:{question.pk}"
    # The asker marking an answer themself is told nothing.
    Notification.objects.all().delete()
    events.publish("discussions.answer.marked", reply, actor=lemgo_cdo, question=question,
                   target=project)  # fmt: skip
    assert not Notification.objects.exists()


def test_status_change_of_a_followed_project(project, detmold_cdo, lemgo_cdo, lage_cdo):
    services.follow(user=lemgo_cdo, obj=project)
    services.follow(user=detmold_cdo, obj=project)
    project_services.status_update_add(actor=detmold_cdo, project=project, text="Los geht's",
                                       new_status=Project.Status.PLANNING)  # fmt: skip
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (lemgo_cdo, K.PROJECT_STATUS)
    assert notification.detail == "In Planung"
    assert kinds_of(lage_cdo) == []  # does not follow
    assert Activity.objects.filter(verb="project_status").count() == 1


def test_status_change_of_a_followed_ozg_service(detmold, detmold_cdo, lemgo_cdo):
    service = OzgServiceFactory(name="Wohngeld")
    services.follow(user=lemgo_cdo, obj=service)
    ozg_services.status_set(actor=detmold_cdo, municipality=detmold, service=service, maturity=2,
                            state=ImplementationState.IN_PROGRESS)  # fmt: skip
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (lemgo_cdo, K.OZG_STATUS)
    assert notification.detail.startswith("Detmold: ")


def test_my_kommune_added_to_a_project(project, detmold_cdo, lage_cdo, reference_data):
    project_services.participation_add(actor=detmold_cdo, project=project,
                                       municipality=reference_data["lage"],
                                       role=Participation.Role.PARTICIPANT)  # fmt: skip
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (lage_cdo, K.PROJECT_JOINED)
    assert notification.message == "Lage wurde zum Projekt „Bürgerserviceportal“ hinzugefügt"


def test_joining_for_my_kommune_follows_the_project(project, lage_cdo, reference_data):
    project_services.participation_add(actor=lage_cdo, project=project,
                                       municipality=reference_data["lage"],
                                       role=Participation.Role.PARTICIPANT)  # fmt: skip
    assert not Notification.objects.exists()  # the actor is the Kommune's only person
    assert selectors.is_following(user=lage_cdo, obj=project)


def test_meeting_moved_or_cancelled_tells_who_accepted(detmold, detmold_cdo, lemgo_cdo, lage_cdo):
    meeting = MeetingFactory(host=detmold, title="E-Akte")
    AttendanceFactory(meeting=meeting, user=lemgo_cdo)
    AttendanceFactory(meeting=meeting, user=lage_cdo, response=Attendance.Response.DECLINED)
    AttendanceFactory(meeting=meeting, user=detmold_cdo)
    workshop_services.meeting_update(actor=detmold_cdo, meeting=meeting,
                                     data={"description": "Neue Agenda"})  # fmt: skip
    assert not Notification.objects.exists()  # not moved
    workshop_services.meeting_update(
        actor=detmold_cdo, meeting=meeting,
        data={"start": meeting.start + dt.timedelta(days=1),
              "end": meeting.end + dt.timedelta(days=1)},
    )  # fmt: skip
    assert kinds_of(lemgo_cdo) == [K.MEETING_MOVED]
    assert kinds_of(lage_cdo) == []
    assert kinds_of(detmold_cdo) == []
    workshop_services.meeting_cancel(actor=detmold_cdo, meeting=meeting)
    assert kinds_of(lemgo_cdo) == [K.MEETING_CANCELLED, K.MEETING_MOVED]


def test_people_follow_what_they_create_or_take_part_in(detmold, detmold_cdo, lemgo_cdo):
    project = project_services.project_create(
        actor=detmold_cdo, lead_municipality=detmold,
        data={"title": "Digitale Bauakte", "summary": "Zusammen.",
              "topic": Project._meta.get_field("topic").related_model.objects.create(
                  name="Bauen", slug="bauen")},
    )  # fmt: skip
    assert selectors.is_following(user=detmold_cdo, obj=project)
    meeting = MeetingFactory(host=detmold)
    workshop_services.attendance_set(actor=lemgo_cdo, user=lemgo_cdo, meeting=meeting,
                                     response=Attendance.Response.ACCEPTED)  # fmt: skip
    assert selectors.is_following(user=lemgo_cdo, obj=meeting)
    assert Follow.objects.count() == 2


def test_no_self_notification_anywhere(project, detmold_cdo):
    """The actor is never told of their own act, whatever the reason would be."""
    services.follow(user=detmold_cdo, obj=project)
    publish_post(author=detmold_cdo, target=project, users=[detmold_cdo],
                 municipalities=[project.lead])  # fmt: skip
    project_services.status_update_add(actor=detmold_cdo, project=project, text="Weiter",
                                       new_status=Project.Status.IMPLEMENTATION)  # fmt: skip
    assert not Notification.objects.exists()


def test_inactive_people_get_nothing(project, detmold_cdo, lemgo_cdo):
    lemgo_cdo.is_active = False
    lemgo_cdo.save()
    publish_post(author=detmold_cdo, target=project, users=[lemgo_cdo])
    assert not Notification.objects.exists()
