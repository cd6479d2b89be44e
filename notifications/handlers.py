"""What the notifications app does with the domain events of the apps below it.

Discussion events are read duck-typed (see the contract in docs/architecture.md): a post has
``pk``, ``author``, ``body``, ``target``, ``parent`` and ``get_absolute_url()``.
"""

from __future__ import annotations

from django.utils.text import Truncator

from notifications import selectors, services
from notifications.models import Notification

Kind = Notification.Kind


def _excerpt(text, length: int = 160) -> str:
    return Truncator(" ".join(str(text or "").split())).chars(length)


def _root_key(post) -> str:
    parent = getattr(post, "parent", None)
    root = parent if parent is not None else post
    return f"post:{root.pk}"


def _post_created(event) -> None:
    post = event.obj
    actor = event.actor or getattr(post, "author", None)
    target = event.data.get("target") or getattr(post, "target", None)
    parent = event.data.get("parent", getattr(post, "parent", None))
    recipients: dict[int, str] = {}
    # The weakest reason first: a stronger one for the same person overwrites it.
    if target is not None:
        for pk in selectors.follower_ids(target):
            recipients[pk] = Kind.FOLLOWED_POST
    if parent is not None and getattr(parent, "author", None) is not None:
        recipients[parent.author.pk] = Kind.REPLY
    mentioned = [u.pk for u in event.data.get("mentioned_users") or ()]
    mentioned += services.people_of(event.data.get("mentioned_municipalities") or ())
    for pk in mentioned:
        recipients[pk] = Kind.MENTION
    services.notify(
        recipients=recipients,
        actor=actor,
        target=target,
        url=services._url(post),
        detail=_excerpt(getattr(post, "body", "")),
        thread_key=_root_key(post),
    )
    if target is not None:
        services.auto_follow(user=actor, obj=target)
        services.activity_record(verb="post", target=target, actor=actor, url=services._url(post),
                                 detail=_excerpt(getattr(post, "body", "")))  # fmt: skip


def _answer_marked(event) -> None:
    reply = event.obj
    question = event.data.get("question") or getattr(reply, "parent", None)
    if question is None or getattr(question, "author", None) is None:
        return
    target = event.data.get("target") or getattr(question, "target", None)
    services.notify(
        recipients={question.author.pk: Kind.ANSWER},
        actor=event.actor,
        target=target,
        url=services._url(reply),
        detail=_excerpt(getattr(reply, "body", "")),
        thread_key=f"post:{question.pk}",
    )


def _project_status_changed(event) -> None:
    project = event.obj
    detail = str(project.get_status_display())
    services.notify(recipients=dict.fromkeys(selectors.follower_ids(project), Kind.PROJECT_STATUS),
                    actor=event.actor, target=project, detail=detail)  # fmt: skip
    services.activity_record(verb="project_status", target=project, actor=event.actor,
                             detail=detail)  # fmt: skip


def _participation_created(event) -> None:
    project = event.data.get("project") or event.obj.project
    municipality = event.data.get("municipality") or event.obj.municipality
    services.notify(
        recipients=dict.fromkeys(services.people_of([municipality]), Kind.PROJECT_JOINED),
        actor=event.actor,
        target=project,
        detail=municipality.name,
    )
    services.auto_follow(user=event.actor, obj=project)
    services.activity_record(verb="participation", target=project, actor=event.actor,
                             municipality=municipality, detail=municipality.name)  # fmt: skip


def _ozg_status(event) -> None:
    service = event.data.get("service") or event.obj.service
    municipality = event.data.get("municipality") or event.obj.municipality
    status = event.obj
    state = getattr(status, "get_state_display", None)
    detail = f"{municipality.name}: {state()}" if callable(state) else municipality.name
    services.notify(recipients=dict.fromkeys(selectors.follower_ids(service), Kind.OZG_STATUS),
                    actor=event.actor, target=service, detail=detail)  # fmt: skip
    services.activity_record(verb="ozg_status", target=service, actor=event.actor,
                             municipality=municipality, detail=detail)  # fmt: skip


def _meeting_attendee_ids(meeting) -> list[int]:
    return list(
        meeting.attendances.filter(response="accepted", user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _meeting_changed(event) -> None:
    if not event.data.get("moved"):
        return
    meeting = event.obj
    from django.utils import timezone
    from django.utils.formats import date_format

    detail = date_format(timezone.localtime(meeting.start), "DATETIME_FORMAT")
    services.notify(recipients=dict.fromkeys(_meeting_attendee_ids(meeting), Kind.MEETING_MOVED),
                    actor=event.actor, target=meeting, detail=detail)  # fmt: skip
    services.activity_record(verb="meeting_moved", target=meeting, actor=event.actor,
                             municipality=meeting.host, detail=detail)  # fmt: skip


def _meeting_cancelled(event) -> None:
    meeting = event.obj
    services.notify(
        recipients=dict.fromkeys(_meeting_attendee_ids(meeting), Kind.MEETING_CANCELLED),
        actor=event.actor,
        target=meeting,
    )
    services.activity_record(verb="meeting_cancelled", target=meeting, actor=event.actor,
                             municipality=meeting.host)  # fmt: skip


def _attendance_changed(event) -> None:
    attendance = event.obj
    if attendance.response in ("accepted", "waiting"):
        services.auto_follow(user=attendance.user, obj=event.data.get("meeting"))


def _created(event) -> None:
    services.auto_follow(user=event.actor, obj=event.obj)


def _status_update(event) -> None:
    update = event.obj
    project = event.data.get("project")
    if getattr(update, "new_status", "") and update.new_status != update.previous_status:
        return  # recorded as the status change
    services.activity_record(verb="status_update", target=project, actor=event.actor,
                             detail=_excerpt(getattr(update, "text", "")))  # fmt: skip


def _document_created(event) -> None:
    services.activity_record(verb="document", target=event.data.get("project"),
                             actor=event.actor, detail=str(event.obj))  # fmt: skip


def _minutes_changed(event) -> None:
    services.activity_record(verb="minutes", target=event.obj, actor=event.actor,
                             municipality=event.obj.host)  # fmt: skip


def _workshop_changed(event) -> None:
    if event.data.get("results_changed"):
        services.activity_record(verb="workshop_results", target=event.obj, actor=event.actor)


def _article_changed(event) -> None:
    services.activity_record(verb="article_changed", target=event.obj, actor=event.actor)


HANDLERS = {
    "discussions.post.created": _post_created,
    "discussions.answer.marked": _answer_marked,
    "projects.project.created": _created,
    "projects.project.status_changed": _project_status_changed,
    "projects.participation.created": _participation_created,
    "projects.status_update.created": _status_update,
    "projects.document.created": _document_created,
    "ozg.status.created": _ozg_status,
    "ozg.status.changed": _ozg_status,
    "workshops.meeting.created": _created,
    "workshops.meeting.changed": _meeting_changed,
    "workshops.meeting.cancelled": _meeting_cancelled,
    "workshops.meeting.minutes_changed": _minutes_changed,
    "workshops.attendance.changed": _attendance_changed,
    "workshops.workshop.created": _created,
    "workshops.workshop.changed": _workshop_changed,
    "knowledge.article.created": _created,
    "knowledge.article.changed": _article_changed,
}


def handle(event) -> None:
    handler = HANDLERS.get(event.kind)
    if handler is not None:
        handler(event)
