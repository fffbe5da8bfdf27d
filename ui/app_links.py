"""Links from the dashboard's HTML tables to its other pages, opened inside the running app as the menu does.

A plain link reloads the browser: Streamlit starts again and a new session connects, which at a page's own address
also costs a second connection attempt (Streamlit issue #7074). The menu changes page inside the running app
instead, in about a third of the time. `enable()` gives links made by `anchor()` the menu's behaviour: a click puts
the link's address in the browser's history and tells Streamlit, which opens that page with the link's query
parameters, as it does for the Back and Forward buttons, then moves the keyboard focus to the new page's main
heading (a reload would start a screen reader at the top of the page). Ctrl-, Shift- and middle-clicks, "open in
new tab" and copying the link treat it as an ordinary link.
"""

from html import escape
from urllib.parse import urlencode

import streamlit as st

SCRIPT = """<script>
if (!window.dashboardAppLinks) {
  window.dashboardAppLinks = true;
  // Once the new page has been drawn (the app idle and nothing changed for 200 ms after the first change), move the
  // focus to its main heading, where a reload would start a screen reader. A quick run can start and finish within
  // one browser frame, so the app's "running" state is not always seen: quiet is the sign it has finished.
  // A link to a part of a page (an address ending #id, e.g. a workstream's detail) moves the focus there instead,
  // scrolled into view.
  const focusHeadingWhenDrawn = (partId) => {
    let timer, done = false;
    const finish = () => { done = true; clearTimeout(timer); observer.disconnect(); };
    const check = () => {
      const state = document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state");
      const heading = partId ? document.getElementById(partId) : document.querySelector('[data-testid="stMain"] h1');
      if (state !== "notRunning" || !heading) { timer = setTimeout(check, 200); return; }
      finish();
      heading.setAttribute("tabindex", "-1");
      heading.focus({preventScroll: true});
      heading.scrollIntoView({block: "start"});
    };
    const observer = new MutationObserver(() => {
      if (!done) { clearTimeout(timer); timer = setTimeout(check, 200); }
    });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(finish, 15000);
  };
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-app-link]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey) return;
    const target = new URL(link.href);
    if (target.origin !== window.location.origin) return;
    event.preventDefault();
    window.history.pushState(null, "", target.pathname + target.search + target.hash);
    focusHeadingWhenDrawn(decodeURIComponent(target.hash.slice(1)));
    window.dispatchEvent(new PopStateEvent("popstate"));
  });
}
</script>"""


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


def enable(other_scripts: str = "") -> None:
    """Once per run, from ui.shell: the script that opens `anchor()` links inside the app (it adds itself only
    once), with the page's `other_scripts` in the same element (each element costs the browser time to draw)."""
    st.html(SCRIPT + other_scripts, unsafe_allow_javascript=True, width="content")
