"""The portal's URLconf plus the framework floors, used only by `make bench` (never deployed)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path

from lippe_ikz.urls import handler403, handler404, handler500
from lippe_ikz.urls import urlpatterns as portal
from public_site.views import public_view

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@login_not_required
def floor(request):
    """An empty page of the portal's layout for the client's user: base.html, no content (open
    to an anonymous visitor too, for pages such as the public /netzwerk/ on base.html)."""
    return render(request, "base.html", {})


@public_view
def public_floor(request):
    """An empty page of the public layout (public/base_public.html, no content), through the
    same wrapper as the public pages (no login, GET only, the anonymous rate limit)."""
    return render(request, "public/base_public.html", {})


urlpatterns = [
    path("__bench__/floor/", floor),
    path("__bench__/public-floor/", public_floor),
    *portal,
]
