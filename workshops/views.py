"""Thin views: parse input, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lippe_ikz.dates import weekday_date
from workshops import permissions, selectors, services
from workshops.calendar import build_calendar, event_ics
from workshops.filters import EventFilter
from workshops.forms import (
    AGENDA_ACTION,
    ActionItemForm,
    AttachmentForm,
    AttendanceForm,
    CopyForm,
    MeetingForm,
    MinutesForm,
    ResultsForm,
    SessionForm,
    StatusForm,
    WorkshopForm,
    agenda_apply,
    agenda_focus,
    agenda_formset,
    agenda_posted_rows,
    agenda_rows,
)
from workshops.models import (
    ActionItem,
    Attachment,
    Attendance,
    Meeting,
    Workshop,
    WorkshopSession,
)
from workshops.rendering import event_rows


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Termine --------------------------------------------------------------------------------


PAST_PAGE_SIZE = 50


def event_list(request):
    filterset = EventFilter(request.GET or None, years=selectors.event_years())
    upcoming, past = selectors.event_page(**filterset.values())
    past_page = Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "workshops/event_list.html",
        {
            "filter": filterset,
            "upcoming": upcoming,
            "upcoming_rows": event_rows(upcoming),
            "past": past_page.object_list,
            "past_rows": event_rows(past_page.object_list),
            "page": past_page,
            "can_create": permissions.can_create(request.user),
        },
    )


def _meeting_form(request, meeting: Meeting | None):
    """New or edit meeting, with an agenda editor that works without JavaScript.

    The agenda's own buttons (add a row, move a row up or down, remove a row) post the whole
    form with `agenda_action`; the page comes back with the rows changed and nothing saved.
    With htmx, only the agenda fieldset is swapped (`hx-select`).
    """
    action = request.POST.get(AGENDA_ACTION, "") if request.method == "POST" else ""
    status, focus_row, focus_button = "", None, ""
    if action:
        rows, focus_row, status = agenda_apply(agenda_posted_rows(request.POST), action)
        initial = {k: v for k, v in request.POST.items() if not k.startswith("agenda")}
        form = MeetingForm(instance=meeting, initial=initial, user=request.user)
        agenda = agenda_formset(rows=rows)
        focus_button = agenda_focus(agenda, focus_row, action)
    elif request.method == "POST":
        form = MeetingForm(request.POST, instance=meeting, user=request.user)
        agenda = agenda_formset(request.POST)
        if form.is_valid() and agenda.is_valid():
            try:
                if meeting is None:
                    saved = services.meeting_create(
                        actor=request.user, data=form.cleaned_data, agenda=agenda_rows(agenda)
                    )
                else:
                    saved = services.meeting_update(
                        actor=request.user,
                        meeting=meeting,
                        data=form.cleaned_data,
                        agenda=agenda_rows(agenda),
                    )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if meeting is None:
                    messages.success(request, _("The meeting was created."))
                else:
                    messages.success(request, _("The meeting was saved."))
                return redirect(saved)
    else:
        form = MeetingForm(instance=meeting, user=request.user)
        rows = [
            {"title": a.title, "presenter": a.presenter, "duration_minutes": a.duration_minutes}
            for a in (meeting.agenda_items.all() if meeting else [])
        ]
        agenda = agenda_formset(rows=[*rows, {}])
    if meeting is not None:
        meeting.refresh_from_db()
    return render(
        request,
        "workshops/meeting_form.html",
        {
            "form": form,
            "agenda": agenda,
            "meeting": meeting,
            "agenda_status": status,
            "agenda_focus_row": focus_row,
            "agenda_focus_button": focus_button,
            "agenda_action_name": AGENDA_ACTION,
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    return _meeting_form(request, None)


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def _meeting_context(request, meeting: Meeting) -> dict:
    attendance = selectors.attendance_of(meeting=meeting, user=request.user)
    can_edit = permissions.can_edit_meeting(request.user, meeting)
    groups = [
        (label, [a for a in meeting.attendance_list if a.response == value])
        for value, label in Attendance.Response.choices
    ]
    return {
        "meeting": meeting,
        "attendance": attendance,
        "attendance_groups": groups,
        "can_edit": can_edit,
        "can_answer": not meeting.is_cancelled and meeting.start > timezone.now(),
        "action_items": [
            (item, permissions.can_update_action_item(request.user, item))
            for item in meeting.action_item_list
        ],
        "status_choices": ActionItem.Status.choices,
        "attachment_form": AttachmentForm(),
        "attachments": _attachment_rows(request, meeting.attachment_list, can_edit=can_edit),
    }


def meeting_detail(request, pk: int):
    meeting = _meeting_or_404(pk)
    return render(request, "workshops/meeting_detail.html", _meeting_context(request, meeting))


@require_POST
def meeting_attendance(request, pk: int):
    """Zusagen / Absagen / Vielleicht for oneself: htmx swaps the box, plain POST redirects."""
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AttendanceForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose accept, maybe or decline.")
    else:
        try:
            services.attendance_set(
                actor=request.user,
                user=request.user,
                meeting=meeting,
                response=form.cleaned_data["response"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        context = _meeting_context(request, _meeting_or_404(pk))
        context["attendance_error"] = error
        return render(
            request,
            "workshops/partials/attendance.html",
            context,
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer was saved."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not permissions.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    return _meeting_form(request, meeting)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk: int):
    """Write the minutes and, in the same step, add an action item."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if not permissions.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    form = MinutesForm(request.POST or None, instance=meeting)
    item_form = ActionItemForm(request.POST or None, prefix="item", optional=True)
    if request.method == "POST":
        item_ok = item_form.is_empty() or item_form.is_valid()
        if form.is_valid() and item_ok:
            with transaction.atomic():
                services.meeting_minutes_update(
                    actor=request.user,
                    meeting=meeting,
                    minutes=form.cleaned_data["minutes"],
                    decisions=form.cleaned_data["decisions"],
                )
                if not item_form.is_empty():
                    services.action_item_create(
                        actor=request.user, meeting=meeting, data=item_form.cleaned_data
                    )
            messages.success(request, _("The minutes were saved."))
            return redirect(meeting)
    meeting.refresh_from_db()
    return render(
        request,
        "workshops/minutes_form.html",
        {"form": form, "item_form": item_form, "meeting": meeting},
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not permissions.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST":
        services.meeting_cancel(actor=request.user, meeting=meeting)
        messages.success(request, _("The meeting was cancelled. Calendars show it as cancelled."))
        return redirect(meeting)
    return render(request, "workshops/meeting_cancel.html", {"meeting": meeting})


@require_http_methods(["GET", "POST"])
def meeting_copy(request, pk: int):
    """ "Nächstes Treffen anlegen": copy the meeting a chosen number of weeks later."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if not permissions.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    form = CopyForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.meeting_copy(
                actor=request.user, meeting=meeting, weeks=form.cleaned_data["weeks"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The next meeting was created for %(date)s. Check it and invite people.")
                % {"date": weekday_date(copy.start, with_time=True)},
            )
            return redirect(copy)
    return render(request, "workshops/meeting_copy.html", {"meeting": meeting, "form": form})


def meeting_history(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    versions = meeting.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "workshops/history.html",
        {"object": meeting, "versions": versions, "field": "minutes"},
    )


@require_GET
def meeting_ics(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    return _ics_response(event_ics(meeting), f"termin-{meeting.pk}.ics")


@require_GET
def session_ics(request, pk: int):
    session = get_object_or_404(WorkshopSession.objects.select_related("workshop"), pk=pk)
    return _ics_response(event_ics(session), f"workshop-teil-{session.pk}.ics")


@login_not_required
@never_cache
@require_GET
def calendar_feed(request, token: str):
    """Public by its secret token; a wrong or revoked token gets a bare 404."""
    feed = selectors.feed_by_token(token=token)
    if feed is None:
        return HttpResponse(status=404, content_type="text/plain")
    data = build_calendar(selectors.feed_events(), name="IKZ-Portal Lippe")
    feed.last_used_at = timezone.now()
    feed.save(update_fields=["last_used_at"])
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def calendar_feed_manage(request):
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            services.calendar_feed_renew(user=request.user)
            messages.success(
                request, _("Your calendar address was renewed. The old one no longer works.")
            )
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("Your calendar subscription was switched off."))
        return redirect("workshops:calendar_feed_manage")
    feed = getattr(request.user, "calendar_feed", None)
    url = None
    if feed is not None and feed.is_active:
        url = request.build_absolute_uri(
            reverse("workshops:calendar_feed", kwargs={"token": feed.token})
        )
    return render(request, "workshops/calendar_feed.html", {"feed": feed, "feed_url": url})


# --- Workshops ------------------------------------------------------------------------------


def workshop_list(request):
    return render(
        request,
        "workshops/workshop_list.html",
        {
            "workshops": selectors.workshop_list(),
            "can_create": permissions.can_create(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def workshop_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = WorkshopForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        workshop = services.workshop_create(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The workshop was created. Now add its parts."))
        return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": None})


def workshop_detail(request, slug: str):
    try:
        workshop = selectors.workshop_detail(slug=slug)
    except Workshop.DoesNotExist as exc:
        raise Http404 from exc
    can_edit = permissions.can_edit_workshop(request.user, workshop)
    return render(
        request,
        "workshops/workshop_detail.html",
        {
            "workshop": workshop,
            "can_edit": can_edit,
            "attachments": _attachment_rows(request, workshop.attachment_list, can_edit=can_edit),
            "action_items": [
                (item, permissions.can_update_action_item(request.user, item))
                for item in workshop.action_item_list
            ],
            "status_choices": ActionItem.Status.choices,
            "attachment_form": AttachmentForm(),
        },
    )


def _editable_workshop(request, slug: str) -> Workshop:
    workshop = get_object_or_404(Workshop, slug=slug)
    if not permissions.can_edit_workshop(request.user, workshop):
        raise PermissionDenied
    return workshop


@require_http_methods(["GET", "POST"])
def workshop_edit(request, slug: str):
    workshop = _editable_workshop(request, slug)
    form = WorkshopForm(request.POST or None, instance=workshop, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.workshop_update(actor=request.user, workshop=workshop, data=form.cleaned_data)
        messages.success(request, _("The workshop was saved."))
        return redirect(workshop)
    workshop.refresh_from_db()
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": workshop})


@require_http_methods(["GET", "POST"])
def workshop_results(request, slug: str):
    """Write the Ergebnisdokumentation and, in the same step, add an action item."""
    workshop = _editable_workshop(request, slug)
    form = ResultsForm(request.POST or None, instance=workshop)
    item_form = ActionItemForm(request.POST or None, prefix="item", optional=True)
    if request.method == "POST":
        item_ok = item_form.is_empty() or item_form.is_valid()
        if form.is_valid() and item_ok:
            with transaction.atomic():
                services.workshop_results_update(
                    actor=request.user, workshop=workshop, results=form.cleaned_data["results"]
                )
                if not item_form.is_empty():
                    services.action_item_create(
                        actor=request.user, workshop=workshop, data=item_form.cleaned_data
                    )
            messages.success(request, _("The results were saved."))
            return redirect(workshop)
    workshop.refresh_from_db()
    return render(
        request,
        "workshops/results_form.html",
        {"form": form, "item_form": item_form, "workshop": workshop},
    )


def workshop_history(request, slug: str):
    workshop = get_object_or_404(Workshop, slug=slug)
    versions = workshop.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "workshops/history.html",
        {"object": workshop, "versions": versions, "field": "results"},
    )


@require_http_methods(["GET", "POST"])
def session_form(request, slug: str, pk: int | None = None):
    workshop = _editable_workshop(request, slug)
    session = get_object_or_404(WorkshopSession, pk=pk, workshop=workshop) if pk else None
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = list(data.pop("attending_municipalities"))
        try:
            if session is None:
                services.session_create(
                    actor=request.user, workshop=workshop, data=data, municipalities=municipalities
                )
            else:
                services.session_update(
                    actor=request.user, session=session, data=data, municipalities=municipalities
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The workshop part was saved."))
            return redirect(workshop)
    return render(
        request,
        "workshops/session_form.html",
        {"form": form, "workshop": workshop, "session": session},
    )


@require_http_methods(["GET", "POST"])
def session_cancel(request, slug: str, pk: int):
    """Ask first (a page of its own, so it works without JavaScript), then cancel."""
    workshop = _editable_workshop(request, slug)
    session = get_object_or_404(WorkshopSession, pk=pk, workshop=workshop)
    if request.method == "POST":
        services.session_cancel(actor=request.user, session=session)
        messages.success(
            request, _("The workshop part was cancelled. Calendars show it as cancelled.")
        )
        return redirect(session)
    return render(
        request, "workshops/session_cancel.html", {"workshop": workshop, "session": session}
    )


# --- Action items and attachments -----------------------------------------------------------


def my_action_items(request):
    items = selectors.open_action_items_for(user=request.user)
    return render(
        request,
        "workshops/action_items.html",
        {
            "rows": [
                (item, permissions.can_update_action_item(request.user, item)) for item in items
            ],
            "status_choices": ActionItem.Status.choices,
        },
    )


@require_POST
def action_item_status(request, pk: int):
    item = get_object_or_404(ActionItem.objects.select_related("workshop", "meeting"), pk=pk)
    if not permissions.can_update_action_item(request.user, item):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            actor=request.user, item=item, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status of the action item was saved."))
    else:
        messages.error(request, _("Choose a valid status."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(item.get_absolute_url())


@require_POST
def attachment_add(request, kind: str, key: str):
    if kind == "workshop":
        origin = get_object_or_404(Workshop, slug=key)
        allowed = permissions.can_edit_workshop(request.user, origin)
        target = {"workshop": origin}
    else:
        origin = get_object_or_404(Meeting, pk=key)
        allowed = permissions.can_edit_meeting(request.user, origin)
        target = {"meeting": origin}
    if not allowed:
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(actor=request.user, uploaded=form.cleaned_data["file"], **target)
        messages.success(request, _("The file was uploaded."))
    else:
        messages.error(request, " ".join(form.errors.get("file", [_("No file was uploaded.")])))
    return redirect(origin)


@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk: int):
    """Ask first (a page of its own, so it works without JavaScript), then delete."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("workshop", "meeting", "uploaded_by"), pk=pk
    )
    if not permissions.can_delete_attachment(request.user, attachment):
        raise PermissionDenied
    origin = attachment.origin
    if request.method == "POST":
        services.attachment_delete(actor=request.user, attachment=attachment)
        messages.success(
            request,
            _("The file “%(name)s” was deleted.") % {"name": attachment.original_name},
        )
        return redirect(f"{origin.get_absolute_url()}#attachments-heading")
    return render(
        request, "workshops/attachment_delete.html", {"attachment": attachment, "origin": origin}
    )


def _attachment_rows(request, attachments, *, can_edit: bool) -> list:
    """(attachment, may delete) without a query per row: editors may, uploaders their own."""
    return [(a, can_edit or a.uploaded_by_id == request.user.pk) for a in attachments]


@require_GET
def attachment_download(request, pk: int):
    """Members only (login required by the middleware); never a public media URL."""
    attachment = get_object_or_404(Attachment, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
