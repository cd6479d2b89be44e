"""The landscape matrix built in Python (17 × 12 cells in Lippe, ~4,800 at NRW size): no
template loop per cell. Names are escaped once; every cell shows text, "–" where nothing is
recorded. The markup and CSS classes are those of the OZG matrix (ozg.css, ozg-matrix.js)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from landscape.selectors import LandscapeMatrix
from lippe_ikz.links import link_maker


def matrix_head(matrix: LandscapeMatrix) -> SafeString:
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(f'<th scope="col">{escape(c.name)}</th>' for c in matrix.categories)
    )


def matrix_body(matrix: LandscapeMatrix) -> SafeString:
    """The rows, each Kommune linked to its landscape."""
    link = link_maker("landscape:municipality")
    empty = '<td class="n">–</td>'
    cache: dict[tuple, str] = {}

    def cell(names) -> str:
        if not names:
            return empty
        key = tuple(names)
        html = cache.get(key)
        if html is None:
            html = cache[key] = f"<td>{escape(', '.join(names))}</td>"
        return html

    parts = [
        f'<tr><th scope="row"><a class="kern-link" href="{link(m.slug)}">'
        f"{escape(m.name)}</a></th>{''.join([cell(n) for n in row])}</tr>"
        for m, row in matrix.rows()
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
