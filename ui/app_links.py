"""Links from the dashboard's HTML tables to its other pages, opened inside the running app as the menu does.

A plain link reloads the browser: Streamlit starts again and a new session connects, which at a page's own address
also costs a second connection attempt (Streamlit issue #7074). The menu changes page inside the running app
instead, in about a third of the time. The dashboard's script (ui/assets/dashboard.js) gives links made by
`anchor()` the menu's behaviour: a click puts the link's address in the browser's history and tells Streamlit,
which opens that page with the link's query parameters, as it does for the Back and Forward buttons, then moves the
keyboard focus to the new page's main heading (a reload would start a screen reader at the top of the page).
Ctrl-, Shift- and middle-clicks, "open in new tab" and copying the link treat it as an ordinary link.
"""

from html import escape
from urllib.parse import urlencode

import streamlit as st

from ui import browser_script


def href(page: str, part: str = "", **params) -> str:
    """A page's address relative to the current one, with the query parameters that are set (lists repeated), and
    `part`: the id of the part of the page to show (ui.app_links moves the focus there)."""
    query = urlencode({key: value for key, value in params.items() if value}, doseq=True)
    return (f"{page}?{query}" if query else page) + (f"#{part}" if part else "")


def anchor(address: str, text_html: str) -> str:
    """A link to another page of the dashboard; `text_html` is escaped already."""
    return f'<a href="{escape(address)}" target="_self" data-app-link>{text_html}</a>'


def kpi_link(code: str, title: str, **params) -> str:
    """A KPI as the tables and the overview list it: its code, then its title linking to its trend page, with the
    query parameters (month, workstreams) the link keeps."""
    address = href("kpi", kpi=f"{code} {title}", **params)
    return f'<span class="code">{escape(code)}</span>' + anchor(address, escape(title))


def enable() -> None:
    """Once per run, from ui.shell: the dashboard's script (ui/assets/dashboard.js), which opens `anchor()` links
    inside the app, collapses the sidebar on a narrow screen and moves between chart points by keyboard. It is a
    file on the app's server, not an inline script, so the Content-Security-Policy allows no inline script; it adds
    itself only once per tab."""
    st.html(browser_script.script_tag(), unsafe_allow_javascript=True, width="content")
