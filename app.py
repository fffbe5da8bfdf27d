"""Children's services improvement dashboard.

Run with:  streamlit run app.py

`streamlit run` reads this file twice over. Imported once, when the server starts, it gives the server (`app`, an
st.App) the dashboard's own HTTP middleware and routes (ui/web_server.py). Then Streamlit runs it as its main script
(`__name__ == "__main__"`) for every page view, which draws the page (ui/shell.py).
"""

import streamlit as st

if __name__ == "__main__":
    from ui.shell import run_page

    run_page()
else:
    from ui.web_server import keep_uploads_in_memory, middleware, routes

    keep_uploads_in_memory()
    app = st.App(__file__, middleware=middleware(), routes=routes())
