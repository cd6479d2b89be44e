"""Checks for every uploaded file (documents, attachments, forms): size, extension and the
file's real content (magic bytes), so that an .exe renamed to .pdf is refused."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    family: str  # which magic-byte check applies


KINDS = {
    "pdf": FileKind("application/pdf", "pdf"),
    "png": FileKind("image/png", "png"),
    "jpg": FileKind("image/jpeg", "jpeg"),
    "jpeg": FileKind("image/jpeg", "jpeg"),
    "gif": FileKind("image/gif", "gif"),
    "webp": FileKind("image/webp", "webp"),
    "docx": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"
    ),
    "xlsx": FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml"
    ),
    "odt": FileKind("application/vnd.oasis.opendocument.text", "odf"),
    "ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": FileKind("application/vnd.oasis.opendocument.presentation", "odf"),
    "doc": FileKind("application/msword", "ole"),
    "xls": FileKind("application/vnd.ms-excel", "ole"),
    "ppt": FileKind("application/vnd.ms-powerpoint", "ole"),
}

ALLOWED_EXTENSIONS = sorted(KINDS)


def _zip_names(uploaded) -> set[str]:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return set()
    finally:
        uploaded.seek(0)


def _content_matches(family: str, head: bytes, uploaded, extension: str) -> bool:
    if family == "pdf":
        return head.startswith(b"%PDF-")
    if family == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if family == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if family == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if family == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if family == "ole":
        return head.startswith(OLE)
    if not head.startswith(ZIP):
        return False
    names = _zip_names(uploaded)
    if family == "ooxml":
        folder = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}[extension]
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    if family == "odf":
        return "mimetype" in names
    return False


def inspect_upload(uploaded) -> tuple[str, str]:
    """Validate an uploaded file; return (extension, content type) or raise ValidationError."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s are allowed.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = KINDS.get(extension)
    if kind is None:
        raise ValidationError(
            _("Only PDF, Office documents and images can be uploaded (%(types)s).")
            % {"types": ", ".join(ALLOWED_EXTENSIONS)},
            code="extension",
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not _content_matches(kind.family, head, uploaded, extension):
        raise ValidationError(
            _("The content of the file does not match its type .%(ext)s; it was not saved.")
            % {"ext": extension},
            code="content",
        )
    return extension, kind.content_type
