"""Overview (landing page): on one screen, what is going well, what is going badly and what changed this month."""

import streamlit as st

from domain.months import add_months, month_label
from domain.overview import build_overview
from domain.plan import previous_snapshot, snapshot_to_show
from ui import context as app_context
from ui import filters
from ui.overview_view import overview_html
from ui.text import plain

context = app_context.load()
selected = filters.selected_workstreams(context)
st.title("Overview")
month = filters.month_or_stop(context)
filters.say_which_are_not_in_the_plan(context, month, selected)
snapshots = app_context.plan_snapshots(context)
snapshot = snapshot_to_show(snapshots, month, context.values.newest)
overview = build_overview(
    context.catalogue,
    context.workstreams,
    month,
    app_context.stories(context, month),
    app_context.stories(context, add_months(month, -1)),
    selected,
    snapshot,
    previous_snapshot(snapshots, snapshot) if snapshot else None,
)
scope = filters.scope(context, selected, month)
st.markdown(f"**{month_label(month)}, {scope}.** {plain(overview.summary)}")
keep = filters.for_links(context, month, selected)
st.html(overview_html(overview, keep))
