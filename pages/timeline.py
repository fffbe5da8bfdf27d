"""Timeline: the improvement events, in order, so members can see what happened before a line moved."""

from html import escape

import streamlit as st

from domain import paths
from domain.events import load_events
from ui import context as app_context
from ui.html import STYLE, table

app_context.load()
st.title("Timeline")
st.markdown(
    "The events of the improvement programme, oldest first. Each is drawn as a vertical line on every KPI trend "
    "chart, and limits can be recalculated from any of them on the KPI trend page. The performance team keeps the "
    "list in `data/events.toml`."
)
events = load_events(paths.events_path())
if not events:
    st.info("No events have been recorded yet.")
    st.stop()
rows = [[escape(e.date.strftime("%d %B %Y")), f"<strong>{escape(e.title)}</strong>"
         f'<span class="note">{escape(e.description)}</span>', escape(e.kind.replace("_", " ").capitalize()),
         escape(e.source)] for e in events]
st.html(STYLE + table("Improvement events", ["Date", "Event", "Kind", "Source"], rows, widths=[14, 50, 14, 22]))
