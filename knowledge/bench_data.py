"""Synthetic knowledge for benchmarks (`bench/knowledge.py`, like `projects.bench_data`): never
in demo data. Everything is written with bulk inserts (no revisions through the services, no
history rows): the pages read the rows, not how they came about."""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from knowledge.models import (
    Adoption,
    AdoptionItem,
    Article,
    ChecklistItem,
    Expertise,
    Revision,
    StoryEntry,
    Talk,
    TalkRequest,
)
from members.models import Membership, Municipality, User
from projects.models import Topic

BODY = (
    "## Worum es geht\n\nEin **Benchmark-Beitrag** mit einer Liste:\n\n- Schritt eins\n"
    "- Schritt zwei\n- Schritt drei\n\n| Kommune | Stand |\n|---|---|\n| A | fertig |\n"
    "| B | offen |\n\nSiehe auch [das Portal](https://example.org/). Zeile {n}.\n"
)
CHECKLIST = "benchcheckliste"
GUIDE = "benchleitfaden"


def _people(kommunen: list[Municipality], per_kommune: int) -> list[User]:
    """`per_kommune` staff members in every Kommune (knowers for "Wer weiß was?")."""
    unusable = make_password(None)
    have = set(User.objects.filter(email__startswith="wissen.").values_list("email", flat=True))
    new = [
        User(email=email, full_name=f"Wissen {k} {m.name}", password=unusable)
        for m in kommunen
        for k in range(per_kommune)
        if (email := f"wissen.{k}.{m.slug}@bench.invalid") not in have
    ]
    created = {u.email: u for u in User.objects.bulk_create(new, batch_size=2000)}
    Membership.objects.bulk_create(
        [Membership(user=created[f"wissen.{k}.{m.slug}@bench.invalid"], municipality=m,
                    role=Membership.Role.STAFF)
         for m in kommunen for k in range(per_kommune)
         if f"wissen.{k}.{m.slug}@bench.invalid" in created],
        batch_size=2000,
    )  # fmt: skip
    return list(User.objects.filter(email__startswith="wissen.").order_by("pk"))


def _revisions(article: Article, total: int, author: User) -> None:
    have = article.revisions.count()
    now = timezone.now()
    Revision.objects.bulk_create(
        [
            Revision(article=article, number=n, title=article.title, summary=article.summary,
                     body=BODY.format(n=n) + f"\nFassung {n}.", note=f"Fassung {n}",
                     author=author, created_at=now - dt.timedelta(hours=total - n))
            for n in range(have + 1, total + 1)
        ],
        batch_size=2000,
    )  # fmt: skip
    article.body = BODY.format(n=total) + f"\nFassung {total}."
    article.revision_number = total
    article.save(update_fields=["body", "revision_number"])


