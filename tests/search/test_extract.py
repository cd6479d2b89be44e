"""The text inside uploaded PDF, DOCX and ODT files is read by a Celery task after the upload
and found by the search (issue 9, item 2)."""

import io
import zipfile
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import services as project_services
from search.extract import extract_text
from search.models import ExtractedText, SearchEntry
from tests.projects.factories import ProjectFactory
from tests.search.conftest import titles

URL = reverse("search:results")


def docx(*paragraphs: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def odt(*paragraphs: str) -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            f"<office:document-content {ns}><office:body><office:text>{body}"
            "</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def pdf(content: bytes, *, compress: bool = True) -> bytes:
    """A one-page PDF with the given content stream (FlateDecode by default)."""
    stream = zlib.compress(content) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
        b"4 0 obj\n<< " + flate + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n"
        + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )  # fmt: skip


def test_docx_and_odt_paragraphs():
    assert extract_text(docx("Zweckvereinbarung", "über Glasfaser"), "v.docx") == (
        "Zweckvereinbarung\nüber Glasfaser"
    )
    assert extract_text(odt("Kita-Portal", "Gebührenbescheid"), "k.odt") == (
        "Kita-Portal\nGebührenbescheid"
    )


def test_pdf_text_operators_compressed_and_plain():
    content = (
        b"BT /F1 12 Tf 72 700 Td (Rollout-Plan f\\374r das B\\374rgerserviceportal) Tj "
        b"0 -14 Td [(Pilot)-300(kommune) 20 (Bad Salzuflen)] TJ ET"
    )
    text = extract_text(pdf(content), "plan.pdf")
    assert "Rollout-Plan für das Bürgerserviceportal" in text
    assert "Pilot kommune" in text and "Bad Salzuflen" in text
    assert "Bürgerserviceportal" in extract_text(pdf(content, compress=False), "plan.pdf")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "leer.pdf"),
        (b"%PDF-1.4 kaputt", "kaputt.pdf"),
        (b"PK\x03\x04 kein zip", "kaputt.docx"),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "x.odt"),
        (docx("Text"), "bild.png"),
        (pdf(b"BT (x) Tj ET") + b"/Identity-H", "cid.pdf"),
    ],
)
def test_broken_or_unsupported_files_give_no_text(data, name):
    assert extract_text(data, name) == ""


def test_billion_laughs_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", bomb)
    assert extract_text(buffer.getvalue(), "bombe.odt") == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("vertrag.docx", docx("Die Zweckvereinbarung regelt die Lizenzkosten.")),
        ("vertrag.odt", odt("Die Zweckvereinbarung regelt die Lizenzkosten.")),
        ("vertrag.pdf", pdf(b"BT (Die Zweckvereinbarung regelt die Lizenzkosten.) Tj ET")),
    ],
)
def test_uploaded_file_text_is_found_after_the_task(
    detmold_client, detmold, detmold_cdo, settings, tmp_path, name, data,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.MEDIA_ROOT = str(tmp_path)
    project = ProjectFactory(title="Breitband", lead=detmold)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = project_services.document_add(
            actor=detmold_cdo,
            project=project,
            title="Vertragsentwurf",
            uploaded_file=SimpleUploadedFile(name, data),
        )
    # the text is read after the commit (Celery, eager in tests), not in the request
    assert callbacks
    entry = SearchEntry.objects.get(type_key="projects.document", object_id=document.pk)
    assert "Zweckvereinbarung regelt die Lizenzkosten" in entry.body
    response = detmold_client.get(URL, {"q": "Lizenzkosten"})
    assert titles(response) == ["Vertragsentwurf"]
    assert "<mark>Lizenzkosten" in response.content.decode()

    # deleting the document removes its entry and its text at once
    project_services.document_delete(actor=detmold_cdo, document=document)
    assert not SearchEntry.objects.filter(type_key="projects.document").exists()
    assert not ExtractedText.objects.filter(object_id=document.pk).exists()
    assert titles(detmold_client.get(URL, {"q": "Lizenzkosten"})) == []


@pytest.mark.django_db
def test_rebuild_keeps_the_text_and_reads_unread_files(
    detmold, detmold_cdo, settings, tmp_path, rebuild, django_capture_on_commit_callbacks
):
    from projects.models import Document

    settings.MEDIA_ROOT = str(tmp_path)
    project = ProjectFactory(title="Breitband", lead=detmold)
    document = Document(
        project=project, title="Alt", original_name="alt.docx", extension="docx",
        content_type="application/zip", size=1, token="t", uploaded_by=detmold_cdo,
    )  # fmt: skip

    document.file.save("alt.docx", ContentFile(docx("Glasfaserausbau im Kalletal")), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        rebuild()  # a file uploaded before the search existed: read by the rebuild's tasks
    entry = SearchEntry.objects.get(type_key="projects.document", object_id=document.pk)
    assert "Glasfaserausbau im Kalletal" in entry.body
    rebuild()  # a second rebuild keeps the stored text without reading the file again
    entry = SearchEntry.objects.get(type_key="projects.document", object_id=document.pk)
    assert "Glasfaserausbau im Kalletal" in entry.body
    assert ExtractedText.objects.count() == 1
