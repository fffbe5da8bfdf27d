"""The Overview page's HTML, drawn from domain.overview: one block, so that the browser lays it out in one go.

Three parts, side by side on a wide screen and one under another on a narrow one: the KPIs that need attention
(each with its sparkline, variation and assurance icons and the reason for its status), the BRAG count of each
workstream's KPIs, and what changed since last month. Every KPI links to its trend, every workstream to its page."""

from html import escape

from domain.brag import RATED_ORDER, Status
from domain.months import month_label
from domain.overview import Happening, Overview
from ui.app_links import anchor, href, kpi_link
from ui.html import STYLE, status_badge
from ui.plan_views import DETAIL
from ui.sparkline import SparklineSheet
from ui.spc_icons import assurance_icon, variation_icon

SHOWN_CHANGES = 4  # the rest are behind "Show N more", below the fold
SHOWN_ATTENTION = 5  # Red first: the worst are always above the fold, the rest one click away
CHANGE_ORDER = (
    "missed",
    "slipped",
    "special",
    "met",
    "completed",
    "colour",
    "dropped",
    "added",
    "closed",
    "opened",
)  # what most needs a member's eye first
COUNTED = (*reversed(RATED_ORDER), Status.NOT_RATED, Status.NO_DATA)

CSS = """
<style>
.overview { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0.5rem 2rem; }
.overview h2 { font-size: 1.2rem; margin: 0 0 0.3rem 0; padding: 0; line-height: 1.3; }
.overview ul { list-style: none; margin: 0; padding: 0; }
.attention { margin-bottom: 0.75rem !important; }
.attention li { display: grid; grid-template-columns: minmax(0, 1fr) 11.5rem; gap: 0 0.75rem;
  padding: 0.3rem 0; border-bottom: 1px solid #b1b4b6; align-items: start; }
.attention .status { font-size: 0.8rem; padding: 0 0.3rem; margin-right: 0.3rem; }
.attention .what { font-weight: 600; line-height: 1.35; }
.attention .why { display: block; font-size: 0.825rem; font-weight: 400; line-height: 1.3; margin-top: 0.1rem; }
.attention .side { display: flex; flex-direction: column; gap: 0.1rem; font-size: 0.8rem; }
.attention .verdicts { display: flex; flex-direction: column; gap: 0; }
.attention .spc-icon { width: 18px; height: 18px; }
.attention .verdicts span { display: inline-flex; align-items: center; gap: 0.25rem; white-space: nowrap; }
.overview a { color: #1d70b8; text-decoration: underline; }
.overview a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.overview .code { color: #505a5f; font-size: 0.85rem; font-weight: 400; margin-right: 0.3rem; }
.counts { border-collapse: collapse; width: 100%; font-size: 0.875rem; table-layout: fixed; margin-bottom: 0.25rem; }
.counts caption { text-align: left; font-weight: 600; font-size: 1.2rem; padding: 0 0 0.15rem 0; }
.counts th, .counts td { border-bottom: 1px solid #b1b4b6; padding: 0.05rem 0.3rem; text-align: left;
  line-height: 1.35; }
.counts tbody th { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-weight: 400; }
.counts tbody th, .counts tbody td { height: 24px; padding-top: 0; padding-bottom: 0; }
.counts td { text-align: right; font-variant-numeric: tabular-nums; }
.counts thead th { border-bottom: 2px solid #0b0c0c; text-align: right; font-size: 0.8rem; line-height: 1.2; }
.counts thead th:first-child { text-align: left; width: 42%; }
.counts .red { font-weight: 700; }
.changes li { padding: 0.05rem 0 0.05rem 1rem; text-indent: -1rem; font-size: 0.875rem; line-height: 1.35; }
.changes li::before { content: "– "; }
.overview details summary { cursor: pointer; color: #1d70b8; text-decoration: underline; font-size: 0.875rem;
  min-height: 24px; }
.spc-icon { vertical-align: middle; flex: none; }
@media (max-width: 1100px) { .overview { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 600px) {
  .attention li { grid-template-columns: minmax(0, 1fr); }
  .attention .side { align-items: flex-start; }
}
</style>
"""


