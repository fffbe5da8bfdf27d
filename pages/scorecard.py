"""Scorecard: every KPI's latest figure and BRAG status, grouped by workstream."""

from html import escape

import streamlit as st

from domain.brag import RATED_ORDER, Status
from domain.months import month_label
from domain.scorecard import build_scorecard, summary_sentence
from domain.workstreams import workstreams_in_plan
from ui import context as app_context
from ui import filters
from ui.app_links import kpi_link
from ui.exports import safe_csv, scorecard_frame
from ui.html import STYLE, heading, status_badge, table
from ui.sparkline import SparklineSheet
from ui.spc_icons import assurance_icon, icon_key, variation_icon

HEADERS = ["KPI", "Latest", "Since last month", "Since last year", "Last 24 months", "Direction", "Target", "Status"]
WIDTHS = [21, 8, 8, 8, 13, 14, 14, 14]

context = app_context.load()
selected = filters.selected_workstreams(context)
st.title("Scorecard")
month = filters.month_or_stop(context)
filters.say_which_are_not_in_the_plan(context, month, selected)

tag_labels = {meaning.split(":")[0]: tag for tag, meaning in context.catalogue.tags.items()}
chosen_tags = []
if tag_labels:
    chosen_labels = st.multiselect(
        "Show only KPIs tagged",
        list(tag_labels),
        key="tag",
        bind="query-params",
        placeholder="All KPIs",
        help="; ".join(context.catalogue.tags.values()),
    )
    chosen_tags = [tag_labels[label] for label in chosen_labels]
rows = build_scorecard(
    context.catalogue,
    context.workstreams,
    context.values,
    month,
    selected,
    chosen_tags,
    told=app_context.stories(context, month),
)
scope = filters.scope(context, selected, month)
if chosen_tags:
    scope += ", KPIs tagged " + " or ".join(label for label, tag in tag_labels.items() if tag in chosen_tags)
st.markdown(f"**{month_label(month)}**, {scope}. {summary_sentence(rows, month)}")
st.caption(app_context.sources_line(context, month))

export = scorecard_frame(rows, context.workstreams, month)
st.download_button(
    "Download this scorecard (CSV)",
    safe_csv(export),
    mime="text/csv",
    on_click="ignore",  # a download does not run the page again (ui/download_guard.py)
    file_name=f"scorecard_{month:%Y-%m}.csv",
    help="The KPIs shown, with the workstream and tag filters applied.",
)

KEY = (*reversed(RATED_ORDER), Status.NOT_RATED, Status.NO_DATA) + (
    (Status.SUPPRESSED,) if context.values.suppressed else ()
)
legend = "".join(f"<li>{status_badge(s)} {escape(s.value.meaning)}</li>" for s in KEY)
st.html(
    STYLE
    + '<p class="legend-title"><strong>Key</strong> (see Definitions for how each status is worked out)</p>'
    + f'<ul class="legend">{legend}</ul>'
    + '<p class="legend-title"><strong>Direction and target icons</strong> (statistical process control, as in '
    "NHS England's <em>Making Data Count</em>)</p>" + f'<ul class="legend">{icon_key()}</ul>'
)

keep = filters.for_links(context, month, selected)
for workstream in workstreams_in_plan(context.workstreams, month, selected):
    code = workstream.code
    group = [row for row in rows if row.workstream == code]
    # one HTML block per workstream (heading, owner, table): each Streamlit element costs the browser time to draw
    head = heading(workstream.label, f"Senior responsible officer: {workstream.owner}")
    if not group:
        empty = "No KPIs with the chosen tags." if chosen_tags else "No KPIs are linked to this workstream yet."
        st.html(STYLE + head + f"<p>{empty}</p>")
        continue
    cells, sparklines = [], SparklineSheet([row.story for row in group])
    for row, sparkline in zip(group, sparklines.cells, strict=True):
        kpi_cell = kpi_link(row.kpi.code, row.kpi.title, **keep)
        if row.commentary:
            kpi_cell += f'<span class="note">Commentary: {escape(row.commentary)}</span>'
        cells.append(
            [
                kpi_cell,
                escape(row.value_text),
                escape(row.change_month_text),
                escape(row.change_year_text),
                sparkline,
                f'<span class="verdict">{variation_icon(row.story)}{escape(row.direction)}</span>',
                escape(row.target_text)
                + (
                    f'<span class="note verdict">{assurance_icon(row.story)}{escape(row.story.assurance)}</span>'
                    if row.story.assurance
                    else ""
                ),
                status_badge(row.status),
            ]
        )
    st.html(
        STYLE
        + sparklines.style
        + head
        + table(
            f"{workstream.label}: KPIs for {month_label(month)}",
            HEADERS,
            cells,
            numeric={1, 2, 3},
            widths=WIDTHS,
            line_up=True,
        )
    )
