"""Benchmark: how fast each page is ready in headless Chromium, against an empty Streamlit page.

    python -m benchmarks.pages [--repeat 5] [--national national.duckdb | --demo-only]

Starts an empty Streamlit app, the app on a fresh demo database, and the app on a national-scale database
(benchmarks.national_data: generated unless given) on free local ports, then measures for each page the time from
navigation to the page being ready (the script has finished and the page's content is shown; timed inside the page):
cold (a new browser with an empty cache) and warm (the median of later visits from the same browser, each in a new
tab and so a new Streamlit session). The first page measured also pays for building the demo database. Also:
the time for a month change on the scorecard to re-render, the time from clicking a KPI's title on the scorecard to
its trend, the server's memory, and the database query a page runs.
Prints a table with each page's warm time as a ratio to the empty page's: each warm visit is followed by a visit to the
empty page, and the ratio is the median of those pairs' ratios, as the machine's speed drifts within a run; beside
it, the middle half of those ratios (first to third quartile), which says how far one run can be trusted. A page at
its own address (/kpi, not /) is also compared with an empty page at a second page's address, which costs Streamlit
an extra connection attempt (see empty_app.py); and every page is also compared with the empty page served with the
dashboard's security headers (empty_app_secured.py), which separates what a page's drawing costs from what the
security policy costs. Needs Chromium (apt-get install chromium).
"""

import argparse
import json
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from accounts import sessions
from benchmarks.national_data import generate
from database.connection import open_store
from domain.store import current_rows
from domain.values import ValueIndex
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, READY, serve

