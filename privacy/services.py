"""Every write of the privacy app: data exports, offboarding, retention."""

import csv
import datetime as dt
import io
import json
import logging
import tempfile
import zipfile

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lippe_ikz import events, privacy
from lippe_ikz.links import absolute_url
from members.models import User
from privacy.models import DataExport, Offboarding

logger = logging.getLogger(__name__)

TOKEN_SALT = "privacy.data-export"  # noqa: S105 - a namespace for signing, not a secret


# --- data export ----------------------------------------------------------------------------


def _valid_for() -> dt.timedelta:
    return dt.timedelta(days=settings.DATA_EXPORT_VALID_DAYS)


def export_link_token(export: DataExport) -> str:
    """Signed with a timestamp: the link stops working after DATA_EXPORT_VALID_DAYS even if
    the row were kept, and it names the person, so nobody else's session can use it."""
    return signing.dumps({"e": export.pk, "p": export.person_id}, salt=TOKEN_SALT, compress=True)


def export_for_link(*, user: User, pk: int, token: str) -> DataExport:
    """The export behind a link, for its own person only. Raises DataExport.DoesNotExist
    (someone else's, unknown, bad signature) or signing.SignatureExpired (too old)."""
    payload = signing.loads(token, salt=TOKEN_SALT, max_age=_valid_for())
    if payload.get("e") != pk or payload.get("p") != user.pk:
        raise DataExport.DoesNotExist
    return DataExport.objects.get(pk=pk, person=user)


def export_url(export: DataExport) -> str:
    return reverse(
        "privacy:export_download", kwargs={"pk": export.pk, "token": export_link_token(export)}
    )


@transaction.atomic
def data_export_request(*, actor: User, person: User) -> DataExport:
    """Ask for a new export of the person's data (only the person themselves)."""
    if actor.pk != person.pk or not person.is_active:
        raise PermissionDenied(_("Only the person themselves can request their data export."))
    try:
        with transaction.atomic():
            export = DataExport.objects.create(person=person)
    except IntegrityError as exc:
        raise ValidationError(_("Your data export is already being prepared.")) from exc
    events.publish("privacy.data_export.requested", export, actor=actor)

    def enqueue() -> None:
        from privacy.tasks import build_data_export

        build_data_export.delay(export.pk)

    transaction.on_commit(enqueue)
    return export


def _csv(rows: list[dict]) -> str:
    fields: list[str] = []
    for row in rows:
        fields.extend(k for k in row if k not in fields)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def _readme(person: User, parts: dict, now: dt.datetime) -> str:
    lines = [
        _("Data export of the IKZ-Portal Lippe"),
        "",
        _("Person: %(name)s <%(email)s>") % {"name": person.full_name, "email": person.email},
        _("Created: %(date)s") % {"date": timezone.localtime(now).isoformat(timespec="seconds")},
        "",
        _(
            "Every kind of record is in <app>/<kind>.json and <app>/<kind>.csv (UTF-8); the "
            "files you uploaded are in <app>/files/."
        ),
        "",
    ]
    for label, app_parts in parts.items():
        for part in app_parts:
            lines.append(f"{label}/{part.name}: {len(part.rows)}")
    return "\n".join(lines) + "\n"


def build_zip(person: User, target, *, now: dt.datetime) -> None:
    """Write the person's data as a zip into the binary file `target`."""
    parts = privacy.personal_data(person)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LIESMICH.txt", _readme(person, parts, now))
        for label, app_parts in parts.items():
            for part in app_parts:
                data = json.dumps(part.rows, ensure_ascii=False, indent=2)
                archive.writestr(f"{label}/{part.name}.json", data)
                archive.writestr(f"{label}/{part.name}.csv", _csv(part.rows))
                for personal_file in part.files:
                    try:
                        with (
                            default_storage.open(personal_file.storage_name, "rb") as handle,
                            archive.open(f"{label}/files/{personal_file.name}", "w") as out,
                        ):
                            while chunk := handle.read(1 << 20):
                                out.write(chunk)
                    except FileNotFoundError:
                        logger.warning("export of %s: file %s missing", person.pk,
                                       personal_file.storage_name)  # fmt: skip


