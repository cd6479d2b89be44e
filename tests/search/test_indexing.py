"""The index follows the services' writes (domain events) and the admin, and rebuilds
idempotently."""

import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from lippe_ikz import events
from lippe_ikz.searchable import SearchType, search_types
from projects import services as project_services
from projects.models import Milestone
from search.indexing import all_types
from search.models import SearchEntry
from tests.projects.factories import ProjectFactory
from tests.workshops.factories import MeetingFactory
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(SearchEntry.objects.filter(**filters).values_list("title", flat=True))


def test_every_first_wave_app_registers_its_types():
    keys = {t.key for t in search_types()}
    assert {
        "members.municipality",
        "members.person",
        "projects.project",
        "projects.status_update",
        "projects.milestone",
        "projects.wish",
        "projects.document",
        "workshops.workshop",
        "workshops.session",
        "workshops.results",
        "workshops.action_item",
        "workshops.meeting",
        "workshops.agenda_item",
        "workshops.minutes",
        "workshops.decisions",
        "workshops.attachment",
        "ozg.service",
        "ozg.form",
        "ozg.solution",
        "knowledge.article",
        "landscape.product",
    } <= keys
    assert all(isinstance(t, SearchType) for t in all_types())


def test_rebuild_is_idempotent_and_reports(detmold, rebuild):
    ProjectFactory(title="E-Akte für alle", lead=detmold)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    first = sorted(SearchEntry.objects.values_list("type_key", "object_id", "title"))
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(SearchEntry.objects.values_list("type_key", "object_id", "title")) == first
    assert "projects.project: 1 entries" in out.getvalue()
    assert ("ozg.service" in {k for k, _, _ in first}) and len(first) > 500


def test_status_update_is_indexed_in_the_same_transaction(detmold, detmold_cdo):
    project = ProjectFactory(title="Ratsinformationssystem", lead=detmold)
    project_services.status_update_add(
        actor=detmold_cdo, project=project, text="Die Ausschreibung ist veröffentlicht."
    )
    update = project.updates.get()
    entry = SearchEntry.objects.get(type_key="projects.status_update", object_id=update.pk)
    assert "Ausschreibung" in entry.body
    assert entry.url.endswith(f"#update-{update.pk}")
    assert entry.municipality == detmold
    # the project itself was re-indexed too (its status changed)
    assert SearchEntry.objects.filter(type_key="projects.project", object_id=project.pk).exists()


def test_details_change_resyncs_milestones_and_delete_removes_everything(detmold, detmold_cdo):
    project = ProjectFactory(title="Breitband", lead=detmold)
    old = Milestone.objects.create(project=project, title="Vergabe", due_date="2026-01-01")
    with events.capture():
        events.publish("projects.project.details_changed", project, actor=detmold_cdo)
    assert entries(type_key="projects.milestone") == ["Vergabe"]
    old.delete()
    Milestone.objects.create(project=project, title="Ausbau fertig", due_date="2027-01-01")
    events.publish("projects.project.details_changed", project, actor=detmold_cdo)
    assert entries(type_key="projects.milestone") == ["Ausbau fertig"]

    project_services.project_delete(actor=detmold_cdo, project=project)
    assert not SearchEntry.objects.filter(group=f"projects.project:{project.pk}").exists()
    assert not entries(type_key="projects.project")


def test_minutes_and_decisions_become_findable(detmold, detmold_cdo):
    meeting = MeetingFactory(host=detmold, title="Netzwerktreffen Mai", created_by=detmold_cdo)
    workshop_services.meeting_minutes_update(
        actor=detmold_cdo,
        meeting=meeting,
        minutes="Bericht zur E-Akte.",
        decisions="- Die E-Akte wird gemeinsam beschafft.",
    )
    decision = SearchEntry.objects.get(type_key="workshops.decisions", object_id=meeting.pk)
    assert decision.url.endswith("#beschluesse")
    assert "gemeinsam beschafft" in decision.body
    assert SearchEntry.objects.filter(type_key="workshops.minutes", object_id=meeting.pk).exists()
    workshop_services.meeting_minutes_update(actor=detmold_cdo, meeting=meeting, minutes="")
    assert not SearchEntry.objects.filter(type_key__in=["workshops.minutes", "workshops.decisions"],
                                          object_id=meeting.pk).exists()  # fmt: skip


def test_an_admin_edit_is_reindexed_after_commit(
    detmold, admin_user, django_capture_on_commit_callbacks
):
    detmold.description = "Detmold betreibt ein Open-Data-Portal."
    detmold.save()
    with django_capture_on_commit_callbacks(execute=True):
        LogEntry.objects.log_actions(
            admin_user.pk, [detmold], CHANGE, change_message="[]", single_object=True
        )
    entry = SearchEntry.objects.get(type_key="members.municipality", object_id=detmold.pk)
    assert "Open-Data-Portal" in entry.body


def test_an_admin_deletion_removes_the_entry(
    detmold, detmold_cdo, admin_user, django_capture_on_commit_callbacks
):
    project = ProjectFactory(title="Löschprojekt", lead=detmold)
    events.publish("projects.project.changed", project, actor=detmold_cdo)
    assert entries(type_key="projects.project") == ["Löschprojekt"]
    with django_capture_on_commit_callbacks(execute=True):
        LogEntry.objects.log_actions(admin_user.pk, [project], 3, single_object=True)
        project.delete()
    assert not entries(type_key="projects.project")


def test_admin_hook_ignores_unknown_models(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        LogEntry.objects.create(
            user=admin_user,
            content_type=ContentType.objects.get(app_label="sessions", model="session"),
            object_id="abc",
            object_repr="x",
            action_flag=CHANGE,
        )
    assert callbacks == []


def test_a_withdrawn_service_leaves_the_results(detmold):
    from django.utils import timezone

    from ozg.models import OzgService

    service = OzgService.objects.filter(leika__name__icontains="Hundesteuer").first()
    events.publish("ozg.ozgservice.changed", service)
    assert SearchEntry.objects.filter(type_key="ozg.service", object_id=service.pk).exists()
    service.withdrawn_at = timezone.now()
    service.save()
    events.publish("ozg.ozgservice.changed", service)
    assert not SearchEntry.objects.filter(type_key="ozg.service", object_id=service.pk).exists()


def test_knowledge_article_follows_its_service_writes(detmold, detmold_cdo):
    from knowledge import services as knowledge_services
    from tests.knowledge.factories import ArticleFactory

    article = ArticleFactory(title="Leitfaden Videokonferenz", municipality=detmold,
                             owner=detmold_cdo)  # fmt: skip
    events.publish("knowledge.article.changed", article, actor=detmold_cdo)
    entry = SearchEntry.objects.get(type_key="knowledge.article", object_id=article.pk)
    assert entry.url == article.get_absolute_url() and entry.municipality == detmold
    knowledge_services.article_set_status(actor=detmold_cdo, article=article, status="draft")
    entry = SearchEntry.objects.get(type_key="knowledge.article", object_id=article.pk)
    assert "Entwurf" in entry.title
