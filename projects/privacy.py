"""The projects app's part in the privacy duties (see lippe_ikz/privacy.py): projects the
person is a contact for or created, their status updates, documents, wishes and support."""

from django.db import transaction
from django.utils.translation import ngettext

from lippe_ikz import events
from lippe_ikz.privacy import PersonalData, PersonalFile, rows
from projects.models import Document, Project, StatusUpdate, Wish, WishVote


def personal_data(person) -> list[PersonalData]:
    contact_of = rows(Project.objects.filter(contacts=person), "title", "slug", "summary")
    created = rows(Project.objects.filter(created_by=person), "title", "slug", "created_at")
    updates = rows(
        StatusUpdate.objects.filter(author=person),
        "project__title", "created_at", "text", "previous_status", "new_status", "progress",
    )  # fmt: skip
    documents = Document.objects.filter(uploaded_by=person).select_related("project")
    document_rows, files = [], []
    for document in documents:
        name = f"documents/{document.pk}-{document.original_name}"
        document_rows.append(
            {
                "project": document.project.title,
                "title": document.title,
                "file_name": document.original_name,
                "file_in_export": f"projects/files/{name}",
                "size": document.size,
                "uploaded_at": document.uploaded_at.isoformat(),
            }
        )
        files.append(PersonalFile(name=name, storage_name=document.file.name))
    wishes = rows(
        Wish.objects.filter(raised_by=person),
        "project__title", "provider__name", "municipality__name", "title", "description",
        "status", "created_at",
    )  # fmt: skip
    votes = rows(
        WishVote.objects.filter(user=person), "wish__title", "municipality__name", "created_at"
    )
    return [
        PersonalData("contact_for", contact_of),
        PersonalData("projects_created", created),
        PersonalData("status_updates", updates),
        PersonalData("documents", document_rows, files),
        PersonalData("wishes", wishes),
        PersonalData("wish_support", votes),
    ]


@transaction.atomic
def hand_over(*, person, successor, actor) -> list[str]:
    """The successor becomes contact person of every project the person was contact for."""
    projects = list(Project.objects.filter(contacts=person))
    for project in projects:
        project.contacts.remove(person)
        project.contacts.add(successor)
        events.publish("projects.project.changed", project, actor=actor)
    n = len(projects)
    return [ngettext("%(n)d project contact", "%(n)d project contacts", n) % {"n": n}] if n else []
