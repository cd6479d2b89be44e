"""Knowledge: /wissen/ (page 1), an article's page (a guide with revisions, contacts and links
to projects, workshops, meetings and OZG services), its version history, a checklist with its
adoptions, one Kommune's adoption, /netzwerk/ (members and the public), the coordinators'
talk requests, /wer-weiss-was/ and /wer-weiss-was/meine/, at Lippe and NRW size.

Data: `knowledge.bench_data.generate` (bulk inserts), on top of a few projects, workshops and
meetings (their generators) so that the guide's links and "Wer weiß was?"'s contacts have
rows. Lippe: 17 Kommunen, 60 articles, the guide with 20 revisions, 2 people per Kommune with 3
experiences each; NRW: 396 Kommunen, 1,500 articles, 200 revisions, the same per Kommune (792
people, 2,376 experiences), a checklist of 30 items adopted by every Kommune.

Every page against the framework floor (the public /netzwerk/ against the same empty base.html
for an anonymous visitor); the list, the history, the adoptions and "Wer weiß was?" also
against the raw SQL of their rows.
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

KNOWLEDGE = {
    "Lippe": {"articles": 60, "revisions": 20, "story": 20, "talks": 15, "requests": 20},
    "NRW": {"articles": 1500, "revisions": 200, "story": 60, "talks": 60, "requests": 200},
}
LINKED = {"Lippe": (20, 40), "NRW": (200, 400)}  # projects, meetings for the links

LIST_SQL = """
SELECT a.id, a.kind, a.title, a.slug, a.summary, a.status, a.last_reviewed_at,
       a.review_interval, m.id, m.name, m.slug, u.id, u.full_name
FROM knowledge_article a
JOIN members_municipality m ON m.id = a.municipality_id
JOIN members_user u ON u.id = a.owner_id
WHERE a.status = 'published'
ORDER BY a.title
LIMIT 20
"""
TOPICS_SQL = """
SELECT at.article_id, t.id, t.name, t.slug FROM knowledge_article_topics at
JOIN projects_topic t ON t.id = at.topic_id WHERE at.article_id IN ({ids})
"""
HISTORY_SQL = """
SELECT r.id, r.number, r.title, r.summary, r.body, r.note, r.created_at, u.id, u.full_name
FROM knowledge_revision r LEFT JOIN members_user u ON u.id = r.author_id
WHERE r.article_id = %s ORDER BY r.number DESC
"""
ADOPTIONS_SQL = """
SELECT a.id, m.id, m.name, m.slug, a.adopted_at, u.full_name,
       COUNT(e.id) FILTER (WHERE e.done_at IS NOT NULL),
       COUNT(e.id) FILTER (WHERE e.action_item_id IS NOT NULL)
