"""Small, accessible HTML building blocks: semantic tables with captions and header cells, and status badges."""

from html import escape

from domain.brag import Status

STYLE = """
<style>
.kpi-table { border-collapse: collapse; width: 100%; font-size: 0.95rem; margin-bottom: 0.5rem; }
.kpi-table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
.kpi-table th, .kpi-table td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left;
  vertical-align: top; }
.kpi-table thead th { border-bottom: 2px solid #0b0c0c; }
.kpi-table td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.kpi-table .code { color: #505a5f; font-size: 0.85rem; display: block; }
.kpi-table .note { color: #505a5f; font-size: 0.85rem; display: block; margin-top: 0.2rem; }
.status { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.25rem; font-weight: 700;
  white-space: nowrap; border: 2px solid #0b0c0c; }
</style>
"""


def status_badge(status: Status) -> str:
    style = status.value
    return (
        f'<span class="status" style="background:{style.background};color:{style.text}" '
        f'title="{escape(style.meaning)}">{escape(status.text)}</span>'
    )


def table(caption: str, headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """An HTML table. Cells are HTML already (escape text before passing it); the first column heads each row."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
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
    return (
        f'<table class="kpi-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
