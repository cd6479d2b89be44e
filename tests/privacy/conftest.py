import shutil

import pytest
from django.core.files.base import ContentFile

from projects.models import Document
from workshops.models import Attachment


@pytest.fixture(autouse=True)
def _private_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


def make_document(project, person, *, title="Konzept", content=b"%PDF-1.4 Konzept"):
    document = Document(
        project=project, title=title, original_name=f"{title}.pdf", extension="pdf",
        content_type="application/pdf", size=len(content), token=f"tok{title}{person.pk}",
        uploaded_by=person,
    )  # fmt: skip
    document.file.save(f"{document.token}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def make_attachment(meeting, person, *, name="Protokoll.pdf", content=b"%PDF-1.4 Protokoll"):
    attachment = Attachment(
        meeting=meeting, original_name=name, content_type="application/pdf",
        size=len(content), uploaded_by=person,
    )  # fmt: skip
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