def overview_html(overview: Overview, filters: dict) -> str:
    """The overview's three parts. `filters` are the query parameters every link keeps (month, workstreams)."""
    return (
        STYLE
        + CSS
        + '<div class="overview">'
        + f'<section aria-labelledby="attention-h">{_attention(overview, filters)}</section>'
        + f"<div><section>{_counts(overview, filters)}</section>"
        + f'<section class="changes" aria-labelledby="changes-h">{_changes(overview, filters)}</section></div></div>'
    )


def _attention(overview: Overview, filters: dict) -> str:
    title = f"Needs attention in {month_label(overview.month)}"
    if not overview.attention:
        return f'<h2 id="attention-h">{escape(title)}</h2><p>No KPI is Red or Amber this month.</p>'
    items, sparklines = [], SparklineSheet(overview.attention)
    for story, sparkline in zip(overview.attention, sparklines.cells, strict=True):
        kpi = story.kpi
        verdicts = [f"<span>{variation_icon(story)}{escape(story.direction)}</span>"]
        if story.assurance:
            verdicts.append(f"<span>{assurance_icon(story)}{escape(story.assurance)}</span>")
        items.append(
            "<li>"
            + f'<span class="what">{status_badge(story.status)}{kpi_link(kpi.code, kpi.title, **filters)}'
            + f'<span class="why">{escape(story.status_reason)}</span></span>'
            + f'<span class="side">{sparkline}<span class="verdicts">{"".join(verdicts)}</span></span>'
            + "</li>"
        )
    return (
        sparklines.style
        + f'<h2 id="attention-h">{escape(title)}</h2>'
        + _first_then_more(items, SHOWN_ATTENTION, "more Red or Amber KPIs", ' class="attention"')
    )


def _counts(overview: Overview, filters: dict) -> str:
    shown = [s for s in COUNTED if any(w.counts[s] for w in overview.workstreams)]
    head = "".join(f'<th scope="col">{escape(s.text)}</th>' for s in shown)
    rows = []
    for item in overview.workstreams:
        ws = item.workstream
        link = anchor(href("workstreams", DETAIL, open=ws.label, **filters), escape(ws.short))
        red = ' class="red"'
        cells = "".join(
            f"<td{red if s is Status.RED and item.counts[s] else ''}>{item.counts[s] or '–'}</td>" for s in shown
        )
        rows.append(f'<tr><th scope="row" title="{escape(ws.label)}">{link}</th>{cells}</tr>')
    return (
        f'<table class="counts"><caption>KPIs by workstream</caption><thead><tr><th scope="col">Workstream</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _changes(overview: Overview, filters: dict) -> str:
    title = f"Changed since {month_label(overview.previous)}"
    ordered = sorted(overview.changes, key=lambda c: CHANGE_ORDER.index(c.kind))
    if not ordered:
        quiet = "Nothing changed colour, no special cause is new, and no action slipped or was completed."
        return f'<h2 id="changes-h">{escape(title)}</h2><p>{quiet}</p>'
    labels = {w.workstream.code: w.workstream.label for w in overview.workstreams}
    items = [_change(c, filters, labels) for c in ordered]
    return f'<h2 id="changes-h">{escape(title)}</h2>' + _first_then_more(items, SHOWN_CHANGES, "more")


def _first_then_more(items: list[str], shown: int, more_words: str, list_class: str = "") -> str:
    """The first `shown` list items, and the rest behind "Show N <more_words>", closed (below the fold)."""
    html = f"<ul{list_class}>{''.join(items[:shown])}</ul>"
    if more := items[shown:]:
        summary = f"<summary>Show {len(more)} {more_words}</summary>"
        html += f"<details>{summary}<ul{list_class}>{''.join(more)}</ul></details>"
    return html


def _change(change: Happening, filters: dict, labels: dict[str, str]) -> str:
    if change.kpi is not None:
        return f"<li>{kpi_link(change.kpi.code, change.kpi.title, **filters)}: {escape(change.what)}</li>"
    if change.workstream not in labels:  # a workstream the plan has closed: no page of this month shows it
        return f"<li>{escape(change.text)}</li>"
    link = anchor(href("workstreams", DETAIL, open=labels.get(change.workstream), **filters), escape(change.subject))
    return f"<li>{link}: {escape(change.what)}</li>"
