"""Data export (the person's own, /profil/datenexport/) and offboarding (admins only)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from privacy import services
from privacy.forms import OffboardingForm
from privacy.models import DataExport


@require_POST
def export_request(request):
    try:
        services.data_export_request(actor=request.user, person=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Your data export is being prepared. You get an email as soon as it is ready."),
        )
    return redirect(f"{reverse('members:profile')}#datenexport")


@require_GET
def export_download(request, pk: int, token: str):
    """Only the person's own export, only while the link is valid; 404 for anyone else."""
    try:
        export = services.export_for_link(user=request.user, pk=pk, token=token)
    except signing.SignatureExpired:
        return render(request, "privacy/export_expired.html", status=410)
    except (signing.BadSignature, DataExport.DoesNotExist) as exc:
        raise Http404 from exc
    if not export.is_available:
        return render(request, "privacy/export_expired.html", status=410)
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"ikz-portal-datenexport-{export.ready_at:%Y-%m-%d}.zip"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def offboarding(request):
    if not services.can_offboard(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = OffboardingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        person, successor = form.cleaned_data["person"], form.cleaned_data["successor"]
        name = person.full_name or person.email
        try:
            record = services.person_offboard(
                actor=request.user, person=person, successor=successor
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            lines = [line for app_lines in record.handed_over.values() for line in app_lines]
            messages.success(
                request,
                _("%(name)s was offboarded. Handed over to %(successor)s: %(what)s.")
                % {
                    "name": name,
                    "successor": successor.full_name,
                    "what": ", ".join(lines) or _("nothing"),
                },
            )
            return redirect("privacy:offboarding")
    return render(request, "privacy/offboarding.html", {"form": form})
