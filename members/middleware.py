from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


class PreferredLanguageMiddleware:
    """Logged-in people see the portal in their preferred language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """With STAFF_REQUIRE_MFA, staff must activate TOTP before doing anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_MFA:
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and user.is_staff
                and not request.path.startswith(self.ALLOWED_PREFIXES)
            ):
                from allauth.mfa.models import Authenticator

                has_totp = Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
                if not has_totp:
                    return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
