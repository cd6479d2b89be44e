"""Discussions and notifications: a thread on a project's page, the @/! suggestions, the
notifications list and "Ich folge", at two sizes.

The discussions app has no page of its own for reading: a thread is rendered on the detail
page of what it discusses (here a project, `/projekte/<slug>/`), so that page is measured with
a thread of 20 posts (Lippe) and of 500 posts (NRW), beside the same page of a project without
posts (the thread's share is the difference). Its other URLs are forms and POST actions, except
`/diskussion/vorschlaege/` (an htmx partial: the people whose names start like the typed rest).

Threads: a quarter top-level posts (every fourth a question), the rest replies to them, every
fifth post mentioning a person and a Kommune; authors are people of every Kommune. The bench
user gets 200 (Lippe) / 5,000 (NRW) notifications, a third unread, and follows 20 / 200 items
(projects, meetings, OZG services; workshops when there are any).

Every page against the framework floor; the thread page, the notifications and the follows
also against the raw SQL of their rows.
"""

from bench._support import (
    SIZES,
    analyze,
    bench_client,
    bench_user,
    measure,
    raw_sql,
    scratch_database,
    timed,
)

SPEC = {
    "Lippe": {"posts": 20, "notifications": 200, "follows": 20, "people_per_kommune": 2},
    "NRW": {"posts": 500, "notifications": 5000, "follows": 200, "people_per_kommune": 1},
}

THREAD_SQL = """
SELECT p.id, p.parent_id, p.body, p.is_question, p.answer_id, p.created_at, p.edited_at,
       p.deleted_at, p.hidden_at, p.hidden_reason, u.id, u.full_name
FROM discussions_post p
JOIN django_content_type ct ON ct.id = p.content_type_id
JOIN members_user u ON u.id = p.author_id
WHERE ct.app_label = 'projects' AND ct.model = 'project' AND p.object_id = %s
ORDER BY p.created_at, p.id
"""
AUTHORS_SQL = """
SELECT ms.user_id, ms.role, m.name FROM members_membership ms
JOIN members_municipality m ON m.id = ms.municipality_id
WHERE ms.user_id IN (SELECT author_id FROM discussions_post WHERE object_id = %s)
ORDER BY m.name
"""
MENTIONS_SQL = """
SELECT mu.post_id, u.id, u.full_name FROM discussions_post_mentioned_users mu
JOIN members_user u ON u.id = mu.user_id
WHERE mu.post_id IN (SELECT id FROM discussions_post WHERE object_id = %s)
"""
NOTIFICATIONS_SQL = """
SELECT id, kind, actor_name, target_title, detail, url, created_at, read_at
FROM notifications_notification WHERE recipient_id = %s
ORDER BY created_at DESC, id DESC LIMIT 50
"""
FOLLOWS_SQL = """
SELECT f.id, f.object_id, f.created_at, ct.app_label, ct.model, COALESCE(p.title, me.title, o.name)
FROM notifications_follow f
JOIN django_content_type ct ON ct.id = f.content_type_id
LEFT JOIN projects_project p ON ct.model = 'project' AND p.id = f.object_id
LEFT JOIN workshops_meeting me ON ct.model = 'meeting' AND me.id = f.object_id
LEFT JOIN ozg_ozgservice o ON ct.model = 'ozgservice' AND o.id = f.object_id
WHERE f.user_id = %s
ORDER BY ct.model, f.created_at DESC
"""


def _people(per_kommune: int):
    from django.contrib.auth.hashers import make_password

    from members.models import Membership, Municipality, User

    unusable = make_password(None)
    kommunen = list(Municipality.objects.order_by("pk"))
    have = set(User.objects.filter(email__startswith="rede.").values_list("email", flat=True))
    new = [
        User(email=email, full_name=f"Rede {k} {m.name}", password=unusable)
        for m in kommunen
        for k in range(per_kommune)
        if (email := f"rede.{k}.{m.slug}@bench.invalid") not in have
    ]
    created = User.objects.bulk_create(new, batch_size=2000)
    by_email = {u.email: u for u in created}
    Membership.objects.bulk_create(
        [Membership(user=by_email[f"rede.{k}.{m.slug}@bench.invalid"], municipality=m,
                    role=Membership.Role.STAFF)
         for m in kommunen for k in range(per_kommune)
         if f"rede.{k}.{m.slug}@bench.invalid" in by_email],
        batch_size=2000,
    )  # fmt: skip
    return list(User.objects.filter(email__startswith="rede.").order_by("pk")), kommunen


