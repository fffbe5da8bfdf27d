// The dashboard's own script, loaded from the app's server (ui/browser_script.py) so the Content-Security-Policy
// need allow no inline script. Each part adds itself once per browser tab, however many times the page is drawn.
(() => {
"use strict";

// Links from the dashboard's HTML tables open their page inside the running app, as the menu does (ui/app_links.py);
// so does a relative link in Streamlit's Markdown (an address such as "sign_in?next=...", as ui/shell.py writes in a
// notice), which Streamlit would otherwise open in a new tab.
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
    const link = event.target instanceof Element
      ? event.target.closest('a[data-app-link], [data-testid="stMarkdownContainer"] a[href]') : null;
    if (link && !link.hasAttribute("data-app-link") && /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(link.getAttribute("href"))) {
      return;  // a Markdown link to another site, to a server address (/session/...) or within the page: as it is
    }
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

// A tablet held upright (about 820 px wide) or a phone: the sidebar would cover a third of the page, so it starts
// collapsed, once per browser tab (ui/page_style.py; Streamlit collapses it by itself only below 768 px).
const NARROW_SCREEN = 1024;
if (!window.dashboardSidebarChecked) {
  window.dashboardSidebarChecked = true;
  if (window.innerWidth <= NARROW_SCREEN && !sessionStorage.getItem("dashboardSidebarCollapsed")) {
    sessionStorage.setItem("dashboardSidebarCollapsed", "1");
    const collapse = (tries) => {
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]');
      if (button) { button.click(); return; }
      if (tries > 0) setTimeout(() => collapse(tries - 1), 100);
    };
    collapse(50);
  }
}

// A table wider than its box (ui/html.py) says so above it: "Scroll the table sideways to see every column". On a
// phone every table does (CSS alone); on a wider screen, one whose words do not fit, which is marked here. Marked
// again when the page is drawn again or its width changes (a window resized, the sidebar opened or closed). A chart
// wider than its box (ui/svg.py, on a phone) is marked the same way, and says "Scroll the chart sideways ...".
if (!window.dashboardTableCues) {
  window.dashboardTableCues = true;
  let timer;
  const watched = new WeakSet();
  const resized = new ResizeObserver(() => soon());
  const mark = () => {
    for (const box of document.querySelectorAll(".table-scroll, .svg-scroll")) {
      if (!watched.has(box)) { watched.add(box); resized.observe(box); }
      const overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows !== box.hasAttribute("data-overflows")) box.toggleAttribute("data-overflows", overflows);
    }
  };
  const soon = () => { clearTimeout(timer); timer = setTimeout(mark, 100); };
  new MutationObserver(soon).observe(document.body, {subtree: true, childList: true});
  soon();
}

// Chart points by keyboard: Tab reaches a chart's first point, the arrow keys, Home and End move between its points,
// Escape hides the text (ui/svg.py).
if (!window.dashboardChartKeys) {
  window.dashboardChartKeys = true;
  document.addEventListener("keydown", (event) => {
    const spot = event.target instanceof Element ? event.target.closest(".svg-chart .spot") : null;
    if (!spot) return;
    if (event.key === "Escape") { spot.setAttribute("data-quiet", ""); return; }
    const spots = [...spot.parentElement.querySelectorAll(".spot")];
    const at = spots.indexOf(spot);
    const to = {ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0,
                End: spots.length - 1}[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = spots[Math.max(0, Math.min(spots.length - 1, to))];
    spots.forEach((s) => { s.tabIndex = s === next ? 0 : -1; s.removeAttribute("data-quiet"); });
    next.focus();
  }, true);
  document.addEventListener("focusout", (event) => {
    if (event.target instanceof Element && event.target.matches(".svg-chart .spot")) {
      event.target.removeAttribute("data-quiet");
    }
  });
}
})();
