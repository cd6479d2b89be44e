import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import CostItem, Document, Participation, Project
from tests.projects.factories import (
    CostItemFactory,
    ParticipationFactory,
    ProjectFactory,
    StatusUpdateFactory,
    TopicFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- bad input ------------------------------------------------------------------------------


def test_create_form_rejects_empty_title_and_end_before_start(detmold_client, detmold, topic):
    response = detmold_client.post(
        "/projekte/neu/",
        {"title": "", "summary": "x", "topic": topic.pk, "lead_municipality": detmold.pk,
         "initial_status": "idea", "start_date": "2025-05-01", "planned_end_date": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Es wurde nichts gespeichert" in html
    assert 'aria-invalid="true"' in html
    assert not Project.objects.exists()
    response = detmold_client.post(
        "/projekte/neu/",
        {"title": "Zeitreise", "summary": "x", "topic": topic.pk, "lead_municipality": detmold.pk,
         "initial_status": "idea", "start_date": "2025-05-01", "planned_end_date": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_negative_cost_amount_is_rejected_in_the_form(detmold_client, project):
    response = detmold_client.post(
        f"/projekte/{project.slug}/kosten/neu/",
        {"title": "Minus", "kind": "licence", "amount": "-5,00", "recurrence": "one_off",
         "allocation_key": "equal"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not CostItem.objects.exists()


def test_custom_key_not_100_shows_a_clear_message(detmold_client, project, detmold, lemgo):
    response = detmold_client.post(
        f"/projekte/{project.slug}/kosten/neu/",
        {"title": "Beratung", "kind": "service", "amount": "1.000,00", "recurrence": "one_off",
         "allocation_key": "custom", f"percent_{detmold.pk}": "50", f"percent_{lemgo.pk}": "40"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "90,00 %" in response.content.decode()
    assert not CostItem.objects.exists()


def test_german_amount_input_and_euro_display(detmold_client, project):
    response = detmold_client.post(
        f"/projekte/{project.slug}/kosten/neu/",
        {"title": "Lizenz", "kind": "licence", "amount": "1.234,57", "recurrence": "yearly",
         "allocation_key": "equal"},
    )  # fmt: skip
    assert response.status_code == 302
    assert CostItem.objects.get().amount == Decimal("1234.57")
    html = detmold_client.get(f"/projekte/{project.slug}/").content.decode()
    assert "1.234,57\xa0€" in html
    assert "617,29\xa0€" in html and "617,28\xa0€" in html  # split to the cent


def test_script_tags_in_markdown_are_neutralised(detmold_client, project):
    project.description = "<script>alert(1)</script> [x](javascript:alert(1)) **fett**"
    project.save()
    html = detmold_client.get(f"/projekte/{project.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert "<strong>fett</strong>" in html


# --- uploads --------------------------------------------------------------------------------


def _upload(client, project, name, content):
    return client.post(
        f"/projekte/{project.slug}/dokumente/neu/",
        {"title": "Konzept", "file": SimpleUploadedFile(name, content)},
    )


def test_pdf_and_docx_are_stored_privately_and_served_to_members(
    detmold_client, client, project, outsider, settings
):
    assert _upload(detmold_client, project, "konzept.pdf", PDF).status_code == 302
    assert _upload(detmold_client, project, "notiz.docx", _docx()).status_code == 302
    pdf = Document.objects.get(extension="pdf")
    assert pdf.file.path.startswith(str(settings.MEDIA_ROOT))
    assert "konzept" not in pdf.file.name  # stored under a random name
    client.force_login(outsider)
    response = client.get(f"/projekte/{project.slug}/dokumente/{pdf.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(f"/projekte/{project.slug}/dokumente/{pdf.pk}/").status_code == 302


def test_exe_renamed_to_pdf_is_rejected(detmold_client, project, settings):
    response = _upload(detmold_client, project, "rechnung.pdf", EXE)
    assert response.status_code == 200
    assert "passt nicht" in response.content.decode() or "does not match" in (
        response.content.decode()
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["tool.exe", "script.js", "bild.svg", "ohne-endung"])
def test_other_file_types_are_rejected(detmold_client, project, name):
    assert _upload(detmold_client, project, name, PDF).status_code == 200
    assert not Document.objects.exists()


def test_50_mb_upload_is_rejected(detmold_client, project, settings):
    big = PDF + b"0" * (50 * 1024 * 1024)
    response = _upload(detmold_client, project, "riesig.pdf", big)
    assert response.status_code == 200
    assert "20,0" in response.content.decode() or "20.0" in response.content.decode()
    assert not Document.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


# --- list, filters, export, htmx ------------------------------------------------------------


@pytest.fixture
def catalogue(detmold, lemgo, reference_data):
    strategy = TopicFactory(name="Strategie", slug="strategie")
    portal = TopicFactory(name="Portale", slug="portale")
    a = ProjectFactory(title="Digitalisierungsstrategie", topic=strategy, lead=detmold,
                       status=Project.Status.COMPLETED)  # fmt: skip
    b = ProjectFactory(
        title="Bürgerserviceportal", topic=portal, lead=lemgo,
        status=Project.Status.IMPLEMENTATION, description="regio.IT Pilot",
    )  # fmt: skip
    ParticipationFactory(project=b, municipality=detmold, role=Participation.Role.INTERESTED)
    c = ProjectFactory(title="E-Akte", topic=portal, lead=reference_data["lage"])
    return a, b, c


def _titles(response):
    return [
        t for t in ("Digitalisierungsstrategie", "Bürgerserviceportal", "E-Akte")
        if f">{t}</a>" in response.content.decode()
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Digitalisierungsstrategie", "Bürgerserviceportal", "E-Akte"]),
        ("status=implementation", ["Bürgerserviceportal"]),
        ("topic={portal}", ["Bürgerserviceportal", "E-Akte"]),
        ("kommune=detmold", ["Digitalisierungsstrategie", "Bürgerserviceportal"]),
        ("kommune=detmold&rolle=lead", ["Digitalisierungsstrategie"]),
        ("kommune=detmold&rolle=interested", ["Bürgerserviceportal"]),
        ("rolle=lead&kommune=lage", ["E-Akte"]),
        ("q=regio.it", ["Bürgerserviceportal"]),
    ],
)
def test_filters(detmold_client, catalogue, query, expected):
    portal = catalogue[1].topic
    response = detmold_client.get(f"/projekte/?{query.format(portal=portal.pk)}")
    assert response.status_code == 200
    assert set(_titles(response)) == set(expected)


def test_sorting_by_latest_update(detmold_client, catalogue):
    a, b, c = catalogue
    StatusUpdateFactory(project=c)
    response = detmold_client.get("/projekte/?sortierung=-updated")
    html = response.content.decode()
    assert html.index(">E-Akte</a>") < html.index(">Bürgerserviceportal</a>")


def test_htmx_request_gets_only_the_results(detmold_client, catalogue):
    response = detmold_client.get("/projekte/?status=completed", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Digitalisierungsstrategie" in html
    assert "<h1" not in html


def test_csv_export_of_the_filtered_list(detmold_client, catalogue):
    response = detmold_client.get("/projekte/export.csv?topic=" + str(catalogue[1].topic.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Bürgerserviceportal", "E-Akte"]
    assert rows[1][4] == "Lemgo"
    assert "Detmold (Interesse)" in rows[1][5]


def test_csv_export_defuses_formulas(detmold_client, detmold, topic):
    ProjectFactory(title="=HYPERLINK(1)", topic=topic, lead=detmold)
    response = detmold_client.get("/projekte/export.csv")
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_cost_csv_export_in_german_format(detmold_client, project, detmold, lemgo):
    CostItemFactory(project=project, amount=Decimal("1000.01"))
    response = detmold_client.get(f"/projekte/{project.slug}/kosten.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    amounts = [r[-1] for r in rows[1:]]
    assert sorted(amounts) == ["1000,01", "500,00", "500,01"]


# --- panels ---------------------------------------------------------------------------------


def test_dashboard_shows_latest_updates_of_my_kommunes_projects(detmold_client, project, lemgo):
    StatusUpdateFactory(project=project, text="Formulare sind online")
    other = ProjectFactory(title="Fremdes Projekt", lead=lemgo)
    StatusUpdateFactory(project=other, text="Nicht meins")
    html = detmold_client.get("/").content.decode()
    assert "Formulare sind online" in html
    assert "Nicht meins" not in html


def test_kommune_page_lists_its_projects(detmold_client, project):
    html = detmold_client.get("/kommunen/lemgo/").content.decode()
    assert "Wir machen uns OZG-ready" in html
    assert "Mitwirkung" in html
    section = html.split('id="municipality-projects"')[1].split("</section>")[0]
    assert (
        f'<a class="kern-link" href="{project.get_absolute_url()}">Wir machen uns OZG-ready</a>'
        f" – Mitwirkung, {project.get_status_display()}"
    ) in section


def test_navigation_has_projects(detmold_client):
    html = detmold_client.get("/").content.decode()
    assert 'href="/projekte/"' in html
