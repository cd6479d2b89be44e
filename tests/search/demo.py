"""The demo seed (seed_demo) plus a document and an attachment, indexed: the data of the
permission and relevance tests."""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings


def seed_and_index():
    """Call with MEDIA_ROOT pointing at a scratch directory."""
    from members.models import User
    from projects.models import Document, Project
    from workshops.models import Attachment, Meeting

    with override_settings(DEBUG=True):  # seed_demo refuses to run otherwise
        call_command("seed_demo", stdout=io.StringIO())
    project = Project.objects.get(title__startswith="Einheitliches Bürgerserviceportal")
    uploader = User.objects.get(email="cdo.detmold@example.org")
    Document.objects.create(
        project=project,
        title="Rollout-Plan Bürgerserviceportal",
        file=ContentFile(b"%PDF-1.4 demo", name="plan.pdf"),
        original_name="rollout-plan.pdf",
        extension="pdf",
        content_type="application/pdf",
        size=13,
        token="demo-token-search",
        uploaded_by=uploader,
    )
    meeting = Meeting.objects.filter(minutes__gt="").first()
    Attachment.objects.create(
        meeting=meeting,
        file=ContentFile(b"%PDF-1.4 demo", name="folien.pdf"),
        original_name="Folien E-Akte Erfahrungen.pdf",
        content_type="application/pdf",
        size=13,
        uploaded_by=uploader,
    )
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
