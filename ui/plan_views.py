"""HTML tables for the Workstreams page: the overview, a workstream's impact measures and its actions."""

import datetime as dt
from html import escape

from domain.brag import Status
from domain.months import day_label, month_label, short_day_label
from domain.plan import ACTION_STATUSES, MEANINGS, Snapshot, is_overdue
from domain.workstream_progress import WorkstreamProgress
from ui.app_links import anchor, href, kpi_link
from ui.html import action_badge, status_badge, table
from ui.sparkline import SparklineSheet
from ui.spc_icons import variation_icon

SPARK_MONTHS = 24
DETAIL = "workstream-detail"  # the id of an opened workstream's heading, where its links take the focus


def overview_table(progress: list[WorkstreamProgress], month: dt.date, filters: dict) -> str:
    headers = (
        ["Workstream"]
        + [f"{s.value.symbol} {s.value.label} ({MEANINGS[s]})" for s in ACTION_STATUSES]
        + ["Overdue", "Worse than last snapshot", "Verdict"]
    )
    rows = []
    for item in progress:
        address = href("workstreams", DETAIL, open=item.workstream.label, **filters)
        cell = (
            f'<span class="code">{escape(item.workstream.code)}</span>'
            + anchor(address, escape(item.workstream.name))
            + f'<span class="note">{escape(item.workstream.owner)}</span>'
        )
        rows.append(
            [cell]
            + [str(item.counts[s]) for s in ACTION_STATUSES]
            + [str(len(item.overdue)), str(len(item.worsened)), escape(item.verdict)]
        )
    return table(
        f"Workstreams: actions by BRAG status, with impact, {month_label(month)}",
        headers,
        rows,
        numeric={1, 2, 3, 4, 5, 6},
        widths=[22, 10, 10, 10, 11, 8, 9, 20],
    )


def impact_table(item: WorkstreamProgress, month: dt.date, filters: dict) -> str:
    rows, sparklines = [], SparklineSheet([measure.row.story for measure in item.impact], SPARK_MONTHS)
    for measure, sparkline in zip(item.impact, sparklines.cells, strict=True):
        kpi, row = measure.kpi, measure.row
        moved_by = "; ".join(f"{a.action_id} (lead: {a.lead_officer or a.senior_officer})" for a in measure.actions)
        rows.append(
            [
                kpi_link(kpi.code, kpi.title, **filters),
                escape(row.value_text),
                f'<span class="verdict">{variation_icon(row.story)}{escape(measure.direction)}</span>',
                status_badge(row.status),
                sparkline,
                escape(moved_by or "Tagged impact in the catalogue; no action names it"),
            ]
        )
    return sparklines.style + table(
        f"{item.workstream.code} impact measures, {month_label(month)}",
        ["KPI", "Latest", "Direction", "Status", f"Last {SPARK_MONTHS} months", "Actions meant to move it"],
        rows,
        numeric={1},
        widths=[28, 9, 11, 13, 16, 23],
    )


def actions_table(item: WorkstreamProgress, snapshot: Snapshot, previous: Snapshot | None) -> str:
    worse = {change.action.action_id: change.before for change in item.worsened}
    order = {status: position for position, status in enumerate(ACTION_STATUSES)}
    rows = []
    for action in sorted(item.actions, key=lambda a: (order[a.status], a.due_date)):
        flags = []
        if is_overdue(action, snapshot.as_at):
            flags.append(f"Overdue (due {short_day_label(action.due_date)})")
        if action.action_id in worse:
            flags.append(f"Worse since {short_day_label(previous.as_at)}: was {worse[action.action_id].value.label}")
        owner = escape(action.senior_officer) + (
            f'<span class="note">Lead: {escape(action.lead_officer)}</span>' if action.lead_officer else ""
        )
        text = escape(action.action) + (
            f'<span class="note">Update: {escape(action.update)}</span>' if action.update else ""
        )
        percent = "—" if action.percent_complete is None else f"{action.percent_complete:g}%"
        rows.append(
            [
                f'<span class="code">{escape(action.action_id)}</span>',
                text,
                owner,
                escape(short_day_label(action.due_date)),
                action_badge(action.status),
                percent,
                escape("; ".join(flags)) or "—",
            ]
        )
    return table(
        f"{item.workstream.code} actions as at {day_label(snapshot.as_at)}, most urgent first",
        ["ID", "Action", "Owner", "Due", "Status", "Done", "Attention"],
        rows,
        numeric={5},
        widths=[8, 30, 17, 10, 14, 9, 12],
    )


def counts_table(history) -> str:
    rows = [
        [escape(day_label(snapshot.as_at))] + [str(counts[s]) for s in ACTION_STATUSES] + [str(sum(counts.values()))]
        for snapshot, counts in reversed(history)
    ]
    headers = ["Snapshot"] + [f"{s.value.symbol} {s.value.label}: {MEANINGS[s]}" for s in ACTION_STATUSES] + ["All"]
    return table("Actions by BRAG status in each snapshot, newest first", headers, rows, numeric={1, 2, 3, 4, 5})


def status_words(status: Status) -> str:
    return f"{status.value.label} ({MEANINGS[status]})"