@transaction.atomic
def generate(*, articles: int, revisions: int, people_per_kommune: int = 2,
             expertise_per_person: int = 3, checklist_items: int = 30, story: int = 40,
             talks: int = 30, requests: int = 50, links: int = 10,
             author: User) -> dict:  # fmt: skip
    """Fill up to: `articles` published articles ("Benchbeitrag NNNNN", every kind, two
    topics each, spread over the Kommunen); the guide `benchleitfaden` with `revisions`
    revisions, contacts and `links` links to each of projects, workshops, meetings and OZG
    services (as many as exist); the checklist `benchcheckliste` with `checklist_items`
    items, adopted by every Kommune, each with every other item done; people with expertise;
    story entries, talks and talk requests. Adds to what exists."""
    from ozg.models import OzgService
    from projects.models import Project
    from workshops.models import Meeting, Workshop

    kommunen = list(Municipality.objects.order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    people = _people(kommunen, people_per_kommune)
    kinds = [k for k in Article.Kind.values if k != Article.Kind.CHECKLIST]
    today = timezone.localdate()

    guide, _ = Article.objects.get_or_create(
        slug=GUIDE,
        defaults={"kind": Article.Kind.GUIDE, "title": "Benchleitfaden E-Akte",
                  "summary": "Wie eine Kommune die E-Akte einführt (Benchmark-Daten).",
                  "status": Article.Status.PUBLISHED, "municipality": kommunen[0],
                  "owner": author, "created_by": author},
    )  # fmt: skip
    checklist, _ = Article.objects.get_or_create(
        slug=CHECKLIST,
        defaults={"kind": Article.Kind.CHECKLIST, "title": "Benchcheckliste Einführung",
                  "summary": "Was vor dem Start zu klären ist (Benchmark-Daten).",
                  "status": Article.Status.PUBLISHED, "municipality": kommunen[0],
                  "owner": author, "created_by": author, "body": BODY.format(n=0)},
    )  # fmt: skip

    start = Article.objects.filter(slug__startswith="benchbeitrag-").count()
    new = Article.objects.bulk_create(
        [
            Article(kind=kinds[i % len(kinds)], title=f"Benchbeitrag {i:05d}",
                    slug=f"benchbeitrag-{i:05d}",
                    summary="Was eine Kommune dabei gelernt hat (Benchmark-Daten).",
                    body=BODY.format(n=i), status=Article.Status.PUBLISHED,
                    municipality=kommunen[i % len(kommunen)], owner=people[i % len(people)],
                    created_by=people[i % len(people)],
                    last_reviewed_at=today - dt.timedelta(days=i % 500))
            for i in range(start, articles)
        ],
        batch_size=2000,
    )  # fmt: skip
    through = Article.topics.through
    through.objects.bulk_create(
        [through(article_id=a.pk, topic_id=topics[(i + k) % len(topics)].pk)
         for i, a in enumerate(new) for k in range(2)],
        batch_size=2000,
    )  # fmt: skip

    _revisions(guide, revisions, author)
    _revisions(checklist, 3, author)
    guide.topics.add(*topics[:2])
    guide.contacts.add(*people[:3])
    guide.projects.add(*Project.objects.order_by("pk")[:links])
    guide.workshops.add(*Workshop.objects.order_by("pk")[:links])
    guide.meetings.add(*Meeting.objects.order_by("pk")[:links])
    guide.services.add(*OzgService.objects.order_by("pk")[:links])

    have_items = checklist.items.count()
    ChecklistItem.objects.bulk_create(
        [ChecklistItem(article=checklist, order=n, text=f"Punkt {n}: vorher klären")
         for n in range(have_items, checklist_items)]
    )  # fmt: skip
    items = list(checklist.items.order_by("order", "pk"))
    adopted = set(checklist.adoptions.values_list("municipality_id", flat=True))
    adoptions = Adoption.objects.bulk_create(
        [Adoption(article=checklist, municipality=m, adopted_by=author)
         for m in kommunen if m.pk not in adopted],
        batch_size=2000,
    )  # fmt: skip
    now = timezone.now()
    AdoptionItem.objects.bulk_create(
        [AdoptionItem(adoption=a, item=item, done_at=now if n % 2 == 0 else None,
                      done_by=author if n % 2 == 0 else None)
         for a in adoptions for n, item in enumerate(items)],
        batch_size=5000,
    )  # fmt: skip

    have = set(Expertise.objects.values_list("user_id", "label"))
    Expertise.objects.bulk_create(
        [Expertise(user=p, topic=topics[(i + k) % len(topics)] if k < 2 else None,
                   label=label, year=2018 + (i + k) % 8)
         for i, p in enumerate(people) for k in range(expertise_per_person)
         if (p.pk, label := f"Erfahrung {k}: E-Akte eingeführt") not in have],
        batch_size=2000,
    )  # fmt: skip

    sections = StoryEntry.Section.values
    StoryEntry.objects.bulk_create(
        [StoryEntry(section=sections[i % len(sections)], title=f"Benchstation {i}",
                    when=str(2015 + i % 11), body=BODY.format(n=i), order=i,
                    is_public=i % 2 == 0)
         for i in range(StoryEntry.objects.count(), story)]
    )  # fmt: skip
    Talk.objects.bulk_create(
        [Talk(title=f"Benchvortrag {i}", date=today - dt.timedelta(days=30 * i),
              event="Fachtagung Digitale Verwaltung", place="Detmold",
              speakers="Dana Demo, Rike Rat", is_public=i % 2 == 0)
         for i in range(Talk.objects.count(), talks)]
    )  # fmt: skip
    statuses = TalkRequest.Status.values
    TalkRequest.objects.bulk_create(
        [TalkRequest(kind=TalkRequest.Kind.TALK if i % 3 else TalkRequest.Kind.VISIT,
                     name=f"Anfrage {i}", organisation=f"Kreis {i}",
                     email=f"anfrage{i}@bench.invalid", preferred_date="Herbst",
                     message="Wir möchten von Ihren Erfahrungen hören.",
                     status=statuses[i % len(statuses)], handled_by=author if i % 2 else None)
         for i in range(TalkRequest.objects.count(), requests)]
    )  # fmt: skip
    return {
        "articles": Article.objects.count(),
        "people": len(people),
        "expertise": Expertise.objects.count(),
        "adoptions": checklist.adoptions.count(),
    }
