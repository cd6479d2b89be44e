from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from digests import selectors, services, tasks
from digests.forms import PreferenceForm


@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = selectors.preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.preference_update(person=request.user, data=form.cleaned_data)
        messages.success(request, _("Your digest settings were saved."))
        return redirect("digests:preferences")
    return render(
        request,
        "digests/preferences.html",
        {
            "form": form,
            "preference": preference,
            "schedule": selectors.digest_schedule(preference),
        },
    )


def preview(request):
    digest, message = services.render_preview(person=request.user)
    return render(
        request,
        "digests/preview.html",
        {
            "digest": digest,
            "message": message,
            "text": message.body,
            "preference": selectors.preference_for(request.user),
            "attachments": [a.filename for a in digest.attachments],
        },
    )


@xframe_options_sameorigin
@csp_replace({"style-src": [UNSAFE_INLINE], "frame-ancestors": [SELF], "img-src": [SELF]})
def preview_html(request):
    """The HTML part of the next digest, byte for byte, for the preview's frame."""
    _digest, message = services.render_preview(person=request.user)
    html = message.alternatives[0][0]
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@require_POST
def send_test(request):
    person_id = request.user.pk
    transaction.on_commit(lambda: tasks.send_test_digest.delay(person_id))
    messages.success(
        request,
        _("A test digest is on its way to %(email)s. It changes nothing in your digests.")
        % {"email": request.user.email},
    )
    return redirect("digests:preview")


@login_not_required
@csrf_exempt  # RFC 8058: mail providers POST without a session; the signed token is the key.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    person, kind = services.person_from_token(token)
    if person is None:
        return render(request, "digests/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "digests/unsubscribe.html", {"done": True, "kind": kind})
    # GET changes nothing (link scanners open links); the page asks for one click.
    return render(request, "digests/unsubscribe.html", {"kind": kind, "now": timezone.now()})
