"""The portal's URLconf plus the framework floor, used only by `make bench` (never deployed)."""

from django.shortcuts import render
from django.urls import path

from lippe_ikz.urls import handler403, handler404, handler500
from lippe_ikz.urls import urlpatterns as portal

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def floor(request):
    """An empty page of the portal's layout for the logged-in user: base.html, no content."""
    return render(request, "base.html", {})


urlpatterns = [path("__bench__/floor/", floor), *portal]