def _thread(project, posts: int, people, kommunen) -> None:
    """`posts` posts on `project` (bulk inserts), added to what it has."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from discussions.models import Post

    ct = ContentType.objects.get_for_model(project)
    have = Post.objects.filter(content_type=ct, object_id=project.pk).count()
    start = timezone.now() - dt.timedelta(days=60)
    tops = list(
        Post.objects.filter(content_type=ct, object_id=project.pk, parent=None).order_by("pk")
    )
    new_tops = []
    for i in range(have, posts):
        if i % 4 == 0:
            new_tops.append(i)
    created_tops = Post.objects.bulk_create(
        [Post(content_type=ct, object_id=project.pk, author=people[i % len(people)],
              body=f"Frage {i}: Wie habt ihr **das** gelöst?\n\n- Punkt eins\n- Punkt zwei",
              is_question=(i // 4) % 4 == 0)
         for i in new_tops]
    )  # fmt: skip
    tops += created_tops
    replies = Post.objects.bulk_create(
        [Post(content_type=ct, object_id=project.pk, author=people[(i * 7) % len(people)],
              parent=tops[min(i // 4, len(tops) - 1)],
              body=f"Antwort {i}: Bei uns mit [dem Portal](https://example.org/) und "
                   f"@{people[i % len(people)].full_name} aus !{kommunen[i % len(kommunen)].name}.")
         for i in range(have, posts) if i % 4]
    )  # fmt: skip
    everything = created_tops + replies
    for n, post in enumerate(everything):  # the order of writing, spread over 60 days
        post.created_at = start + dt.timedelta(minutes=n * 10)
    Post.objects.bulk_update(everything, ["created_at"], batch_size=2000)
    users = Post.mentioned_users.through
    towns = Post.mentioned_municipalities.through
    mentioning = [p for n, p in enumerate(replies) if n % 5 == 0]
    users.objects.bulk_create(
        [users(post_id=p.pk, user_id=people[n % len(people)].pk)
         for n, p in enumerate(mentioning)]
    )  # fmt: skip
    towns.objects.bulk_create(
        [towns(post_id=p.pk, municipality_id=kommunen[n % len(kommunen)].pk)
         for n, p in enumerate(mentioning)]
    )  # fmt: skip


def _notifications(user, total: int, project, people) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from notifications.models import Notification

    ct = ContentType.objects.get_for_model(project)
    have = Notification.objects.filter(recipient=user).count()
    kinds = Notification.Kind.values
    now = timezone.now()
    created = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kinds[i % len(kinds)], actor=people[i % len(people)],
                      actor_name=people[i % len(people)].full_name, content_type=ct,
                      object_id=project.pk, target_title=project.title,
                      detail="Bei uns mit dem Portal …", url=project.get_absolute_url(),
                      thread_key=f"post:{i}", read_at=now if i % 3 else None)
         for i in range(have, total)],
        batch_size=2000,
    )  # fmt: skip
    import datetime as dt

    for n, row in enumerate(created):  # one every two hours back from now
        row.created_at = now - dt.timedelta(hours=2 * (have + n))
    Notification.objects.bulk_update(created, ["created_at"], batch_size=2000)


def _follows(user, total: int) -> None:
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Follow
    from ozg.models import OzgService
    from projects.models import Project
    from workshops.models import Meeting, Workshop

    have = set(Follow.objects.filter(user=user).values_list("content_type_id", "object_id"))
    per_kind = total // 4 + 1
    rows = []
    for model in (Project, Meeting, OzgService, Workshop):
        ct = ContentType.objects.get_for_model(model)
        for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:per_kind]:
            if (ct.pk, pk) not in have:
                rows.append(Follow(user=user, content_type=ct, object_id=pk))
    Follow.objects.bulk_create(rows[: max(0, total - len(have))])


def _raw_many(*pairs):
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            result = []
            for sql, params in pairs:
                cursor.execute(sql, params)
                result.append(cursor.fetchall())
            return result

    return fetch


def run() -> list[str]:
    from discussions.models import Post
    from members.bench_data import generate_kommunen
    from notifications.models import Follow, Notification
    from projects.bench_data import generate as generate_projects
    from projects.models import Project
    from workshops.bench_data import generate as generate_meetings

    lines = []
    with scratch_database("discussions"):
        user = bench_user()
        client = bench_client(user)
        for size, spec in SIZES.items():
            more = SPEC[size]
            generate_kommunen(kommunen=spec["kommunen"])

            def data(more=more, size=size):
                if size == "Lippe":
                    generate_projects(projects=300, author=user)
                    generate_meetings(meetings=300, attendee=user)
                people, kommunen = _people(more["people_per_kommune"])
                project, quiet = Project.objects.order_by("pk")[:2]
                _thread(project, more["posts"], people, kommunen)
                _notifications(user, more["notifications"], project, people)
                _follows(user, more["follows"])
                return project, quiet, people

            (project, quiet, people), note = timed(f"discussions: {size} data generated", data)
            analyze()  # as autovacuum would in production
            lines.append(note)
            posts = Post.objects.filter(object_id=project.pk).count()
            notes = Notification.objects.filter(recipient=user).count()
            follows = Follow.objects.filter(user=user).count()
            kommunen = f"{spec['kommunen']} Kommunen, {len(people):,} posting people"
            typed = people[0].full_name.split()[0][:3]
            lines += [
                measure(client, size, f"/projekte/&lt;slug&gt;/ with a thread of {posts}",
                        project.get_absolute_url(), contains=project.title,
                        raw=_raw_many((THREAD_SQL, [project.pk]), (AUTHORS_SQL, [project.pk]),
                                      (MENTIONS_SQL, [project.pk])),
                        rounds=5 if posts > 100 else 15,
                        note=f"{kommunen}; raw SQL = the thread's rows only"),
                measure(client, size, "/projekte/&lt;slug&gt;/ without posts (baseline)",
                        quiet.get_absolute_url(), contains=quiet.title, note=kommunen),
                measure(client, size, "/diskussion/vorschlaege/?body=@… (htmx partial)",
                        f"/diskussion/vorschlaege/?body=%40{typed}",
                        note=f"up to 8 of {len(people):,} people; floor is a whole page"),
                measure(client, size, f"/benachrichtigungen/ (page 1 of {notes:,})",
                        "/benachrichtigungen/",
                        raw=_raw_many(
                            ("SELECT COUNT(*) FROM notifications_notification "
                             "WHERE recipient_id = %s", [user.pk]),
                            (NOTIFICATIONS_SQL, [user.pk])),
                        note="50 per page, a third unread"),
                measure(client, size, f"/benachrichtigungen/folge-ich/ ({follows})",
                        "/benachrichtigungen/folge-ich/",
                        raw=raw_sql(FOLLOWS_SQL, [user.pk]),
                        note="projects, meetings, OZG services, workshops"),
            ]  # fmt: skip
    return lines
