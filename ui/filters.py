"""The shared filters in the sidebar, kept in the URL so a view can be shared.

Streamlit's query-parameter binding stores a widget's displayed option in the URL, so the URL reads as the page
does: ?month=October+2026&workstream=WS07+Workforce%3A+recruitment... An unknown value in a URL is ignored.
"""

import datetime as dt

import streamlit as st

from domain.councils import councils
from domain.months import month_label
from ui.context import COUNCIL_KEY, Context

MONTH_KEY = "month"
WORKSTREAM_KEY = "workstream"


def show(context: Context) -> None:
    months = [month_label(m) for m in reversed(context.values.months)]
    with st.sidebar:
        st.header("Filters")
        if len(context.councils) > 1:  # a dashboard holding several councils' figures
            names = councils()
            labels = [names.label(code) for code in context.councils]
            st.selectbox("Council", labels, index=labels.index(context.council_label), key=COUNCIL_KEY,
                         bind="query-params", help="Whose figures every page shows. Published comparisons, events "
                         "and committee packs are your own council's only.")
        if months:
            st.selectbox(
                "Month",
                months,
                key=MONTH_KEY,
                bind="query-params",
                help="The month the scorecard shows. The latest month is shown first.",
            )
        st.multiselect(
            "Workstreams",
            [w.label for w in context.workstreams.values()],
            key=WORKSTREAM_KEY,
            bind="query-params",
            placeholder="All workstreams",
            help="Show only the KPIs of these improvement plan workstreams. Leave empty for all.",
        )


def selected_month(context: Context) -> dt.date | None:
    """The month chosen in the sidebar, or the latest month with figures."""
    by_label = {month_label(m): m for m in context.values.months}
    chosen = by_label.get(st.session_state.get(MONTH_KEY))
    return chosen or (context.values.months[-1] if context.values.months else None)


def selected_workstreams(context: Context) -> list[str]:
    """Codes of the workstreams chosen in the sidebar; empty means all."""
    by_label = {w.label: code for code, w in context.workstreams.items()}
    return [by_label[label] for label in st.session_state.get(WORKSTREAM_KEY) or [] if label in by_label]