# Made at run time (a secret written in the repository is refused), so the benchmark can hand the browser a signed-in
# cookie.
SECRET = secrets.token_urlsafe(48)
PAGES = [  # measured signed in as the performance team (every page allowed), except the public scorecard
    ("Overview", "/", ".overview .counts caption"),
    ("Scorecard", "/scorecard", "table caption"),
    ("Workstreams", "/workstreams", "table caption"),
    ("Committee packs", "/packs", "h1"),
    ("KPI trend", "/kpi?kpi=WF03+Agency+social+worker+rate", ".trend-chart img"),
    ("Voice of children and families", "/voice", "figure.statement"),
    ("Timeline", "/timeline", "table caption"),
    ("Definitions", "/definitions", "table caption"),
    ("Upload", "/upload", "[data-testid='stFileUploader']"),
    ("History", "/history", "table caption"),
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# Timed inside the page, not by polling from outside: Playwright's waits poll with growing intervals (up to 500 ms),
# which made a page look ~400 ms slower whenever its content came just after a poll. An observer in the page records
# the moment (ms since navigation started) the page's content is shown and its script has finished.
READY_OBSERVER = """
(() => {
  const selector = %s;
  const check = () => {
    if (window.__benchmarkReady !== undefined) return;
    const app = document.querySelector('[data-testid="stApp"]');
    // on a fresh server the app runs twice, "notRunning" in between with nothing drawn: the content must be there too
    if (app && app.getAttribute("data-test-script-state") === "notRunning" && document.querySelector(selector)) {
      window.__benchmarkReady = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def visit(context, url: str, ready_selector: str) -> float:
    """Open `url` in a new tab of `context`; seconds from navigation start until the page is ready."""
    page = context.new_page()
    page.add_init_script(READY_OBSERVER % json.dumps(ready_selector))
    page.goto(url)
    page.wait_for_function("() => window.__benchmarkReady !== undefined", timeout=120_000)
    elapsed = page.evaluate("() => window.__benchmarkReady") / 1000
    page.close()
    return elapsed


class Timing(NamedTuple):
    """One page's times (seconds) and ratios to the empty page, each ratio the median over the warm rounds."""

    cold: float
    warm: float
    empty: float  # the empty page at "/", visited straight after each warm visit
    ratio: float  # to the empty page at "/": the issue's measure
    ratio_spread: tuple[float, float]  # the middle half of the rounds' ratios to the empty page at "/"
    ratio_alike: float  # to the empty page at an address like the page's: "/" for "/", else a second page's
    ratio_secured: float  # to the empty page with the dashboard's security headers, at an address like the page's


def cold_and_warm(
    browser, url: str, ready_selector: str, repeat: int, empty_visit, secured_visit, signed_in: bool = True
) -> Timing:
    """Cold: a new browser (empty cache), first visit. Warm: later visits in the same browser, each a new tab and
    so a new Streamlit session, as when a member comes back to the dashboard. Signed in (a session cookie, as after
    signing in) as the demo performance officer unless `signed_in` is False.

    Each warm visit is followed at once by a visit to the empty page at "/" (`empty_visit("/")`) and, for a page at
    its own address, one at a second page's address (`empty_visit("/second")`); then one to the empty page served
    with the dashboard's security headers at an address like the page's (`secured_visit`). Ratios are medians of
    each round's ratio: this machine's speed drifts by 20-40% within a run, and a round shares the same moment."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    if signed_in:
        token = sessions.issue(SECRET.encode(), "demo.performance", 0, "demo account")
        context.add_cookies([{"name": sessions.COOKIE_NAME, "value": token, "url": url}])
    at_root = urlsplit(url).path in ("", "/")
    cold = visit(context, url, ready_selector)
    rounds = []
    for _ in range(repeat):
        page, empty = visit(context, url, ready_selector), empty_visit("/")
        like_the_page = "/" if at_root else "/second"
        alike = empty if at_root else empty_visit(like_the_page)
        rounds.append((page, empty, alike, secured_visit(like_the_page)))
    context.close()
    return Timing(
        cold,
        statistics.median(page for page, *_ in rounds),
        statistics.median(empty for _, empty, *_ in rounds),
        statistics.median(page / empty for page, empty, *_ in rounds),
        middle_half([page / empty for page, empty, *_ in rounds]),
        statistics.median(page / alike for page, _, alike, _ in rounds),
        statistics.median(page / secured for page, *_, secured in rounds),
    )


def middle_half(ratios: list[float]) -> tuple[float, float]:
    """The first and third quartiles of the rounds' ratios: where the middle half of them lie. A goal inside this
    range is neither met nor missed by this run; only more rounds (--repeat) can tell."""
    if len(ratios) < 2:
        return (ratios[0], ratios[0])
    low, _, high = statistics.quantiles(ratios, n=4, method="inclusive")
    return (low, high)


CHANGE_OBSERVER = """
(month) => {
  window.__changed = window.__clicked = undefined;
  if (window.__changeObserver) window.__changeObserver.disconnect();
  document.addEventListener("click", () => { window.__clicked = performance.now(); }, {capture: true, once: true});
  const check = () => {
    if (window.__changed !== undefined || window.__clicked === undefined) return;
    const app = document.querySelector('[data-testid="stApp"]');
    const caption = document.querySelector("table caption");
    if (app.getAttribute("data-test-script-state") === "notRunning" && caption && caption.textContent.includes(month)) {
      window.__changed = performance.now();
    }
  };
  window.__changeObserver = new MutationObserver(check);
  window.__changeObserver.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""


def filter_change(browser, url: str, repeat: int) -> float:
    """Seconds from clicking a month in the Month filter until the scorecard shows it (timed inside the page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("table caption", timeout=120_000)
    page.wait_for_selector(READY)
    times = []
    for month in ["March 2023", "October 2026", "September 2024", "January 2022", "June 2025"][:repeat]:
        box = page.get_by_role("combobox", name="Month")
        box.click()
        box.fill(month)
        option = page.get_by_role("option", name=month, exact=True)
        option.wait_for()
        page.evaluate(CHANGE_OBSERVER, month)
        option.click()
        page.wait_for_function("() => window.__changed !== undefined", timeout=30_000)
        times.append(page.evaluate("() => window.__changed - window.__clicked") / 1000)
    context.close()
    return statistics.median(times)


# Installed in every document of the tab, so that it also times a click that reloads the browser: the click's time
# and the moment the KPI's chart shows are kept in the tab's sessionStorage, as ms since 1970.
LINK_OBSERVER = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener("click", () => {
    sessionStorage.setItem("clickedAt", now()); sessionStorage.removeItem("openedAt");
  }, {capture: true});
  const check = () => {
    if (!sessionStorage.getItem("clickedAt") || sessionStorage.getItem("openedAt")) return;
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.getAttribute("data-test-script-state") === "notRunning";
    if (idle && document.querySelector(".trend-chart img")) {
      sessionStorage.setItem("openedAt", now());
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def link_click(browser, url: str, repeat: int) -> tuple[float, bool]:
    """Seconds from clicking a KPI's title on the scorecard until its trend chart shows (timed inside the page), and
    whether the page changed inside the running app rather than by reloading. The scorecard is opened afresh
    before each click."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(LINK_OBSERVER)
    times, in_app = [], True
    for _ in range(repeat):
        page.goto(url)
        page.wait_for_selector("table caption", timeout=120_000)
        page.wait_for_selector(READY)
        page.evaluate("() => { window.beforeTheClick = true; sessionStorage.clear(); }")
        # a staff measure, never hidden as a small number, so the public's trend page always draws its chart
        page.locator("table a", has_text="Agency social worker rate").first.click()
        page.wait_for_function("() => sessionStorage.getItem('openedAt') !== null", timeout=60_000)
        times.append(
            page.evaluate("() => sessionStorage.getItem('openedAt') - sessionStorage.getItem('clickedAt')") / 1000
        )
        in_app = in_app and page.evaluate("() => window.beforeTheClick === true")
    context.close()
    return statistics.median(times), in_app


def measure(browser, folder: Path, repeat: int, empty_visits, database: Path | None = None) -> dict:
    """Every page's cold and warm times, each warm visit paired with visits to the empty pages (`empty_visits`: the
    bare one and the one with the security headers), a month change, memory and the query, on the demo database or
    a copy of `database`."""
    if database is not None:
        folder.mkdir(parents=True)
        shutil.copy(database, folder / "demo.duckdb")  # the name serve() points the app at
    results = {}
    with serve(folder, secrets=f'[dashboard]\nsession_secret = "{SECRET}"\n') as (app_url, process):
        for name, path, selector in PAGES:
            if database is not None and name.startswith("Voice"):
                selector = "h1"  # generated data has no statements from families
            results[name] = cold_and_warm(browser, app_url + path, selector, repeat, *empty_visits)
        results["Scorecard, public view"] = cold_and_warm(
            browser, app_url + "/scorecard", "table caption", repeat, *empty_visits, signed_in=False
        )
        change = filter_change(browser, app_url + "/scorecard", repeat)
        link, in_app = link_click(browser, app_url + "/scorecard", repeat)
        memory = rss_mb(process.pid)
        with open_store(folder / "demo.duckdb") as con:
            query = statistics.median(timed(lambda: ValueIndex(current_rows(con))) for _ in range(repeat))
            size = con.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
    return {
        "pages": results,
        "change": change,
        "link": link,
        "in_app": in_app,
        "memory": memory,
        "query": query,
        "figures": size,
    }


def spread(low_high: tuple[float, float]) -> str:
    return f"{low_high[0]:.2f}-{low_high[1]:.2f}"


def report(title: str, measured: dict, empty_cold: float, goal: float) -> None:
    """The table: each page's warm time, the empty page's in the same rounds, and the median of the rounds' ratios
    (this machine's speed drifts by 20-40% over a run, which a single empty-page figure would put into every
    ratio), to the empty page at "/" and to the empty page at an address like the page's."""
    print(f"\n{title}: {measured['figures']:,} figures stored")
    print(
        f"{'page':<32}{'cold ms':>9}{'warm ms':>9}{'empty ms':>10}{'x empty':>9}{'middle half':>13}{'x alike':>9}"
        f"{'x secured':>11}"
    )
    empties = [timing.empty for timing in measured["pages"].values()]
    print(
        f"{'Empty Streamlit page':<32}{empty_cold * 1000:>9.0f}{statistics.median(empties) * 1000:>9.0f}"
        f"{'':>10}{1:>9.2f}{'':>13}{1:>9.2f}{'':>11}"
    )
    for name, timing in measured["pages"].items():
        print(
            f"{name:<32}{timing.cold * 1000:>9.0f}{timing.warm * 1000:>9.0f}{timing.empty * 1000:>10.0f}"
            f"{timing.ratio:>9.2f}{spread(timing.ratio_spread):>13}{timing.ratio_alike:>9.2f}"
            f"{timing.ratio_secured:>11.2f}"
            f"{'' if timing.ratio <= goal else '  over'}"
        )
    print(
        f"Goal: within {goal}x the empty page (x empty: median of the ratios of each visit to the page and the "
        "visit to the empty page at / made straight after it; x alike: the same, to an empty page at an address "
        "like the page's, /second for every page but the landing page; x secured: the same, to an empty page at an "
        "address like the page's served with the dashboard's security headers, as the dashboard's pages are; "
        "middle half: the first to the third quartile of the rounds' x empty, so a goal inside it is within this "
        "run's noise)"
    )
    print(f"Month change on the scorecard, click to re-rendered: {measured['change'] * 1000:.0f} ms")
    print(
        f"A KPI's title on the scorecard, click to its trend shown: {measured['link'] * 1000:.0f} ms "
        f"({'inside the running app' if measured['in_app'] else 'by reloading the browser'})"
    )
    print(f"Server memory after the run: {measured['memory']:.0f} MB")
    print(
        f"Database query behind every page (the council's current values, on a cache miss): "
        f"{measured['query'] * 1000:.1f} ms"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=5)
    arguments.add_argument(
        "--national",
        type=Path,
        help="a national-scale database made by benchmarks.national_data (default: generate one, about three minutes)",
    )
    arguments.add_argument("--demo-only", action="store_true", help="measure on the demo data only")
    args = arguments.parse_args()
    repeat = args.repeat
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        folder = Path(folder)
        national = args.national
        if not args.demo_only and national is None:
            national = folder / "national.duckdb"
            generate(national, 153, 120)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with (
            serve(folder / "empty", script=Path(__file__).with_name("empty_app.py")) as (empty_url, _),
            serve(folder / "secured", script=Path(__file__).with_name("empty_app_secured.py")) as (secured_url, _),
        ):
            empty_context = browser.new_context(viewport={"width": 1400, "height": 1000})
            secured_context = browser.new_context(viewport={"width": 1400, "height": 1000})
            empty_cold = visit(empty_context, empty_url, "h1")
            visit(secured_context, secured_url, "h1")  # its cold visit, not counted

            def empty_visit(path: str) -> float:
                return visit(empty_context, empty_url + path, "h1")

            def secured_visit(path: str) -> float:
                return visit(secured_context, secured_url + path, "h1")

            visits = (empty_visit, secured_visit)
            demo = measure(browser, folder / "demo", repeat, visits)
            at_scale = None if args.demo_only else measure(browser, folder / "national", repeat, visits, national)
        browser.close()
    print(f"Warm = median of {repeat} visits from the same browser, each a new tab and session")
    report("Demo data", demo, empty_cold, 1.3)
    if at_scale:
        report(
            "National scale (153 councils x 120 months x every KPI; the dashboard's own council shown)",
            at_scale,
            empty_cold,
            1.6,
        )


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
