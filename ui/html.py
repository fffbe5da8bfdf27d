"""Small, accessible HTML building blocks: semantic tables with captions and header cells, and status badges."""

from html import escape

from domain.brag import Status
from domain.plan import MEANINGS

STYLE = """
<style>
.kpi-table { border-collapse: collapse; width: 100%; font-size: 0.95rem; margin-bottom: 0.5rem; }
.kpi-table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
.kpi-table th, .kpi-table td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
.kpi-table thead th { border-bottom: 2px solid #0b0c0c; overflow-wrap: normal; hyphens: manual; }
.kpi-table .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.kpi-table th.num { white-space: normal; }
.kpi-table .code { color: #505a5f; font-size: 0.85rem; display: block; font-weight: 400; }
.kpi-table .note { color: #505a5f; font-size: 0.85rem; display: block; margin-top: 0.2rem; font-weight: 400; }
.status { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.25rem; font-weight: 700;
  white-space: nowrap; border: 2px solid #0b0c0c; }
.kpi-table a { color: #1d70b8; text-decoration: underline; }
.kpi-table a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.subtle { color: #505a5f; font-size: 0.875rem; margin: -0.25rem 0 0.75rem 0; }
.legend-title { margin: 0 0 0.25rem 0; }
.legend { list-style: none; padding: 0; margin: 0 0 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem; }
.legend li { margin: 0; }
.verdict { display: inline-flex; align-items: center; gap: 0.3rem; }
.kpi-table .note.verdict { display: flex; }
.spark { display: inline-block; width: 120px; max-width: 100%; aspect-ratio: 4 / 1; vertical-align: middle;
  background-size: 100% auto; background-repeat: no-repeat; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
.table-scroll { overflow-x: auto; margin-bottom: 0.5rem; }
.table-scroll:focus { outline: 3px solid #ffdd00; }
.table-scroll .kpi-table { min-width: 40rem; }
.scroll-cue { display: none; color: #505a5f; font-size: 0.85rem; margin: 0 0 0.25rem 0; }
@media (max-width: 700px) { .scroll-cue { display: block; } }
.scroll-cue:has(+ .table-scroll[data-overflows]) { display: block; }
.definition { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0; }
.definition summary { cursor: pointer; }
.definition summary:focus { outline: 3px solid #ffdd00; }
.definition .code { color: #505a5f; margin-right: 0.5rem; }
.definition pre { background: #f3f2f1; padding: 0.5rem; font-size: 0.85rem; white-space: pre-wrap;
  overflow-wrap: anywhere; }
</style>
"""


def heading(text: str, subtle: str = "", level: int = 3) -> str:
    """A section heading (styled like Streamlit's own) with an optional line of smaller grey text under it."""
    return f"<h{level}>{escape(text)}</h{level}>" + (f'<p class="subtle">{escape(subtle)}</p>' if subtle else "")


def status_badge(status: Status) -> str:
    style = status.value
    return (
        f'<span class="status" style="background:{style.background};color:{style.text}" '
        f'title="{escape(style.meaning)}">{escape(status.text)}</span>'
    )


def table(
    caption: str,
    headers: list[str],
    rows: list[list[str]],
    numeric: set[int] = frozenset(),
    widths: list[int] | None = None,
    line_up: bool = False,
) -> str:
    """An HTML table. Cells are HTML already (escape text before passing it); the first column heads each row.

    `widths` gives each column's share (percentages). The columns keep those shares where their words fit, and
    otherwise widen to their longest word, the table scrolling inside its box, rather than break words in the
    middle on a phone or tablet ("Administra tor"). Tables stacked on a page that must line up (the scorecard's
    workstreams, the definitions' topics) pass `line_up=True`: their shares are then fixed (choose them so that
    the words fit).
    """
    number_class = ' class="num"'
    head = "".join(
        f'<th scope="col"{number_class if position in numeric else ""}>{escape(h)}</th>'
        for position, h in enumerate(headers)
    )
    columns, layout = "", ""
    if widths:
        layout = ' style="table-layout:fixed"' if line_up else ""
        columns = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
    body = []
    for row in rows:
        cells = []
        for position, cell in enumerate(row):
            if position == 0:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                css = ' class="num"' if position in numeric else ""
                cells.append(f"<td{css}>{cell}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    # on a narrow screen the table keeps a readable width and scrolls inside its own box (by keyboard too: the
    # box takes focus), with a cue saying so
    return (
        f'<p class="scroll-cue" aria-hidden="true">Scroll the table sideways to see every column.</p>'
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="kpi-table"{layout}>'
        f"<caption>{escape(caption)}</caption>{columns}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        "</table></div>"
    )


def action_badge(status: Status) -> str:
    """An action's delivery status: shape, colour and meaning, e.g. '■ Red: off track'."""
    style = status.value
    return (
        f'<span class="status" style="background:{style.background};color:{style.text}">'
        f"{escape(status.text)}: {escape(MEANINGS[status])}</span>"
    )
