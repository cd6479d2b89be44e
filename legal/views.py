from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from legal import services
from legal.forms import AccessibilityFeedbackForm
from legal.models import LegalPage


def legal_contacts() -> dict:
    """The contacts named in the Impressum (and, the same ones, in the Datenschutzerklärung)."""
    return {
        "operator": {
            "name": settings.LEGAL_CONTACT_NAME,
            "email": settings.LEGAL_CONTACT_EMAIL,
            "phone": settings.LEGAL_CONTACT_PHONE,
        },
        "dpo": {
            "name": settings.LEGAL_DPO_NAME,
            "email": settings.LEGAL_DPO_EMAIL,
            "phone": settings.LEGAL_DPO_PHONE,
        },
    }


def _page(request, kind: str, extra: dict | None = None):
    page = get_object_or_404(LegalPage, kind=kind)
    language = translation.get_language() or "de"
    title, body = page.in_language(language)
    body_lang = "en" if language == "en" and page.body_en else "de"
    context = {"page": page, "title": title, "body": body, "body_lang": body_lang, **(extra or {})}
    return render(request, "legal/page.html", context)


@login_not_required
def imprint(request):
    return _page(request, LegalPage.Kind.IMPRINT, {"contacts": legal_contacts()})


@login_not_required
def privacy(request):
    return _page(
        request, LegalPage.Kind.PRIVACY, {"contacts": legal_contacts(), "privacy_contacts": True}
    )


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
