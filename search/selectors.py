"""The search page as one read: a fixed number of queries whatever the index size
(count, one page, the facets; plus, only when nothing is found, the suggestion)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _

from members.models import Municipality
from search import query as q_
from search.filters import SearchFilter
from search.indexing import all_types, is_postgres

PER_PAGE = 20


@dataclass
class Result:
    title: str
    type_label: str
    municipality: str
    date: object
    url: str
    snippet: str


@dataclass
class SearchPage:
    parsed: q_.ParsedQuery
    filterset: SearchFilter
    messages: list[str] = field(default_factory=list)
    page: object = None
    results: list[Result] = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    recent: list[Result] = field(default_factory=list)
    sort: str = "relevanz"
    full_text: bool = False


def _clean_params(data):
    """Drop facet values the form does not know (with a message) instead of failing."""
    filterset = SearchFilter(data, queryset=None)
    form = filterset.form
    if form.is_valid():
        return data, []
    cleaned = data.copy()
    for name in form.errors:
        cleaned.pop(name, None)
    return cleaned, [_("An unknown filter value was ignored.")]


def _results(rows, parsed, labels, names, *, postgres):
    out = []
    for row in rows:
        if postgres and getattr(row, "snippet", None):
            snippet = q_.render_marked(row.snippet)
        else:
            snippet = q_.highlight(row.body or row.extra, parsed, window=24)
        out.append(
            Result(
                title=q_.highlight(row.title, parsed),
                type_label=labels.get(row.type_key, row.type_key),
                municipality=names.get(row.municipality_id, ""),
                date=row.date,
                url=row.url,
                snippet=snippet,
            )
        )
    return out


def search_page(*, user, data) -> SearchPage:
    data, messages = _clean_params(data)
    parsed = q_.parse(data.get("q"))
    filterset = SearchFilter(data, queryset=q_.visible_entries(user))
    filterset.form.is_valid()
    sort = filterset.form.cleaned_data.get("sortierung") or "relevanz"
    page = SearchPage(parsed=parsed, filterset=filterset, messages=messages, sort=sort)
    page.full_text = is_postgres()
    labels = {t.key: str(t.label) for t in all_types()}
    kommunen = {
        pk: (name, slug)
        for pk, name, slug in Municipality.objects.values_list("pk", "name", "slug")
    }
    names = {pk: name for pk, (name, _slug) in kommunen.items()}
    if parsed.shortened:
        page.messages.append(
            _("Your search was shortened to its first %(n)d characters.") % {"n": q_.MAX_QUERY}
        )
    if parsed.is_empty:
        if parsed.raw:
            page.messages.append(_("Please search for a word: punctuation alone finds nothing."))
        recent = q_.visible_entries(user).order_by("-indexed_at", "-pk")[:10]
        page.recent = _results(recent, parsed, labels, names, postgres=False)
        return page

    matched = q_.match(user, parsed)
    filtered = filterset.filter_queryset(matched.queryset)
    page.facets, count = _facets(matched.queryset, filterset, labels, kommunen)
    ranked = q_.order(matched.ranked(filtered), sort)
    paginator = Paginator(ranked, PER_PAGE)
    paginator.count = count  # the type facet's counts add up to it: no COUNT query of its own
    page.page = paginator.get_page(data.get("seite"))
    start = (page.page.number - 1) * PER_PAGE
    rows = q_.with_snippets(ranked, matched)[start : start + PER_PAGE]
    page.results = _results(list(rows), parsed, labels, names, postgres=matched.is_postgres)
    if count == 0:
        page.suggestion = q_.suggest(parsed)
        if q_.only_stop_words(parsed):
            page.messages.append(
                _(
                    "Your search contains only very common words (such as “und”, “der”); "
                    "please add a more specific word."
                )
            )
    return page


def _facets(matched_qs, filterset, labels, kommunen) -> tuple[dict, int]:
    """Counts per type, Kommune and year (each facet ignores its own filter), and the number
    of results: the type facet's counts of the selected types (all types if none is).

    One scan of the matches, grouped by all three (a common word matches a quarter of the
    index, and each scan of it costs the full-text match again); each facet then adds up the
    groups that pass the other two filters."""
    cleaned = filterset.form.cleaned_data
    chosen_types = set(cleaned.get("typ") or ())
    chosen_kommune = cleaned.get("kommune")
    chosen_kommune = getattr(chosen_kommune, "pk", chosen_kommune)
    chosen_year = cleaned.get("jahr")
    groups = (
        matched_qs.order_by()
        .values_list("type_key", "municipality", "year")
        .annotate(n=Count("pk"))
        .values_list("type_key", "municipality", "year", "n")
    )
    types: Counter = Counter()
    counts: Counter = Counter()
    years: Counter = Counter()
    for type_key, municipality, year, n in groups:
        type_ok = not chosen_types or type_key in chosen_types
        kommune_ok = not chosen_kommune or municipality == chosen_kommune
        year_ok = not chosen_year or year == chosen_year
        if kommune_ok and year_ok:
            types[type_key] += n
        if type_ok and year_ok and municipality is not None:
            counts[municipality] += n
        if type_ok and kommune_ok and year is not None:
            years[year] += n
    counts = counts.items()
    years = years.items()
    selected_types = set(cleaned.get("typ") or ())
    known = {t.key for t in all_types()}
    count = sum(n for key, n in types.items() if key in (selected_types or known))
    facets = {
        "typ": [
            {
                "value": t.key,
                "label": labels[t.key],
                "count": types[t.key],
                "selected": t.key in selected_types,
            }
            for t in all_types()
            if t.key in types
        ],
        "kommune": sorted(
            (
                {"value": kommunen[pk][1], "label": kommunen[pk][0], "count": n}
                for pk, n in counts
                if pk in kommunen
            ),
            key=lambda f: f["label"],
        ),
        "jahr": sorted(
            ({"value": y, "label": str(y), "count": n} for y, n in years), key=lambda f: -f["value"]
        ),
    }
    return facets, count
