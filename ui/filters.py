"""The shared filters in the sidebar, kept in the URL so a view can be shared.

Streamlit's query-parameter binding stores a widget's displayed option in the URL, so the URL reads as the page
does: ?month=October+2026&workstream=WS07+Workforce%3A+recruitment... An unknown value in a URL is ignored.

A page shows only the filters that change it (ui.navigation.PageSpec.filters): a Month box on the Upload page would
do nothing. A filter a page does not show keeps its choice for the next page that does.
"""

import datetime as dt

import streamlit as st

from domain.councils import councils
from domain.months import month_label
from domain.workstreams import workstreams_in_plan
from ui.context import COUNCIL_KEY, Context
from ui.navigation import COUNCIL, MONTH, WORKSTREAMS
from ui.text import plain

MONTH_KEY = "month"
WORKSTREAM_KEY = "workstream"
KEYS = ((COUNCIL, COUNCIL_KEY), (MONTH, MONTH_KEY), (WORKSTREAMS, WORKSTREAM_KEY))  # each filter's session key
NEWEST_SEEN_KEY = "month_newest_seen"  # the newest month with figures when this session last drew a page


def follow_the_newest_month(context: Context) -> None:
    """A session on the newest month stays on the newest month: when an upload adds a later month (or a rollback
    takes the newest away), a session whose month was the newest moves to the new newest, in the box and in the
    URL. A session that chose an earlier month keeps it, unless that month is no longer loaded. Once per run, before
    the menu's links are written (ui.shell)."""
    months = [month_label(m) for m in reversed(context.values.months)]
    newest, seen = (months[0] if months else None), st.session_state.get(NEWEST_SEEN_KEY)
    st.session_state[NEWEST_SEEN_KEY] = newest
    chosen = st.session_state.get(MONTH_KEY) or st.query_params.get(MONTH_KEY)
    if chosen is None or newest is None or (chosen != seen and chosen in months):
        return
    st.session_state[MONTH_KEY] = newest  # it was the newest, or it is a month that has gone; the box's binding
    # writes it into the URL


def show(context: Context, wanted: frozenset[str]) -> None:
    """The filters in `wanted` (see ui.navigation), under a Filters heading; nothing if none."""
    months = [month_label(m) for m in reversed(context.values.months)]
    councils_held = len(context.councils) > 1  # a dashboard holding several councils' figures
    drawn = {
        COUNCIL: COUNCIL in wanted and councils_held,
        MONTH: MONTH in wanted and bool(months),
        WORKSTREAMS: WORKSTREAMS in wanted,
    }
    for name, key in KEYS:
        if not drawn[name] and key in st.session_state:  # not drawn here: written back, so that Streamlit's
            st.session_state[key] = st.session_state[key]  # clean-up of absent widgets cannot drop the choice
    if not any(drawn.values()):
        return
    with st.sidebar:
        st.header("Filters")
        if drawn[COUNCIL]:
            names = councils()
            labels = [names.label(code) for code in context.councils]
            st.selectbox(
                "Council",
                labels,
                index=labels.index(context.council_label),
                key=COUNCIL_KEY,
                bind="query-params",
                help="Whose figures every page shows. Published comparisons, events "
                "and committee packs are your own council's only.",
            )
        if drawn[MONTH]:
            st.selectbox(
                "Month",
                months,
                key=MONTH_KEY,
                bind="query-params",
                help="The month the scorecard shows. The latest month is shown first.",
            )
        if drawn[WORKSTREAMS]:
            st.multiselect(
                "Workstreams",
                [w.label for w in context.workstreams.values()],
                key=WORKSTREAM_KEY,
                bind="query-params",
                placeholder="All workstreams",
                help="Show only the KPIs of these improvement plan workstreams. Leave empty for all. A "
                "workstream the plan has closed, or added part-way, is shown only for its months in the plan "
                "(see Definitions).",
            )


def kept() -> dict[str, tuple[str, list[str] | str]]:
    """The filters chosen so far, as query parameters for links to other pages (ui.menu): {filter: (name, value)}."""
    chosen = {}
    for name, key in KEYS:
        value = st.session_state.get(key)
        if value is None:
            value = st.query_params.get_all(key) if name == WORKSTREAMS else st.query_params.get(key)
        if value:
            chosen[name] = (key, value)
    return chosen


def selected_month(context: Context) -> dt.date | None:
    """The month chosen in the sidebar, or the latest month with figures."""
    by_label = {month_label(m): m for m in context.values.months}
    chosen = by_label.get(st.session_state.get(MONTH_KEY))
    return chosen or context.values.newest


def month_or_stop(context: Context) -> dt.date:
    """The chosen month; where no figures have been loaded yet, says so and stops the page."""
    month = selected_month(context)
    if month is None:
        st.warning("No figures have been loaded yet. The performance team can upload the first monthly return.")
        st.stop()
    return month


def for_links(context: Context, month: dt.date, selected: list[str]) -> dict[str, str | list[str]]:
    """The query parameters a link from a page keeps, so the page it opens shows the same month and workstreams."""
    return {MONTH_KEY: month_label(month), WORKSTREAM_KEY: [context.workstreams[code].label for code in selected]}


def scope(context: Context, selected: list[str], month: dt.date | None = None) -> str:
    """The workstreams a page shows, in words: "all workstreams", or "2 of 9 workstreams" (of those in the plan in
    `month`, when the page is about one month)."""
    if not selected:
        return "all workstreams"
    chosen = workstreams_in_plan(context.workstreams, month, selected) if month else selected
    total = len(workstreams_in_plan(context.workstreams, month) if month else context.workstreams)
    return f"{len(chosen)} of {total} workstreams"


def say_which_are_not_in_the_plan(context: Context, month: dt.date, selected: list[str]) -> None:
    """On a page that lists a month's workstreams, says which of those chosen are not in the plan that month (a
    refreshed plan closed or added them: domain.workstreams), so a short or empty page is explained."""
    outside = [context.workstreams[code] for code in selected if not context.workstreams[code].in_plan(month)]
    if not outside:
        return
    left = len(outside) == len(selected)
    st.info(
        " ".join(plain(ws.not_in_plan_sentence(month)) for ws in outside)
        + (" None of the chosen workstreams is, so nothing is listed." if left and len(outside) > 1 else "")
        + (" Choose another month or workstream." if left else "")
    )


def selected_workstreams(context: Context) -> list[str]:
    """Codes of the workstreams chosen in the sidebar; empty means all."""
    by_label = {w.label: code for code, w in context.workstreams.items()}
    return [by_label[label] for label in st.session_state.get(WORKSTREAM_KEY) or [] if label in by_label]
