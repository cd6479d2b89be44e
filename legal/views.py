from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from legal import services
from legal.forms import AccessibilityFeedbackForm
from legal.models import LegalPage


def _page(request, kind: str, extra: dict | None = None):
    page = get_object_or_404(LegalPage, kind=kind)
    title, body = page.in_language(translation.get_language() or "de")
    context = {"page": page, "title": title, "body": body, **(extra or {})}
    return render(request, "legal/page.html", context)


@login_not_required
def imprint(request):
    return _page(request, LegalPage.Kind.IMPRINT)


@login_not_required
def privacy(request):
    return _page(request, LegalPage.Kind.PRIVACY)


@login_not_required
@require_http_methods(["GET", "POST"])
def accessibility(request):
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST":
        allowed = ratelimit.consume(request, action="accessibility_feedback")
        if not allowed:
            form.add_error(None, _("Too many messages in a short time. Please try again later."))
        elif form.is_valid():
            services.accessibility_feedback_submit(**form.cleaned_data)
            messages.success(
                request, _("Thank you. Your feedback was sent to the portal administration.")
            )
            return redirect("legal:barrierefreiheit")
    return _page(request, LegalPage.Kind.ACCESSIBILITY, {"feedback_form": form})
