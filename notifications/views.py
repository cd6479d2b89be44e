"""Views of the notifications app. Every view works on the logged-in person's own rows only;
another person's notification or follow answers 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import followable, selectors, services
from notifications.forms import FollowForm, PreferenceForm
from notifications.models import Notification

PAGE_SIZE = 50


def _day_label(day: dt.date, today: dt.date) -> str:
    if day == today:
        return _("Today")
    if day == today - dt.timedelta(days=1):
        return _("Yesterday")
    return date_format(day, "l, j. F Y" if today.year == day.year else "DATE_FORMAT")


def group_by_day(notifications, *, now: dt.datetime | None = None) -> list[dict]:
    today = timezone.localdate(now)
    groups: list[dict] = []
    for notification in notifications:
        day = timezone.localdate(notification.created_at)
        if not groups or groups[-1]["day"] != day:
            groups.append({"day": day, "label": _day_label(day, today), "items": []})
        groups[-1]["items"].append(notification)
    return groups


@require_GET
def notification_list(request):
    paginator = Paginator(selectors.notifications_for(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("seite"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "groups": group_by_day(page.object_list)},
    )


@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    else:
        messages.info(request, _("There were no unread notifications."))
    return redirect("notifications:list")


@require_GET
def notification_open(request, pk: int):
    """Open one of the person's own notifications: mark it read and go to what it is about."""
    try:
        notification = services.notification_open(user=request.user, pk=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    url = notification.url
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(url)


def _safe_next(request, fallback: str) -> str:
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@require_POST
def follow_toggle(request):
    """Follow or stop following an item (form of the follow panel; htmx swaps the panel)."""
    form = FollowForm(request.POST)
    if not form.is_valid():
        raise Http404
    content_type = followable.content_type_for_label(form.cleaned_data["item_type"])
    if content_type is None:
        raise Http404
    obj = followable.find(content_type, form.cleaned_data["item_id"], user=request.user)
    if obj is None:
        raise Http404
    following = request.POST.get("action") != "unfollow"
    if following:
        services.follow(user=request.user, obj=obj)
    else:
        services.unfollow(user=request.user, obj=obj)
    if getattr(request, "htmx", False):
        return render(
            request,
            "notifications/panels/follow.html",
            {
                "panel": {
                    "obj": obj,
                    "label": content_type.app_label + "." + content_type.model,
                    "kind": followable.FOLLOWABLE[f"{content_type.app_label}.{content_type.model}"],
                    "following": following,
                    "next": _safe_next(request, obj.get_absolute_url()),
                    "changed": True,
                }
            },
        )
    if following:
        messages.success(request, _("You follow “%(item)s” now.") % {"item": obj})
    else:
        messages.success(request, _("You no longer follow “%(item)s”.") % {"item": obj})
    return redirect(_safe_next(request, obj.get_absolute_url()))


@require_GET
def following(request):
    return render(
        request, "notifications/following.html", {"follows": selectors.follows_of(request.user)}
    )


@require_POST
def follow_delete(request, pk: int):
    if not services.follow_delete(user=request.user, follow_id=pk):
        raise Http404
    messages.success(request, _("You no longer follow this item."))
    return redirect("notifications:following")


@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = selectors.preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.preference_update(person=request.user, data=form.cleaned_data)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@login_not_required
@csrf_exempt  # RFC 8058: mail providers POST without a session; the signed token is the key.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    person, kind = services.person_from_token(token)
    if person is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "notifications/unsubscribe.html", {"done": True, "kind": kind})
    # GET changes nothing (link scanners open links); the page asks for one click.
    return render(request, "notifications/unsubscribe.html", {"kind": kind})
