"""The Timeline page's "month by month" list, drawn from domain.plan_history: one block of HTML, newest month first,
the latest months shown and the earlier ones one click away. Each action links to its workstream on the
Workstreams page; what happened is said in words (Completed, Slipped, ...), never by colour alone."""

from html import escape

from domain.months import month_label
from domain.plan import plural
from domain.plan_history import PlanMonth
from ui.app_links import anchor, href
from ui.plan_views import DETAIL

SHOWN_MONTHS = 12  # a year; the rest behind "Show the N earlier months"

CSS = """
<style>
.plan-history h3 { font-size: 1.05rem; margin: 0.9rem 0 0.1rem 0; padding: 0; }
.plan-history .summary { color: #505a5f; font-size: 0.9rem; margin: 0 0 0.2rem 0; }
.plan-history ul { margin: 0 0 0.3rem 0; padding-left: 1.2rem; }
.plan-history li { font-size: 0.95rem; margin: 0.15rem 0; }
.plan-history .kind { font-weight: 700; }
.plan-history .update { color: #505a5f; font-size: 0.875rem; display: block; }
.plan-history a { color: #1d70b8; text-decoration: underline; }
.plan-history a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.plan-history details > summary { cursor: pointer; color: #1d70b8; text-decoration: underline; margin-top: 0.8rem;
  min-height: 24px; }
</style>
"""


def plan_history_html(history: list[PlanMonth], filters: dict, labels: dict[str, str]) -> str:
    """`history` newest first; `filters` are the query parameters links keep; `labels` the workstreams' labels
    by code (the Workstreams page opens a workstream by its label)."""
    months = [_month(item, filters, labels) for item in history]
    html = "".join(months[:SHOWN_MONTHS])
    if earlier := months[SHOWN_MONTHS:]:
        more = plural(len(earlier), "earlier month")
        html += f"<details><summary>Show the {more}</summary>{''.join(earlier)}</details>"
    return CSS + f'<div class="plan-history">{html}</div>'


def _month(item: PlanMonth, filters: dict, labels: dict[str, str]) -> str:
    lines = [
        f'<li><span class="kind">Event:</span> {escape(e.title)}'
        f'<span class="update">{escape(e.description)}</span></li>'
        for e in item.events
    ]
    for milestone in item.milestones:
        action = milestone.action
        link = anchor(
            href("workstreams", DETAIL, open=labels.get(action.workstream), **filters),
            f"Action {escape(action.action_id)}",
        )
        update = f'<span class="update">{escape(action.update)}</span>' if action.update else ""
        lines.append(
            f'<li><span class="kind">{escape(milestone.kind.capitalize())}:</span> {link} '
            f"{escape(action.action)} ({escape(milestone.what)}){update}</li>"
        )
    items = f"<ul>{''.join(lines)}</ul>" if lines else ""
    summary = item.summary[0].upper() + item.summary[1:]
    return f'<h3>{escape(month_label(item.month))}</h3><p class="summary">{escape(summary)}.</p>{items}'
