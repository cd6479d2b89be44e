"""Reading the index: parse the query, match, rank, facet, highlight, suggest.

PostgreSQL: full-text search on the folded text with the `portal_german` configuration
(german stemming, unaccent), `websearch_to_tsquery` syntax ("phrase", -word, OR), the last
word also as a prefix (the word being typed), ts_rank with the weights title A / details B /
text C times the type's boost, ts_headline snippets, and pg_trgm on the word list for
"Did you mean …?".

SQLite (the embedded default): a simpler matcher. Every word (or "quoted phrase") must occur
in the folded text as a substring, -word excludes; titles that contain the first word rank
first, then the newest. No stemming beyond substrings, no stop words; typos are not forgiven
in the matching, but "Did you mean …?" is offered from the index's word list (difflib instead
of pg_trgm, see `suggest`); the page says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Coalesce, Length, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.indexing import TS_CONFIG, all_types, is_postgres
from search.models import SearchEntry, SearchWord
from search.normalise import clean, fold, words

MAX_QUERY = 200
START, STOP = "⟦", "⟧"
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_PLAIN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class ParsedQuery:
    raw: str  # as typed (cleaned, shortened)
    folded: str
    shortened: bool = False
    terms: list[str] = field(default_factory=list)  # folded words/phrases to match
    excluded: list[str] = field(default_factory=list)
    prefix: str = ""  # the last word, matched as a prefix (PostgreSQL)

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse(q: str | None) -> ParsedQuery:
    raw = clean(q).strip()
    shortened = len(raw) > MAX_QUERY
    raw = raw[:MAX_QUERY]
    folded = fold(raw)
    parsed = ParsedQuery(raw=raw, folded=folded, shortened=shortened)
    for neg_phrase, phrase, neg_word, word in _TOKEN.findall(folded):
        target = parsed.excluded if (neg_phrase or neg_word) else parsed.terms
        if phrase:
            text = " ".join(_PLAIN.findall(phrase))
            if text:
                target.append(text)
            continue
        pieces = _PLAIN.findall(word)  # "E-Akte", "Stadt.Land.Digital": every piece must occur
        if pieces == ["or"]:
            continue
        if target is parsed.excluded:
            if pieces:
                target.append(" ".join(pieces))
        else:
            target.extend(pieces)
    last = _TOKEN.findall(folded)[-1] if _TOKEN.findall(folded) else None
    if last and not last[0] and not last[1] and not last[2] and not folded.endswith(" "):
        pieces = _PLAIN.findall(last[3])
        if pieces and last[3].rstrip(".,;:!?").endswith(pieces[-1]):
            parsed.prefix = pieces[-1]
    return parsed


def _unaccent_variant(text: str) -> str:
    """ae/oe/ue as a/o/u: how unaccent writes an umlaut (for highlighting original text)."""
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _tsquery(parsed: ParsedQuery, text: str) -> SearchQuery:
    query = SearchQuery(text, search_type="websearch", config=TS_CONFIG)
    if parsed.prefix:
        rest = text[: text.rfind(parsed.prefix)] if parsed.prefix in text else ""
        prefix = SearchQuery(f"'{parsed.prefix}':*", search_type="raw", config=TS_CONFIG)
        if rest.strip():
            prefix = SearchQuery(rest, search_type="websearch", config=TS_CONFIG) & prefix
        query = query | prefix
    return query


def visibility(user) -> Q:
    """Only what the person may open: the type's `visible` hook, applied in SQL."""
    condition = Q(pk__in=[])
    open_keys = []
    for stype in all_types():
        rule = stype.visible(user) if stype.visible else None
        if rule is None:
            open_keys.append(stype.key)
        else:
            condition |= Q(type_key=stype.key) & rule
    return condition | Q(type_key__in=open_keys)


def visible_entries(user):
    if not user.is_authenticated:
        return SearchEntry.objects.none()
    return SearchEntry.objects.filter(visibility(user))


@dataclass
class Matched:
    """``queryset``: the matching entries (for counts and facets: no rank computed);
    ``ranked(qs)`` adds the rank to a filtered ``queryset`` (for the one page shown)."""

    queryset: object
    rank: object = None
    headline_query: object = None
    is_postgres: bool = False

    def ranked(self, qs):
        return qs.annotate(rank=self.rank)


def boosts() -> dict[float, list[str]]:
    """The registered types' ``boost`` other than 1: {boost: [type keys]}."""
    found: dict[float, list[str]] = {}
    for stype in all_types():
        if stype.boost != 1:
            found.setdefault(float(stype.boost), []).append(stype.key)
    return found


def _boost_factor():
    whens = [When(type_key__in=keys, then=Value(b)) for b, keys in sorted(boosts().items())]
    if not whens:
        return Value(1.0)
    return Case(*whens, default=Value(1.0), output_field=FloatField())


