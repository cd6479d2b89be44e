"""The rows of the Kommunen list, built in Python: up to 396 rows at NRW size, so no template
loop with a URL reversal, a filter and a translated label per row (that loop was 90 % of the
page's time; see docs/benchmarks.md).

The output is the same as the former template loop's: the same cells, escaped the same way
(Django's `escape` is `html.escape`), the population grouped like `de_number`, the date like
`|date:"SHORT_DATE_FORMAT"`, in the active language.
"""

from html import escape

from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString, mark_safe

from lippe_ikz.links import link_maker
from lippe_ikz.templatetags.portal import de_number
from members.models import Municipality
from members.selectors import MunicipalityRow


def _grouper():
    """A function that formats an integer like `de_number` (75.089 in German, 75,089 in
    English): the locale's separator every three digits, or `de_number` itself for a locale
    that groups otherwise."""
    separator = get_format("THOUSAND_SEPARATOR")
    if get_format("NUMBER_GROUPING") != 3:
        return de_number
    return lambda n: "" if n is None else f"{n:,}".replace(",", separator)


def municipality_rows_html(rows: list[MunicipalityRow]) -> SafeString:
    """The table rows (`<tr>`) of the Kommunen list."""
    link = link_maker("members:municipality_detail")
    kinds = {value: escape(str(label)) for value, label in Municipality.Kind.choices}
    group = _grouper()
    dates: dict = {}
    parts = []
    for row in rows:
        date = dates.get(row.population_date)
        if date is None:
            date = dates[row.population_date] = escape(
                date_format(row.population_date, "SHORT_DATE_FORMAT")
            )
        deputies = ", ".join([escape(name) for name in row.deputies]) if row.deputies else "–"
        parts.append(
            '<tr class="kern-table__row">\n'
            f'      <th class="kern-table__cell" scope="row"><a class="kern-link" '
            f'href="{link(row.slug)}">{escape(row.name)}</a></th>\n'
            f'      <td class="kern-table__cell">{kinds.get(row.kind, escape(row.kind))}</td>\n'
            f'      <td class="kern-table__cell kern-table__cell--numeric">'
            f"{group(row.population)}</td>\n"
            f'      <td class="kern-table__cell">{date}</td>\n'
            f'      <td class="kern-table__cell">{escape(row.cdo) if row.cdo else "–"}</td>\n'
            f'      <td class="kern-table__cell">{deputies}</td>\n'
            "    </tr>"
        )
    return mark_safe("\n    ".join(parts))  # noqa: S308 - every value is escaped
