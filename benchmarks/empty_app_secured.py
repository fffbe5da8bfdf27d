"""The empty page of empty_app.py, served as the dashboard serves its pages: through st.App with the dashboard's
security headers (ui/security_headers.py) on every response.

The headers cost a page view time before Streamlit draws anything: Cross-Origin-Opener-Policy puts the page in a
browsing context group of its own, so a tab that was showing another page (a new tab's blank page, the empty page
at another port) changes renderer. Measured against this page, a dashboard page's ratio is what its own drawing
costs; measured against the bare empty page, it is that plus the security policy (docs/benchmarks.md, issue 19,
seventh round). Run from the repository's folder (as benchmarks.pages does), so that `ui` can be imported.
"""

import streamlit as st

if __name__ == "__main__":
    from benchmarks.empty_app import show

    show()
else:
    from starlette.middleware import Middleware

    from ui.security_headers import SecurityHeaders

    app = st.App(__file__, middleware=[Middleware(SecurityHeaders)])
