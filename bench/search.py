"""Search: /suche/ on an index of 200,000 documents (issue 9, item 7).

The index: the NRW-sized network (396 Kommunen) and the real OZG catalogue (557 services with
their LeiKa names, indexed through the registrations like any content), plus generated
documents written straight into the index table (bulk inserts of German administrative text;
on PostgreSQL the weighted vector is then computed by the same expression the indexer uses).
Generating through the content apps' services would take hours; the index row is all the
search page reads, so the shortcut measures the same thing.

Figures, each measured in the same run:

- the /suche/ page (count, one ranked page of 20 with snippets, three facets) against the
  framework floor and against the raw SQL returning the same 20 ranked ids (PostgreSQL:
  `vector @@ query ORDER BY ts_rank … * boost`; SQLite: the simple matcher's LIKE filter and
  title-first order); checked once to return exactly the ids the page shows;
- a rare word (in about 1 % of the documents) and a common one (about a quarter);
- the time to index one document (an OZG service with its LeiKa names, through
  `search.indexing.index_objects`, as after a write) against a plain one-row UPDATE of its
  index entry.

Sizes: BENCH_SEARCH_DOCS (default 200000) generated documents on both backends.
"""

import os
import random
import time

from bench._support import ROUNDS, bench_client, bench_user, measure, scratch_database, timed

DOCS = int(os.environ.get("BENCH_SEARCH_DOCS") or 200_000)
BATCH = 5000
NRW = 396

WORDS = [
    "Antrag",
    "Bescheid",
    "Formular",
    "Verwaltung",
    "Bürgerservice",
    "Rathaus",
    "Gemeinderat",
    "Ausschuss",
    "Sitzung",
    "Vorlage",
    "Protokoll",
    "Beschluss",
    "Haushalt",
    "Förderung",
    "Fördermittel",
    "Ausschreibung",
    "Vergabe",
    "Vertrag",
    "Lizenz",
    "Schnittstelle",
    "Fachverfahren",
    "Portal",
    "Servicekonto",
    "Onlinedienst",
    "Leistung",
    "Umsetzung",
    "Zuständigkeit",
    "Kommune",
    "Kreis",
    "Netzwerk",
    "Arbeitsgruppe",
    "Workshop",
    "Ergebnis",
    "Maßnahme",
    "Zeitplan",
    "Meilenstein",
    "Pilotierung",
    "Einführung",
    "Schulung",
    "Mitarbeitende",
    "Personalrat",
    "Datenschutz",
    "Informationssicherheit",
    "Rechenzentrum",
    "Infrastruktur",
    "Arbeitsplatz",
    "Telefonie",
    "Ratsinformation",
    "Aktenplan",
    "Dokumentenmanagement",
    "Archivierung",
    "Scannen",
    "Posteingang",
    "Rechnungseingang",
    "Zahlung",
    "Gebühren",
    "Satzung",
    "Ordnungsamt",
    "Standesamt",
    "Meldewesen",
    "Baugenehmigung",
    "Gewerbeanmeldung",
    "Kindertagesstätte",
    "Schule",
    "Jugendamt",
    "Sozialamt",
    "Wohnraum",
    "Straße",
    "Grünflächen",
    "Friedhof",
    "Feuerwehr",
    "Verkehr",
    "Parkausweis",
    "Abfall",
    "Wasser",
    "Energie",
    "Klimaschutz",
    "Beteiligung",
    "Umfrage",
    "Öffentlichkeitsarbeit",
    "Pressemitteilung",
    "Webseite",
    "Barrierefreiheit",
    "Leichte",
    "Sprache",
    "Mobilgerät",
    "Anwendung",
    "Bedarf",
    "Anforderung",
    "Lastenheft",
    "Angebot",
    "Kosten",
    "Aufwand",
    "Nutzen",
    "Bericht",
    "Evaluation",
    "Nachnutzung",
    "Erfahrung",
    "Austausch",
    "Abstimmung",
    "Termin",
    "Planung",
    "Steuerung",
    "Strategie",
]
RARE = "Glasfaserausbau"  # in about 1 % of the documents
COMMON = "Digitalisierung"  # in one sentence of ten: about a quarter of the documents


def _sentence(rng, n: int, rare_p: float = 0.0) -> list[str]:
    words = rng.choices(WORDS, k=n)
    if rng.random() < rare_p:
        words[rng.randrange(n)] = RARE
    if rng.random() < 0.1:
        words[rng.randrange(n)] = COMMON
    return words


def generate(docs: int, kommunen: list[int]) -> None:
    """`docs` generated index rows (bulk inserts; on PostgreSQL the vector in batches) and the
    index's word list."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType

    from search.indexing import VECTOR, all_types, is_postgres
    from search.models import SearchEntry, SearchWord
    from search.normalise import fold

    rng = random.Random(9)
    # types open to every member (a generated row has no object a `visible` rule could find)
    types = [
        (t.key, ContentType.objects.get_for_model(t.model_class).pk)
        for t in all_types()
        if t.visible is None
    ]
    folded = {w: fold(w) for w in [*WORDS, RARE, COMMON]}
    start = dt.date(2015, 1, 1)
    first_id = 10_000_000  # clear of the real objects' ids
    for offset in range(0, docs, BATCH):
        rows = []
        for i in range(offset, min(offset + BATCH, docs)):
            key, ct = types[i % len(types)]
            title = _sentence(rng, rng.randint(3, 7), rare_p=0.004)
            extra = _sentence(rng, rng.randint(2, 6))
            body = _sentence(rng, rng.randint(20, 45), rare_p=0.006)
            day = start + dt.timedelta(days=rng.randrange(4000))
            rows.append(
                SearchEntry(
                    type_key=key,
                    content_type_id=ct,
                    object_id=first_id + i,
                    group=f"bench:{i}",
                    municipality_id=kommunen[i % len(kommunen)],
                    date=day,
                    year=day.year,
                    title=" ".join(title),
                    extra=" ".join(extra),
                    body=" ".join(body),
                    url=f"/bench/{i}/",
                    folded_title=" ".join(folded[w] for w in title),
                    folded_extra=" ".join(folded[w] for w in extra),
                    folded_body=" ".join(folded[w] for w in body),
                )
            )
        SearchEntry.objects.bulk_create(rows)
        if is_postgres():
            SearchEntry.objects.filter(
                object_id__gte=first_id + offset, object_id__lt=first_id + offset + BATCH
            ).update(vector=VECTOR)
    SearchWord.objects.bulk_create(
        [SearchWord(word=folded[w], display=w) for w in folded], ignore_conflicts=True
    )
    if is_postgres():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


PG_IDS_SQL = """
SELECT id FROM search_searchentry
WHERE vector @@ (websearch_to_tsquery('portal_german', %(q)s)
                 || to_tsquery('portal_german', %(prefix)s))
