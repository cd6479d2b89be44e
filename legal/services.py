from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from legal.defaults import DEFAULT_PAGES, ENGLISH_PAGES, SUPERSEDED, SUPERSEDED_EN
from legal.models import AccessibilityFeedback, LegalPage


@transaction.atomic
def legal_pages_ensure() -> int:
    """Create the legal pages that do not exist yet; never overwrite an admin's text.

    A page still showing an earlier default text (nobody edited it) gets the current one,
    and an empty English version is filled from the defaults.
    """
    created = 0
    for kind, (title, body) in DEFAULT_PAGES.items():
        title_en, body_en = ENGLISH_PAGES.get(kind, ("", ""))
        page, was_created = LegalPage.objects.get_or_create(
            kind=kind,
            defaults={"title": title, "body": body, "title_en": title_en, "body_en": body_en},
        )
        created += was_created
        if was_created:
            continue
        changed = False
        if page.body in SUPERSEDED.get(kind, ()):
            page.body, changed = body, True
        if body_en and (not page.body_en or page.body_en in SUPERSEDED_EN.get(kind, ())):
            page.title_en, page.body_en, changed = title_en, body_en, True
        if changed:
            page.full_clean()
            page.save()
    return created


def _feedback_recipients() -> list[str]:
    recipients = {email for _name, email in settings.ADMINS}
    if settings.ACCESSIBILITY_FEEDBACK_EMAIL:
        recipients.add(settings.ACCESSIBILITY_FEEDBACK_EMAIL)
    recipients.update(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .values_list("email", flat=True)
    )
    return sorted(recipients)


@transaction.atomic
def accessibility_feedback_submit(
    *, name: str, email: str, page_url: str, message: str
) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback(name=name, email=email, page_url=page_url, message=message)
    feedback.full_clean()
    feedback.save()

    def notify() -> None:
        recipients = _feedback_recipients()
        if not recipients:
            return
        body = render_to_string("legal/email/feedback.txt", {"feedback": feedback})
        send_mail(
            f"[{settings.PORTAL_NAME}] Rückmeldung zur Barrierefreiheit",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
            fail_silently=False,
        )

    transaction.on_commit(notify)
    return feedback
