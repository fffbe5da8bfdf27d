"""Timeline: the improvement events, in order, and the improvement plan month by month (actions completed, slipped,
improved, added and removed), so members can see what happened before a line moved."""

from html import escape

import streamlit as st

from accounts.roles import Permission, can
from domain.events import KINDS, Event, EventsError, save_events
from domain.months import day_label
from domain.plan_history import plan_history
from ui import admin, auth, filters
from ui import context as app_context
from ui.html import STYLE, table
from ui.plan_history_view import plan_history_html
from ui.text import plain

context = app_context.load()
events = app_context.events(context)  # read before the heading: a slip in typing the file stops the page here
st.title("Timeline")
keeps_it = can(context.actor, Permission.CHANGE_DATA)
st.markdown(
    "The events of the improvement programme, oldest first. Each is drawn as a vertical line on every KPI trend "
    "chart; after a sustained change the performance team can re-base a KPI's limits from one of them on its KPI trend "
    "page. The performance team keeps the list"
    + (", below or in `data/events.toml`." if keeps_it else ".")  # where it is kept matters only to them
)
if not context.is_home:
    st.info(
        f"The timeline is {app_context.home_label()}'s improvement programme; {context.council_label}'s events are "
        "not recorded here. Choose your own council in the Council filter to see them."
    )
elif not events:
    st.info("No events have been recorded yet.")
rows = [
    [
        escape(day_label(e.date)),
        f'<strong>{escape(e.title)}</strong><span class="note">{escape(e.description)}</span>',
        escape(e.kind.replace("_", " ").capitalize()),
        escape(e.source),
    ]
    for e in events
]
if rows:
    st.html(STYLE + table("Improvement events", ["Date", "Event", "Kind", "Source"], rows, widths=[14, 50, 14, 22]))

snapshots = app_context.plan_snapshots(context)
if snapshots:
    selected = filters.selected_workstreams(context)
    history = plan_history(snapshots, events if context.is_home else [], selected, context.workstreams)
    st.header("The improvement plan month by month")
    scope = filters.scope(context, selected)
    st.markdown(
        f"What happened to the actions of {scope} in each month's action log, newest first, beside the month's "
        "events: actions completed, slipped (a worse status, or newly past the due date), improved, added and "
        "removed. Months in which nothing happened are left out. Each action links to its workstream."
    )
    labels = {code: w.label for code, w in context.workstreams.items()}
    keep = {"workstream": [context.workstreams[c].label for c in selected]}
    st.html(plan_history_html(history, keep, labels))

if not keeps_it or not context.is_home:  # the events are our own council's
    st.stop()
st.header("Change the events (performance team)")
st.caption(
    "Every change keeps the previous version of the events file in data/events_history, and is recorded "
    "in the audit log."
)
if "events_saved" in st.session_state:
    st.success(st.session_state.pop("events_saved"))
# The forms are drawn only when asked for: events change a few times a year, and the forms (a date picker among
# them) were most of what the Timeline cost the performance team to draw on every visit.
if not st.toggle("Add or remove an event", key="change_events"):
    st.stop()

with st.form("add_event", clear_on_submit=True):
    st.subheader("Add an event")
    date = st.date_input("Date", value=None, format="DD/MM/YYYY", key="event_date")
    title = st.text_input("Title (shown on charts, up to 40 characters)", max_chars=40, key="event_title")
    kind = st.selectbox("Kind", KINDS, format_func=lambda k: k.replace("_", " ").capitalize(), key="event_kind")
    description = st.text_area("Description", key="event_description")
    source = st.text_input("Source (where the date comes from)", key="event_source")
    if st.form_submit_button("Add the event"):
        if date is None:
            st.error("Give the date.")
        else:
            try:
                save_events(
                    auth.settings().events,
                    [*events, Event(date, title.strip(), kind, description.strip(), source.strip())],
                    context.actor,
                    audit=lambda: admin.record(context.actor, "add event", f"event {date:%Y-%m-%d}", title.strip()),
                )
            except EventsError as problem:
                st.error(f"The event was not added: {plain(problem)}")
            else:
                st.session_state["events_saved"] = f"Added “{plain(title.strip())}” ({day_label(date)})."
                st.rerun()

with st.form("remove_event"):
    st.subheader("Remove an event")
    by_label = {event.label: event for event in reversed(events)}  # the first of two events alike is removed
    chosen = st.selectbox(
        "Event",
        [event.label for event in events],
        index=None,  # so that a choice the list no longer has goes back to none, not to the first event
        placeholder="Choose the event to remove",
        key="remove_choice",
    )
    sure = st.checkbox("I am sure: remove this event from every chart", key="remove_sure")
    if st.form_submit_button("Remove the event"):
        removed = by_label.get(chosen) if chosen else None  # by its label: the event shown is the event removed
        if removed is None:
            st.error(
                "Choose the event to remove. If you had chosen one, someone changed the events since this page "
                "was drawn and it is no longer in the list: nothing was removed."
            )
        elif not sure:
            st.error("Tick the box to confirm.")
        else:
            try:
                save_events(
                    auth.settings().events,
                    [e for e in events if e is not removed],
                    context.actor,
                    audit=lambda: admin.record(
                        context.actor, "remove event", f"event {removed.date:%Y-%m-%d}", removed.title
                    ),
                )
            except EventsError as problem:
                st.error(f"The event was not removed: {plain(problem)}")
            else:
                st.session_state["events_saved"] = f"Removed “{plain(removed.title)}” ({day_label(removed.date)})."
                st.rerun()
