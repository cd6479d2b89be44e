"""Personal API tokens: `Authorization: Bearer ikz_…`. A bad or revoked token is a 401."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from public_site import services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give exactly one token after “Bearer”."))
        user = services.api_token_user(header[1].decode(errors="replace"))
        if user is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown or was revoked."))
        return (user, None)

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "public_site.api.authentication.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Persönlicher Token, erstellt auf /profil/ (nur Mitglieder).",
        }
