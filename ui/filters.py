"""The shared filters in the sidebar. Both are kept in the URL (?month=2026-10&workstream=WS07) to share a view."""

import datetime as dt

import streamlit as st

from domain.months import month_key, month_label, parse_month_key
from ui.context import Context

MONTH_KEY = "month"
WORKSTREAM_KEY = "workstream"


def show(context: Context) -> None:
    months = [month_key(m) for m in reversed(context.values.months)]
    with st.sidebar:
        st.header("Filters")
        if months:
            st.selectbox(
                "Month",
                months,
                format_func=lambda key: month_label(parse_month_key(key)),
                key=MONTH_KEY,
                bind="query-params",
                help="The month the scorecard shows. The latest month is shown first.",
            )
        st.multiselect(
            "Workstreams",
            list(context.workstreams),
            format_func=lambda code: context.workstreams[code].label,
            key=WORKSTREAM_KEY,
            bind="query-params",
            placeholder="All workstreams",
            help="Show only the KPIs of these improvement plan workstreams. Leave empty for all.",
        )


def selected_month(context: Context) -> dt.date | None:
    key = st.session_state.get(MONTH_KEY)
    if key:
        return parse_month_key(key)
    return context.values.months[-1] if context.values.months else None


def selected_workstreams() -> list[str]:
    return list(st.session_state.get(WORKSTREAM_KEY) or [])
