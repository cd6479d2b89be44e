"""The knowledge app's part in the privacy duties (see lippe_ikz/privacy.py): articles the
person owns, created or is contact for, their revisions, uploaded files, recorded uses and
adoptions, and their entries in "Wer weiß was?"."""

from django.db import transaction
from django.utils.translation import ngettext

from knowledge.models import (
    Adoption,
    AdoptionItem,
    Article,
    ArticleFile,
    Expertise,
    Revision,
    TemplateUsage,
)
from lippe_ikz import events
from lippe_ikz.privacy import PersonalData, PersonalFile, rows


def personal_data(person) -> list[PersonalData]:
    owned = rows(Article.objects.filter(owner=person), "title", "slug", "kind", "status",
                 "last_reviewed_at")  # fmt: skip
    created = rows(Article.objects.filter(created_by=person), "title", "slug", "created_at")
    contact_for = rows(Article.objects.filter(contacts=person), "title", "slug")
    revisions = rows(
        Revision.objects.filter(author=person),
        "article__title", "number", "title", "summary", "body", "note", "created_at",
    )  # fmt: skip
    file_rows, files = [], []
    for item in ArticleFile.objects.filter(uploaded_by=person).select_related("article"):
        name = f"article_files/{item.pk}-{item.original_name}"
        file_rows.append(
            {
                "article": item.article.title,
                "version": item.version,
                "title": item.title,
                "note": item.note,
                "file_name": item.original_name,
                "file_in_export": f"knowledge/files/{name}",
                "size": item.size,
                "uploaded_at": item.uploaded_at.isoformat(),
            }
        )
        files.append(PersonalFile(name=name, storage_name=item.file.name))
    usages = rows(TemplateUsage.objects.filter(recorded_by=person),
                  "article__title", "municipality__name", "recorded_at")  # fmt: skip
    adoptions = rows(Adoption.objects.filter(adopted_by=person),
                     "article__title", "municipality__name", "adopted_at")  # fmt: skip
    done = rows(AdoptionItem.objects.filter(done_by=person),
                "adoption__article__title", "adoption__municipality__name", "item__text",
                "done_at")  # fmt: skip
    expertise = rows(Expertise.objects.filter(user=person), "topic__name", "label", "year")
    parts = [
        PersonalData("articles_owned", owned),
        PersonalData("articles_created", created),
        PersonalData("article_contact_for", contact_for),
        PersonalData("revisions", revisions),
        PersonalData("article_files", file_rows, files),
        PersonalData("template_usages", usages),
        PersonalData("checklist_adoptions", adoptions),
        PersonalData("checklist_items_done", done),
        PersonalData("expertise", expertise),
    ]
    return [part for part in parts if part.rows]


@transaction.atomic
def hand_over(*, person, successor, actor) -> list[str]:
    """The successor owns the person's articles (and reviews them) and becomes contact person
    where the person was."""
    articles = {
        a.pk: a for a in Article.objects.filter(owner=person).select_related("municipality")
    }
    for article in articles.values():
        article.owner = successor
        article.full_clean()
        article.save(update_fields=["owner", "updated_at"])
    contact_of = list(Article.objects.filter(contacts=person).select_related("municipality"))
    for article in contact_of:
        article.contacts.remove(person)
        article.contacts.add(successor)
        articles.setdefault(article.pk, article)
    for article in articles.values():
        events.publish("knowledge.article.changed", article, actor=actor,
                       municipality=article.municipality)  # fmt: skip
    n = len(articles)
    return (
        [ngettext("%(n)d knowledge article", "%(n)d knowledge articles", n) % {"n": n}] if n else []
    )


@transaction.atomic
def anonymise(*, person, actor) -> None:
    """What the person knows ("Wer weiß was?") is about them and useless without them."""
    Expertise.objects.filter(user=person).delete()
    Expertise.history.filter(user_id=person.pk).delete()