def _ready_message(export: DataExport) -> tuple[str, str]:
    person = export.person
    with translation.override(person.preferred_language or "de"):
        context = {
            "person": person,
            "url": absolute_url(export_url(export)),
            "expires_at": export.expires_at,
        }
        subject = _("Your data export is ready")
        body = render_to_string("privacy/email/export_ready.txt", context)
    return f"[{settings.PORTAL_NAME}] {subject}", body


def data_export_build(*, export_id: int) -> str:
    """Build the zip of a pending export, store it privately and email the link. Safe to run
    twice: only a pending export is built."""
    export = DataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return "skipped"
    now = timezone.now()
    try:
        with tempfile.TemporaryFile() as target:
            build_zip(export.person, target, now=now)
            target.seek(0)
            export.file.save(f"{export.token}.zip", File(target), save=False)
            export.size = export.file.size
    except Exception as exc:  # noqa: BLE001 - recorded on the export, shown to the person
        logger.exception("data export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.FAILED, error=str(exc)[:2000]
        )
        return "failed"
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + _valid_for()
    export.save()
    events.publish("privacy.data_export.ready", export, actor=None)
    subject, body = _ready_message(export)
    send_mail(subject, body, None, [export.person.email])
    return "ready"


def data_export_file_delete(export: DataExport) -> None:
    if export.file:
        export.file.delete(save=False)


@transaction.atomic
def data_exports_delete(*, person: User) -> None:
    for export in DataExport.objects.filter(person=person):
        data_export_file_delete(export)
        export.delete()


# --- offboarding ----------------------------------------------------------------------------


def can_offboard(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


@transaction.atomic
def person_offboard(*, actor: User, person: User, successor: User) -> Offboarding:
    """In one step: the person's roles, owned items and open Maßnahmen go to the successor,
    then the account is anonymised ("ehemaliges Mitglied"); the network's records stay."""
    if not can_offboard(actor):
        raise PermissionDenied(_("Only portal administrators can offboard a person."))
    if person.pk == successor.pk:
        raise ValidationError({"successor": _("The successor must be another person.")})
    if person.pk == actor.pk:
        raise ValidationError({"person": _("You cannot offboard yourself.")})
    if not person.is_active:
        raise ValidationError({"person": _("This person has already left.")})
    if not successor.is_active:
        raise ValidationError({"successor": _("The successor must be an active member.")})
    person = User.objects.select_for_update().get(pk=person.pk)
    handed_over = privacy.hand_over(person=person, successor=successor, actor=actor)
    privacy.anonymise(person=person, actor=actor)
    record = Offboarding(
        person=person,
        successor=successor,
        actor=actor,
        handed_over={label: lines for label, lines in handed_over.items() if lines},
    )
    record.full_clean()
    record.save()
    events.publish("privacy.person.offboarded", person, actor=actor, successor=successor)
    return record


# --- retention ------------------------------------------------------------------------------


@transaction.atomic
def retention_own(*, now: dt.datetime) -> dict[str, int]:
    """Expired data exports (file and row) and expired login sessions."""
    expired = DataExport.objects.filter(expires_at__lt=now) | DataExport.objects.filter(
        status=DataExport.Status.FAILED, requested_at__lt=now - _valid_for()
    )
    exports = 0
    for export in expired:
        data_export_file_delete(export)
        export.delete()
        exports += 1
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    return {"data_exports": exports, "sessions": sessions}


def retention_apply(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Every app's retention rules (lippe_ikz.privacy.apply_retention)."""
    deleted = privacy.apply_retention(now=now or timezone.now())
    logger.info("retention: %s", ", ".join(f"{k}={v}" for k, v in deleted.items()))
    return deleted
