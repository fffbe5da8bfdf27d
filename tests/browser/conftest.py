"""Browser tests: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

Chromium is a system package (`apt-get install chromium`); Playwright never downloads a browser here. If Chromium
is missing the tests fail, they are never skipped.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import ROOT

CHROMIUM = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"streamlit was not healthy after {timeout}s:\n{log.read_text()}")


@contextmanager
def running_app(folder: Path):
    """Run the app on a free local port with a demo database in `folder`; yields its URL."""
    with serve(folder) as (url, _process):
        yield url


@contextmanager
def serve(folder: Path, script: Path | None = None, secrets: str | None = None, root: Path = ROOT):
    """Run `script` (default: the app) under `streamlit run` on a free local port; yields (URL, process).
    `secrets` is the text of a secrets.toml for this server, with {port} standing for its port. `root` is the
    checkout to run (another commit's, for benchmarks.compare)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = folder / "streamlit.log"
    events = folder / "events.toml"  # a copy, so that tests which edit events never touch the repository's file
    shutil.copy(root / "data" / "events.toml", events)
    env = {**os.environ, "DASHBOARD_DB": str(folder / "demo.duckdb"), "DASHBOARD_EVENTS": str(events)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script or root / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    if secrets is not None:
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(secrets.replace("{port}", str(port)))
        command += ["--secrets.files", str(secrets_file)]
    with open(log, "w") as handle:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, log)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The app on demo data, shared by the tests that only read."""
    with running_app(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture
def fresh_app_url(tmp_path):
    """A newly started app with its own database, for tests that change data or need a cold server. Its log's end
    is printed when it stops, which pytest shows only for a test that failed."""
    with running_app(tmp_path) as url:
        yield url
    log = (tmp_path / "streamlit.log").read_text(errors="replace").splitlines()
    print("The server's log, its last 40 lines:", *log[-40:], sep="\n")


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with 'apt-get install chromium' "
            "(or set DASHBOARD_CHROMIUM to its path)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def open_app(page: Page, url: str) -> None:
    """Go to a URL of the app and wait until the script has finished running (cold start included).

    On a fresh server's first request the app runs twice (app.context reruns once so that every page runs inside
    app.py), and between the two runs the app reports "notRunning" with nothing drawn yet. So the heading is awaited
    first and the finished state after it; the other way round a test could read a page still being drawn."""
    page.goto(url, timeout=120_000)
    page.wait_for_selector("h1", timeout=120_000)
    page.wait_for_selector(READY, timeout=60_000)
    wait_for_the_dashboards_script(page)


def wait_for_the_dashboards_script(page: Page) -> None:
    """The dashboard's script (ui/assets/dashboard.js) is a file the page fetches once drawn, so a click in the first
    moments after a page loads is an ordinary link's; wait until it has run (if the page has it)."""
    page.wait_for_function(
        "() => window.dashboardAppLinks === true || !document.querySelector('script[src^=\"/assets/dashboard.js\"]')",
        timeout=30_000,
    )


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def go_to(page: Page, name: str) -> None:
    """Click a page in the sidebar's menu (ui.menu) and wait for it to finish running."""
    link = page.get_by_role("navigation", name="Pages").get_by_role("link", name=name, exact=True)
    target = urlsplit(urljoin(page.url, link.get_attribute("href"))).path
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == target)  # the old page is "notRunning" too
    page.get_by_role("heading", level=1).wait_for()
    page.wait_for_selector(READY)


def wait_until_drawn(page: Page) -> None:
    """Wait until every image on the page (each chart is one) has loaded and been decoded, instead of a fixed pause."""
    page.wait_for_function(
        "() => Array.from(document.images).every(image => image.complete)", timeout=30_000, polling="raf"
    )
    page.evaluate("() => Promise.all(Array.from(document.images).map(image => image.decode().catch(() => null)))")


def sign_in(page: Page, url: str, username: str, password: str | None = None) -> None:
    """Sign in on the sign-in page (a demo account's password by default) and wait for the app to show it."""
    from accounts.demo import DEMO_ACCOUNTS

    page.goto(f"{url}/session/sign-in", timeout=120_000)  # a cold server prepares its database first
    submit_sign_in_form(page, username, password or DEMO_ACCOUNTS[username][2])
    page.wait_for_selector(READY)
    assert session_cookie(page) is not None  # set by the server with its redirect into the app


def submit_sign_in_form(page: Page, username: str, password: str, timeout: float = 120_000) -> None:
    """On the app's sign-in form: type the user name and password, sign in and wait until the app says so."""
    page.get_by_role("textbox", name="User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for(timeout=timeout)


def session_cookie(page: Page) -> str | None:
    """The value of the app's session cookie in this browser, or None."""
    return next((c["value"] for c in page.context.cookies() if c["name"] == "dashboard_session"), None)


def wait_for(condition, what: str, timeout: float = 10) -> None:
    """Poll `condition` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


SIZES = {"desktop": (1400, 1000), "tablet": (820, 1180), "phone": (390, 844)}


def screenshots_at_each_size(page: Page, name: str, show=None) -> None:
    """Screenshots of the page as it stands at desktop, tablet and phone widths (test-artifacts/{name}_{size}.png),
    with the sidebar closed on the two smaller, as they open it, and `show` (a locator) scrolled into view; waits
    until nothing is wider than the screen, and fails if something stays wider. Back at desktop width afterwards,
    the sidebar as it was."""
    sidebar = page.get_by_test_id("stSidebar")
    was_open = sidebar.get_attribute("data-collapsed") == "false"
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        if width < 1000 and sidebar.get_attribute("data-collapsed") == "false":
            sidebar.hover()  # the close button shows on hover
            page.get_by_role("button", name="Collapse sidebar").click()
            expect(sidebar).to_have_attribute("data-collapsed", "true")  # closed: hidden once its slide ends
        page.wait_for_function(
            """() => Math.max(document.documentElement.scrollWidth,
                              document.querySelector('[data-testid="stMain"]').scrollWidth) <= window.innerWidth"""
        )
        if show is not None:
            show.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}_{size}.png"))
    page.set_viewport_size({"width": SIZES["desktop"][0], "height": SIZES["desktop"][1]})
    if was_open and sidebar.get_attribute("data-collapsed") == "true":  # as it was, for the rest of the test
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
