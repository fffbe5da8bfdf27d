"""The menu of pages in the sidebar, drawn by the dashboard instead of Streamlit.

Streamlit's sectioned menu puts each section's heading inside the list of links (a list may hold only list items;
WCAG 1.3.1, Level A), and its markup cannot be changed. This menu is a <nav> with one heading and one list per
section; the current page is marked (aria-current and a visible bar, not colour alone); every link is a real link
that a keyboard reaches by Tab, opened inside the running app as ui.app_links does for the tables' links. The links
keep the sidebar's filters that the page they open uses, so a member moving between pages keeps the chosen month.
"""

from html import escape

import streamlit as st

from ui.app_links import href
from ui.navigation import SIGN_IN, MenuItem, sign_in_href

CSS = """
<style>
.app-menu h2 { font-size: 0.875rem; font-weight: 400; color: #505a5f; margin: 0.75rem 0 0.25rem 0; padding: 0; }
.app-menu h2:first-child { margin-top: 0; }
.app-menu ul { list-style: none; margin: 0; padding: 0; }
.app-menu li { margin: 0.1rem 0; }
.app-menu a { display: flex; align-items: center; min-height: 2rem; padding: 0.2rem 0.5rem; border-radius: 0.3rem;
  color: #0b0c0c; text-decoration: none; border-left: 4px solid transparent; }
.app-menu a:hover { background: rgba(151, 166, 195, 0.15); text-decoration: underline; }
.app-menu a[aria-current="page"] { background: rgba(151, 166, 195, 0.25); font-weight: 700;
  border-left-color: #1d70b8; }
.app-menu a:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c;
  box-shadow: inset 0 -4px 0 #0b0c0c; }
</style>
"""


def menu_html(items: list[MenuItem], current: str, kept: dict[str, list[str] | str], here: str = "/") -> str:
    """The menu for `items` (in section order), `current` being the title of the page shown. `kept` maps a
    filter (ui.navigation's COUNCIL, MONTH, WORKSTREAMS) to its query parameter's name and value. `here` is the
    address that signing in comes back to (ui.navigation.return_address): the Sign in link carries it."""
    sections: dict[str, list[MenuItem]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    parts = []
    for number, (section, links) in enumerate(sections.items()):
        entries = []
        for item in links:
            params = {name: value for key, (name, value) in kept.items() if key in item.filters}
            address = (
                sign_in_href(here)
                if item.url_path == SIGN_IN.url_path
                else href("./" if item.default else item.url_path, **params)
            )
            mark = ' aria-current="page"' if item.title == current else ""
            entries.append(
                f'<li><a href="{escape(address)}" target="_self" data-app-link{mark}>{escape(item.title)}</a></li>'
            )
        parts.append(
            f'<h2 id="menu-section-{number}">{escape(section)}</h2>'
            f'<ul aria-labelledby="menu-section-{number}">{"".join(entries)}</ul>'
        )
    return f'{CSS}<nav class="app-menu" aria-label="Pages">{"".join(parts)}</nav>'


def show(items: list[MenuItem], current: str, kept: dict, here: str = "/") -> None:
    with st.sidebar:
        st.html(menu_html(items, current, kept, here))