ORDER BY ts_rank(vector, websearch_to_tsquery('portal_german', %(q)s)
                 || to_tsquery('portal_german', %(prefix)s)) * {boost} DESC,
         date DESC NULLS LAST, id
LIMIT 20
"""
SQLITE_IDS_SQL = """
SELECT id FROM search_searchentry
WHERE folded_title LIKE %(like)s OR folded_extra LIKE %(like)s OR folded_body LIKE %(like)s
ORDER BY CASE WHEN folded_title LIKE %(like)s THEN 2.0 WHEN folded_extra LIKE %(like)s THEN 1.0
         ELSE 0.0 END + ({boost} - 1.0) / 10.0 DESC, date DESC, id
LIMIT 20
"""


def _boost_sql() -> str:
    """The types' boosts (search.query.boosts) as a CASE over type_key, written out."""
    from search.query import boosts

    whens = " ".join(
        f"WHEN type_key IN ({', '.join(repr(k) for k in keys)}) THEN {b}"
        for b, keys in sorted(boosts().items())
    )
    return f"(CASE {whens} ELSE 1.0 END)" if whens else "1.0"


def _raw_ids(word: str):
    from django.db import connection

    from search.normalise import fold

    folded = fold(word)
    if connection.vendor == "postgresql":
        sql, params = PG_IDS_SQL, {"q": folded, "prefix": f"'{folded}':*"}
    else:
        sql, params = SQLITE_IDS_SQL, {"like": f"%{folded}%"}
    sql = sql.format(boost=_boost_sql())

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    return fetch


def _check_same_ids(user, word: str, raw) -> int:
    """The page's 20 results are exactly the raw query's ids, in the same order."""
    from django.http import QueryDict

    from search.models import SearchEntry
    from search.selectors import search_page

    page = search_page(user=user, data=QueryDict(f"q={word}"))
    ids = raw()
    urls = dict(SearchEntry.objects.filter(pk__in=ids).values_list("pk", "url"))
    assert [r.url for r in page.results] == [urls[i] for i in ids], word
    return page.page.paginator.count


def _index_one(rounds: int) -> str:
    """Best time to (re)index one OZG service with its LeiKa names, against a plain UPDATE."""
    from django.db import connection, transaction

    from search.indexing import index_objects, type_by_key
    from search.models import SearchEntry

    stype = type_by_key("ozg.service")
    obj = stype.get_queryset().filter(leika__isnull=False).distinct().order_by("pk").first()
    entry = SearchEntry.objects.get(type_key=stype.key, object_id=obj.pk)

    def index():
        with transaction.atomic():
            index_objects(stype, stype.get_queryset().filter(pk=obj.pk))

    def plain():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchentry SET title = %s WHERE id = %s", [entry.title, entry.pk]
            )

    best = {"index": float("inf"), "plain": float("inf")}
    index(), plain()
    for _ in range(rounds):
        for name, fn in (("index", index), ("plain", plain)):
            started = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - started)
    return (
        f"search: indexing one document (OZG service {obj.ozg_id}, {obj.leika.count()} LeiKa "
        f"names) {best['index'] * 1000:.1f} ms, best of {rounds}, in the caller's "
        f"transaction; a plain one-row UPDATE of its entry {best['plain'] * 1000:.1f} ms "
        f"({best['index'] / best['plain']:.0f}×)"
    )


def run() -> list[str]:
    from members.bench_data import generate_kommunen
    from search.indexing import all_types, reindex_type
    from search.models import SearchEntry

    lines = []
    with scratch_database("search"):
        kommunen = generate_kommunen(kommunen=NRW)
        user = bench_user()
        client = bench_client(user)
        _, note = timed(
            "search: real content indexed (Kommunen, OZG catalogue with LeiKa)",
            lambda: [reindex_type(t) for t in all_types()],
        )
        lines.append(note)
        _, note = timed(
            f"search: {DOCS:,} documents generated into the index",
            lambda: generate(DOCS, kommunen),
        )
        lines.append(note)
        total = SearchEntry.objects.count()
        size = f"{total:,} docs"
        for word in (RARE, COMMON):
            raw = _raw_ids(word)
            matches = _check_same_ids(user, word, raw)
            share = f"{100 * matches / total:.0f} %"
            lines.append(
                measure(client, size, f"/suche/?q={word}", f"/suche/?q={word}", raw=raw,
                        rounds=max(3, ROUNDS // 3),
                        note=f"{matches:,} matches ({share}); raw SQL = the 20 ranked ids")
            )  # fmt: skip
        lines.append(_index_one(ROUNDS))
    return lines
