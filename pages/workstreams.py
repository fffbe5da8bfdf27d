"""Workstreams: each improvement plan workstream's actions (BRAG progress) beside the impact KPIs they should move."""

import streamlit as st

from domain.brag import Status
from domain.months import day_label, month_label
from domain.plan import counts_over_time, plural, previous_snapshot, progress_sentence, snapshot_to_show
from domain.workstream_progress import plan_summary, workstream_progress
from domain.workstreams import workstreams_in_plan
from ui import context as app_context
from ui import filters
from ui.html import STYLE
from ui.plan_charts import status_svg
from ui.plan_views import DETAIL, actions_table, counts_table, impact_table, overview_table, status_words
from ui.text import plain

context = app_context.load()
month = filters.selected_month(context)
selected = filters.selected_workstreams(context)
snapshots = app_context.plan_snapshots(context)

st.title("Improvement plan workstreams")
snapshot = snapshot_to_show(snapshots, month, context.values.newest) if month else None
if snapshot is None:
    st.warning(
        "No action log has been loaded for this month or before it. The performance team can upload the "
        "improvement plan's action log on the 'Upload action log' page."
    )
    st.stop()
previous = previous_snapshot(snapshots, snapshot)
filters.say_which_are_not_in_the_plan(context, month, selected)
chosen = workstreams_in_plan(context.workstreams, month, selected)
told = app_context.stories(context, month)
progress = [
    workstream_progress(ws, snapshot, previous, context.catalogue, context.values, month, told) for ws in chosen
]
keep = filters.for_links(context, month, selected)

kpis_for = f"KPIs for **{month_label(month)}**"
if snapshot.month > month:  # a log loaded before its month's return
    kpis_for += f", the latest month with figures ({month_label(snapshot.month)}'s return is not loaded yet)"
st.markdown(
    f"Action log as at **{day_label(snapshot.as_at)}**; {kpis_for}. " + plan_summary(progress, snapshot, previous)
)
st.caption(
    "An action's BRAG status is about delivery: "
    + ", ".join(status_words(s) for s in (Status.BLUE, Status.GREEN, Status.AMBER, Status.RED))
    + ". Impact is judged by the KPIs the actions are "
    "meant to move, with the scorecard's status and direction. The verdict is worked out from both."
)
st.html(STYLE + overview_table(progress, month, keep))

names = [ws.label for ws in chosen]
opened = st.selectbox(
    "Open a workstream",
    names,
    index=None,
    key="open",
    bind="query-params",
    placeholder="Choose a workstream, or follow its link above",
)
focus = [ws.code for ws in chosen if ws.label == opened] or [ws.code for ws in chosen]

history = counts_over_time(snapshots, focus if opened or selected else None, last=max(month, snapshot.month))
scope = opened or ("the chosen workstreams" if selected else "all workstreams")
st.subheader(f"Actions by status over time: {scope}")
sentence = progress_sentence(history)
st.markdown(sentence)
chart = status_svg(history, alt_text=f"Stacked bar chart of actions by status. {sentence}")
if chart:  # empty when no snapshot is chosen
    st.html(chart)
with st.expander("View as a table"):
    st.html(STYLE + counts_table(history))

if opened:
    item = next(p for p in progress if p.workstream.label == opened)
    ws = item.workstream
    st.header(ws.label, anchor=DETAIL)  # links to a workstream open here (ui.plan_views)
    st.markdown(f"**Senior responsible officer:** {plain(ws.owner)}  \n{plain(ws.description)}")
    st.markdown(f"**Verdict:** {plain(item.verdict)}")
    if item.needing_attention:
        st.markdown(
            "**Impact measures that need attention** (Red this month, or worsening)\n\n"
            + "\n".join(
                f"- **{plain(m.kpi.code)} {plain(m.kpi.title)}**: {plain(m.row.value_text)}, {m.row.status.text}, "
                f"direction of travel: {m.row.direction.lower()}. "
                + (
                    "Actions meant to move it: "
                    + "; ".join(plain(f"{a.action_id} (lead: {a.lead_officer or a.senior_officer})") for a in m.actions)
                    + "."
                    if m.actions
                    else f"No action names it; owned by the workstream's {plain(ws.owner)}."
                )
                for m in item.needing_attention
            )
        )
    st.subheader("Impact measures")
    if item.impact:
        st.html(STYLE + impact_table(item, month, keep))
    else:
        st.write("No impact measures are linked to this workstream's actions.")
    st.subheader("Actions")
    late = ", ".join(plain(a.action_id) for a in item.overdue)
    worse = ", ".join(
        f"{plain(c.action.action_id)} ({c.before.value.label} to {c.action.status.value.label})" for c in item.worsened
    )
    st.markdown(
        f"{plural(len(item.actions), 'action')}. "
        + (f"Overdue: {late}. " if late else "None overdue. ")
        + (
            f"Worse since {day_label(previous.as_at)}: {worse}."
            if worse
            else ("No status worsened since the previous snapshot." if previous else "")
        )
    )
    if item.actions:
        st.html(STYLE + actions_table(item, snapshot, previous))
    st.page_link(
        "pages/timeline.py",
        label=f"What happened to {ws.code}'s actions month by month, on the Timeline",
        query_params={"workstream": ws.label},
    )
