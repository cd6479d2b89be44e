from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lippe_ikz.panels import municipality_panels, profile_panels
from members import selectors, services
from members.filters import MunicipalityFilter, PersonFilter
from members.forms import MembershipProfileFormSet, MunicipalityForm, ProfileForm
from members.models import Municipality
from members.permissions import can_edit_municipality
from members.rendering import municipality_rows_html


def municipality_list(request):
    filterset = MunicipalityFilter(request.GET, queryset=selectors.municipality_list())
    template = (
        "members/partials/municipality_results.html"
        if request.htmx
        else "members/municipality_list.html"
    )
    rows = selectors.municipality_rows(filterset.qs)
    return render(
        request,
        template,
        {"filter": filterset, "municipalities": rows, "rows_html": municipality_rows_html(rows)},
    )


def municipality_detail(request, slug: str):
    try:
        municipality = selectors.municipality_detail(slug=slug)
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "members/municipality_detail.html",
        {
            "municipality": municipality,
            "can_edit": can_edit_municipality(request.user, municipality),
            "panels": municipality_panels(request, municipality),
        },
    )


@require_http_methods(["GET", "POST"])
def municipality_edit(request, slug: str):
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_edit_municipality(request.user, municipality):
        raise PermissionDenied
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        services.municipality_update(
            actor=request.user, municipality=municipality, data=form.cleaned_data
        )
        messages.success(request, _("The Kommune's page was saved."))
        return redirect(municipality)
    # Show the stored values again, not the rejected input, outside the form.
    municipality.refresh_from_db()
    return render(
        request, "members/municipality_form.html", {"form": form, "municipality": municipality}
    )


def person_list(request):
    filterset = PersonFilter(request.GET, queryset=selectors.people_list())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("seite"))
    return render(request, "members/person_list.html", {"filter": filterset, "page": page})


@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    memberships = selectors.memberships_of(user)
    form = ProfileForm(request.POST or None, instance=user, prefix="profile")
    formset = MembershipProfileFormSet(
        request.POST or None, queryset=memberships, prefix="membership"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            services.user_update_profile(user=user, data=form.cleaned_data)
            for membership_form in formset.forms:
                services.membership_update_profile(
                    actor=user,
                    membership=membership_form.instance,
                    motto=membership_form.cleaned_data.get("motto", ""),
                    responsibilities=membership_form.cleaned_data.get("responsibilities", ""),
                )
        messages.success(request, _("Your profile was saved."))
        return redirect("members:profile")
    if request.method == "POST":
        user.refresh_from_db()
    return render(
        request,
        "members/profile.html",
        {"form": form, "formset": formset, "panels": profile_panels(request)},
    )