FROM knowledge_adoption a
JOIN members_municipality m ON m.id = a.municipality_id
LEFT JOIN members_user u ON u.id = a.adopted_by_id
LEFT JOIN knowledge_adoptionitem e ON e.adoption_id = a.id
WHERE a.article_id = %s
GROUP BY a.id, m.id, u.full_name
ORDER BY m.name
"""
# "Wer weiß was?": every experience, every published article's owner and topics, with the
# people's memberships (the page adds the projects' contacts and the workshops' organisers).
EXPERTISE_SQL = """
SELECT e.topic_id, e.user_id, e.label, e.year FROM knowledge_expertise e
"""
OWNERS_SQL = """
SELECT a.id, a.title, a.owner_id, at.topic_id FROM knowledge_article a
LEFT JOIN knowledge_article_topics at ON at.article_id = a.id
WHERE a.status = 'published'
"""
PEOPLE_SQL = """
SELECT u.id, u.full_name, u.email, ms.role, m.name, m.slug FROM members_user u
JOIN members_membership ms ON ms.user_id = u.id
JOIN members_municipality m ON m.id = ms.municipality_id
WHERE u.is_active
"""


def _raw_list():
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM knowledge_article WHERE status = 'published'")
            cursor.fetchone()
            cursor.execute(LIST_SQL)
            rows = cursor.fetchall()
            ids = [r[0] for r in rows]
            cursor.execute(TOPICS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
            return rows, cursor.fetchall()

    return fetch


def _raw_many(*queries):
    from django.db import connection

    def fetch():
        with connection.cursor() as cursor:
            result = []
            for sql in queries:
                cursor.execute(sql)
                result.append(cursor.fetchall())
            return result

    return fetch


def _coordinator():
    from members.models import Membership, Municipality, User

    user = User.objects.create_user(email="koordination@bench.invalid", password=None,
                                    full_name="Bench Koordination")  # fmt: skip
    Membership.objects.create(user=user, municipality=Municipality.objects.get(slug="kreis-lippe"),
                              role=Membership.Role.KREIS_COORDINATION)  # fmt: skip
    return user


def run() -> list[str]:
    from django.db.models import Count, Q

    from knowledge.bench_data import CHECKLIST, GUIDE, generate
    from knowledge.models import Article, Revision
    from members.bench_data import generate_kommunen
    from projects.bench_data import generate as generate_projects
    from workshops.bench_data import generate as generate_meetings

    lines = []
    with scratch_database("knowledge"):
        user = bench_user()
        client = bench_client(user)
        coordinator = bench_client(_coordinator())
        anonymous = bench_client()
        projects = meetings = 0
        for size, spec in SIZES.items():
            generate_kommunen(kommunen=spec["kommunen"])
            more = KNOWLEDGE[size]
            linked = LINKED[size]

            def data(more=more, linked=linked, projects=projects, meetings=meetings):
                generate_projects(projects=linked[0] - projects, author=user)
                generate_meetings(meetings=linked[1] - meetings, attendee=user)
                return generate(author=user, **more)

            counts, note = timed(f"knowledge: {size} data generated", data)
            analyze()  # as autovacuum would in production
            lines.append(note)
            projects, meetings = linked
            guide = Article.objects.get(slug=GUIDE)
            checklist = Article.objects.get(slug=CHECKLIST)
            revisions = Revision.objects.filter(article=guide).count()
            label = (
                f"{spec['kommunen']} Kommunen, {counts['articles']:,} articles, "
                f"{counts['people']:,} people, {counts['expertise']:,} experiences"
            )
            links = ", ".join(
                f"{getattr(guide, k).count()} {k}"
                for k in ("projects", "workshops", "meetings", "services")
            )
            done = checklist.adoptions.aggregate(
                n=Count("entries", filter=Q(entries__done_at__isnull=False))
            )["n"]
            lines += [
                measure(client, size, "/wissen/ (page 1 of 20)", "/wissen/",
                        raw=_raw_list(), note=label),
                measure(client, size, "/wissen/&lt;slug&gt;/ (guide, links, contacts)",
                        guide.get_absolute_url(), contains=guide.title,
                        note=f"{revisions} revisions, links: {links}"),
                measure(client, size, "/wissen/&lt;slug&gt;/versionen/ (history)",
                        f"{guide.get_absolute_url()}versionen/",
                        raw=raw_sql(HISTORY_SQL, [guide.pk]),
                        note=f"{revisions} revisions, diff of the last two"),
                measure(client, size, "/wissen/&lt;slug&gt;/ (checklist, adoptions)",
                        checklist.get_absolute_url(), contains=checklist.title,
                        note=f"30 items, {checklist.adoptions.count()} adoptions"),
                measure(client, size, "/wissen/&lt;slug&gt;/uebernahmen/",
                        f"{checklist.get_absolute_url()}uebernahmen/",
                        raw=raw_sql(ADOPTIONS_SQL, [checklist.pk]),
                        note=f"{checklist.adoptions.count()} adoptions, {done:,} items done"),
                measure(client, size, "/wissen/&lt;slug&gt;/uebernahmen/&lt;kommune&gt;/",
                        f"{checklist.get_absolute_url()}uebernahmen/detmold/",
                        note="30 items, 15 done"),
                measure(client, size, "/netzwerk/ (member)", "/netzwerk/",
                        note=f"{more['story']} entries, {more['talks']} talks"),
                measure(anonymous, size, "/netzwerk/ (public, anonymous)", "/netzwerk/",
                        note="the public half; floor: base.html for an anonymous visitor"),
                measure(coordinator, size, "/netzwerk/anfragen/ (coordinators)",
                        "/netzwerk/anfragen/", note=f"{more['requests']} requests"),
                measure(client, size, "/wer-weiss-was/", "/wer-weiss-was/",
                        raw=_raw_many(EXPERTISE_SQL, OWNERS_SQL, PEOPLE_SQL), rounds=5,
                        note=label),
                measure(client, size, "/wer-weiss-was/meine/", "/wer-weiss-was/meine/",
                        note="the form and one's own (none)"),
            ]  # fmt: skip
    return lines
