"""The matrix table, built in Python: thousands of cells, so no template loop per cell.

Every cell shows the Reifegrad as number and short text (never colour alone); the colour
class is an extra. The HTML of each possible cell is built once per request (translated
labels included), then the rows are joined from those strings: no template tag, filter or
gettext call per cell. Names are escaped once per row.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lippe_ikz.links import link_maker
from ozg.models import ImplementationState, Maturity
from ozg.selectors import Matrix


def short_labels() -> dict[int, str]:
    return {
        Maturity.OFFLINE: _("Offline"),
        Maturity.INFORMATION: _("Info"),
        Maturity.FORM_ASSISTANT: _("Form"),
        Maturity.ONLINE_SERVICE: _("Online"),
        Maturity.ONLINE_TRANSACTION: _("Transaction"),
    }


def cell_html() -> dict:
    """(maturity, state) → the finished <td>, for every combination; None → not recorded."""
    short = short_labels()
    cells = {None: '<td class="n">–</td>'}
    for level in Maturity.values:
        for state in ImplementationState.values:
            cells[(level, state)] = f'<td class="l{level}">{level}&nbsp;{escape(short[level])}</td>'
    return cells


def matrix_head(matrix: Matrix) -> SafeString:
    """The column headers, each Kommune linked to its page."""
    link = link_maker("members:municipality_detail")
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<th scope="col"><a class="kern-link" href="{link(k.slug)}">{escape(k.name)}</a></th>'
            for k in matrix.municipalities
        )
    )


def matrix_body(matrix: Matrix) -> SafeString:
    """The rows, each service linked to its page by its OZG-ID."""
    cells = cell_html()
    link = link_maker("ozg:service_detail", "ozg_id")
    join = "".join
    parts = [
        f'<tr id="ozg-{service.ozg_id}"><th scope="row">'
        f'<a class="kern-link" href="{link(service.ozg_id)}">{service.ozg_id}</a> '
        f"{escape(service.name)}</th>{join([cells[c] for c in row])}</tr>"
        for service, row in matrix.rows()
    ]
    return mark_safe(join(parts))  # noqa: S308 - every value above is escaped
