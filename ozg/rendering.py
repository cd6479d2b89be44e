"""The matrix table body, built in Python: thousands of cells, so no template loop per cell.

Every cell shows the Reifegrad as number and short text (never colour alone); the colour
class is an extra. Names are escaped once per row.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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


def _cell_html() -> dict:
    states = dict(ImplementationState.choices)
    long = dict(Maturity.choices)
    short = short_labels()
    cells = {None: '<td class="ozg-cell ozg-cell--none">–</td>'}
    for level in Maturity.values:
        for state in ImplementationState.values:
            title = escape(f"{level} {long[level]} · {states[state]}")
            cells[(level, state)] = (
                f'<td class="ozg-cell ozg-cell--l{level}" title="{title}">'
                f"{level}&nbsp;{escape(short[level])}</td>"
            )
    return cells


def matrix_body(matrix: Matrix, *, service_url: str) -> SafeString:
    """`service_url` contains the placeholder 00000 for the OZG-ID."""
    cells = _cell_html()
    prefix, suffix = service_url.split("00000")
    parts = []
    append = parts.append
    for service, row in matrix.rows():
        append(
            f'<tr id="ozg-{service.ozg_id}"><th scope="row" class="ozg-matrix__service">'
            f'<a class="kern-link" href="{prefix}{service.ozg_id}{suffix}">{service.ozg_id}</a> '
            f"{escape(service.name)}</th>"
        )
        append("".join([cells[c] for c in row]))
        append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
