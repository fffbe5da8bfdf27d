"""Children's services improvement dashboard: navigation, shared filters and the demonstration-data notice.

Run with:  streamlit run app.py
"""

import streamlit as st

from domain.catalogue import CatalogueError
from domain.events import EventsError
from domain.workstreams import WorkstreamError
from ui import context as app_context
from ui import filters

APP_TITLE = "Children's services improvement dashboard"

st.set_page_config(page_title=APP_TITLE, layout="wide")

try:
    context = app_context.load()
except (CatalogueError, WorkstreamError, EventsError) as error:
    st.error(f"The dashboard's configuration has a problem, so no figures are shown. Please fix: {error}")
    st.stop()

navigation = st.navigation(
    {
        "Dashboard": [
            st.Page("pages/scorecard.py", title="Scorecard", url_path="scorecard", default=True),
            st.Page("pages/workstreams.py", title="Workstreams", url_path="workstreams"),
            st.Page("pages/kpi.py", title="KPI trend", url_path="kpi"),
            st.Page("pages/voice.py", title="Voice of children and families", url_path="voice"),
            st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
            st.Page("pages/definitions.py", title="Definitions", url_path="definitions"),
        ],
        "Performance team": [
            st.Page("pages/upload.py", title="Upload monthly return", url_path="upload"),
            st.Page("pages/upload_action_log.py", title="Upload action log", url_path="upload_action_log"),
            st.Page("pages/history.py", title="History", url_path="history"),
        ],
    }
)
st.set_page_config(page_title=f"{navigation.title} · {APP_TITLE}")  # a distinct title per page (WCAG 2.4.2)
filters.show(context)
if context.is_demo:
    st.info(
        "**Demonstration data.** The figures on this dashboard are invented for demonstration and testing. They "
        "follow the shape of Herefordshire's published statistics but are not real monthly figures."
    )
navigation.run()