def match(user, parsed: ParsedQuery) -> Matched:
    base = visible_entries(user)
    if is_postgres():
        query = _tsquery(parsed, parsed.folded)
        highlight = SearchQuery(parsed.raw, search_type="websearch", config=TS_CONFIG) | (
            _tsquery(parsed, _unaccent_variant(parsed.folded))
        )
        rank = SearchRank(F("vector"), query) * _boost_factor()
        return Matched(base.filter(vector=query), rank, highlight, True)
    qs = base
    for term in parsed.terms:
        qs = qs.filter(
            Q(folded_title__contains=term)
            | Q(folded_extra__contains=term)
            | Q(folded_body__contains=term)
        )
    for term in parsed.excluded:
        qs = qs.exclude(
            Q(folded_title__contains=term)
            | Q(folded_extra__contains=term)
            | Q(folded_body__contains=term)
        )
    first = parsed.terms[0] if parsed.terms else ""
    # tiers: the first word in the title, in the details, elsewhere; a boosted type first
    # within its tier
    rank = Case(
        When(folded_title__contains=first, then=Value(2.0)),
        When(folded_extra__contains=first, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    ) + (_boost_factor() - Value(1.0)) / Value(10.0)
    return Matched(qs, rank)


def order(qs, sort: str):
    if sort == "datum":
        return qs.order_by(F("date").desc(nulls_last=True), "-rank", "pk")
    return qs.order_by("-rank", F("date").desc(nulls_last=True), "pk")


def with_snippets(qs, matched: Matched):
    if matched.is_postgres:
        return qs.annotate(
            snippet=SearchHeadline(
                Coalesce(NullIf("body", Value("")), "extra"),
                matched.headline_query,
                config=TS_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=28,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    return qs


def render_marked(text: str) -> str:
    """Escape `text`, then turn the highlight markers into <mark> (safe HTML)."""
    out = []
    for i, part in enumerate(re.split(f"[{START}{STOP}]", text)):
        out.append(f"<mark>{escape(part)}</mark>" if i % 2 else escape(part))
    return mark_safe("".join(out))  # noqa: S308 – every part is escaped above


_fold_token = lru_cache(maxsize=8192)(fold)


def highlight(text: str, parsed: ParsedQuery, *, window: int | None = None) -> str:
    """The portal's own highlighter: words whose folded form contains a query term are
    marked; with `window`, only about that many words around the first hit are kept."""
    terms = [t for term in parsed.terms for t in term.split()]
    if parsed.prefix:
        terms.append(parsed.prefix)
    # a rough stem: "formulare" also marks "Formular" and "Formularserver"
    terms = [t[: max(4, len(t) - 2)] if len(t) > 5 else t for t in terms if len(t) >= 3]
    tokens = re.split(r"(\s+)", text)
    marked, first = [], None
    for token in tokens:
        hit = token.strip() and any(t in _fold_token(token) for t in terms if t)
        if hit and first is None:
            first = len(marked)
        marked.append(f"{START}{token}{STOP}" if hit else token)
    if window is not None:
        if first is None:
            first = 0
        start = max(0, first - window // 2)
        piece = "".join(marked[start : start + window * 2]).strip()
        prefix = "… " if start > 0 else ""
        suffix = " …" if start + window * 2 < len(marked) else ""
        return render_marked(prefix + piece + suffix)
    return render_marked("".join(marked))


def _most_similar_sqlite(word: str):
    """The SQLite fallback of pg_trgm: among the index words with the same first letter and
    a length within two letters (one indexed range read), the most similar one by difflib's
    ratio, if it is at least 0.8 (one or two letters swapped, missing or wrong)."""
    candidates = (
        SearchWord.objects.filter(word__gte=word[0], word__lt=chr(ord(word[0]) + 1))
        .annotate(length=Length("word"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .values_list("word", "display")
    )
    best, best_ratio = None, 0.8
    for candidate, display in candidates.iterator(chunk_size=2000):
        ratio = SequenceMatcher(None, word, candidate).ratio()
        if ratio > best_ratio or (ratio == best_ratio and best and candidate < best[0]):
            best, best_ratio = (candidate, display), ratio
    return best


def suggest(parsed: ParsedQuery) -> str | None:
    """'Did you mean …?': each word of the query replaced by the most similar word of the
    index, if that differs. PostgreSQL: pg_trgm similarity on the trigram-indexed word list;
    SQLite: difflib on the words of the same first letter and similar length. At most six
    words are looked at (one query each)."""
    if parsed.is_empty:
        return None
    original = _PLAIN.findall(parsed.raw)
    changed = False
    result = []
    for i, word in enumerate(words(parsed.raw)[:6]):
        shown = original[i] if i < len(original) else word
        if len(word) < 4:
            result.append(shown)
            continue
        if not is_postgres():
            best = _most_similar_sqlite(word)
        else:
            best = (
                SearchWord.objects.filter(word__trigram_similar=word)
                .annotate(similarity=TrigramSimilarity("word", word))
                .order_by("-similarity", "word")
                .values_list("word", "display")
                .first()
            )
        if best and best[0] != word:
            result.append(best[1])
            changed = True
        else:
            result.append(shown)
    return " ".join(result) if changed else None


def only_stop_words(parsed: ParsedQuery) -> bool:
    """True if PostgreSQL's german configuration drops every word of the query."""
    if not is_postgres() or parsed.is_empty:
        return False
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))", [TS_CONFIG, parsed.folded]
        )
        return cursor.fetchone()[0] == 0
