"""Load: 20 browser sessions browse at once while the performance team commits an upload.

Bounded in count (20 sessions; each opens one of three pages, the sessions taking them in turn, then the
scorecard again, at most 8 times, until the commit) and in time (7 minutes), local only. Half the sessions are the
public, half signed-in members. Afterwards every session must see the new figure (no stale
cache), no page may show an error, and the database must hold every earlier submission plus the new one.
"""

import asyncio
import secrets
import shutil
import sys
import time
from pathlib import Path

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright, expect

from accounts import sessions
from accounts.roles import Actor, Role
from accounts.users import add_account
from database.connection import open_store
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, READY, serve
from tests.browser.test_upload import revised_october
from tests.conftest import ROOT
from tests.event_loops import in_own_thread

pytestmark = pytest.mark.browser
SECRET = secrets.token_urlsafe(48)  # made at run time: a secret written in the repository is refused
SESSIONS = 20
MAX_ROUNDS = 8
TIME_LIMIT = 420
QA03 = "Family group conferences held"
MEMBER = "load.viewer"  # a scrutiny member's local account, added to the demo database before the server starts
PAGES = [
    "/scorecard?workstream=WS09+Voice+of+children+and+families&month=October+2026",
    "/kpi?kpi=QA03+Family+group+conferences+held",
    "/workstreams",
]
PROBLEMS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def submissions(db: Path) -> list[tuple]:
    with open_store(db) as con:
        return con.execute("SELECT submission_id, sha256, status FROM submissions ORDER BY 1").fetchall()


async def signed_in_context(browser, url: str, username: str | None):
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(120_000)  # 21 tabs share two cores
    if username:  # a local account: the upload below is a real one, which ends the demonstration accounts
        token = sessions.issue(SECRET.encode(), username, 1, "local account")
        await context.add_cookies([{"name": sessions.COOKIE_NAME, "value": token, "url": url}])
    return context


async def qa03_on_scorecard(page, url: str, expected: str | None = None) -> str:
    """QA03's figure on the scorecard. With `expected`, wait up to a minute for it: the tab keeps its Streamlit
    session across the reload, and a run of that session begun before the commit may still be drawing the figure it
    started with. A figure that never changes (a stale cache) is still reported as it is, and fails the test."""
    await page.goto(url + PAGES[0])
    await page.wait_for_selector(READY, timeout=120_000)
    row = page.locator("tr", has_text=QA03)
    await row.wait_for(timeout=60_000)
    figure = row.locator("td").first
    if expected is not None:
        try:
            await expect(figure).to_have_text(expected, timeout=60_000)
        except AssertionError:
            pass
    return (await figure.inner_text()).strip()


async def browse(contexts: dict, url: str, number: int, committed: asyncio.Event, report: dict) -> None:
    page = await contexts[MEMBER if number % 2 else None].new_page()  # a tab, and so a session, of its own
    rounds = 0
    first = PAGES[number % len(PAGES)]  # the sessions share out the pages, then all read the scorecard until committed
    while rounds < MAX_ROUNDS and not committed.is_set():
        for path in [first] if rounds == 0 else PAGES[:1]:
            await page.goto(url + path)
            await page.wait_for_selector(READY, timeout=120_000)
            try:  # as patient as the rest of the test: 21 tabs share two cores, and the upload holds the database
                await page.locator("h1").first.wait_for(timeout=120_000)
            except PlaywrightTimeout:  # say what the tab showed instead, and go on: the test fails on errors
                state = await page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
                shown = (await page.locator("body").inner_text())[:200].replace("\n", " ")
                report["errors"].append(f"session {number} {path}: no heading after 120 s (script {state}): {shown}")
                continue
            report["visited"].add((path, bool(number % 2)))
            if await page.locator(PROBLEMS).count():
                report["errors"].append(f"session {number} {path}: {await page.locator(PROBLEMS).first.inner_text()}")
        rounds += 1
        report["rounds"][number] = rounds
        report["log"].append(f"{time.monotonic() - report['t0']:6.1f}s session {number} round {rounds}")
    await committed.wait()
    report["after"][number] = await qa03_on_scorecard(page, url, expected="3" if number % 2 else "c")
    await page.close()


async def upload(db: Path, workbook: Path, started: asyncio.Event, committed: asyncio.Event, report: dict) -> None:
    """Commit the revised return with the loader's command line, a second process writing to the database the
    server is reading, the way a scheduled load would."""
    await started.wait()  # every session is browsing
    report["log"].append(f"{time.monotonic() - report['t0']:6.1f}s upload starts")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "loaders",
        "ingest",
        str(workbook),
        "--db",
        str(db),
        "--reason",
        "Load test: corrected count",
        "--confirm-warnings",
        "--user",
        "load.test",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    report["upload"] = (process.returncode, output.decode())
    committed.set()
    report["log"].append(f"{time.monotonic() - report['t0']:6.1f}s committed")


async def run(url: str, db: Path, workbook: Path) -> dict:
    report = {
        "errors": [],
        "visited": set(),
        "rounds": {},
        "after": {},
        "before": None,
        "log": [],
        "t0": time.monotonic(),
    }
    started, committed = asyncio.Event(), asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        first = await signed_in_context(browser, url, MEMBER)
        report["before"] = await qa03_on_scorecard(await first.new_page(), url)  # the server builds its database
        report["submissions before"] = submissions(db)
        # two browsers' worth of cookies and cache (the public, a member), shared by their tabs as in real use
        contexts = {
            None: await signed_in_context(browser, url, None),
            MEMBER: await signed_in_context(browser, url, MEMBER),
        }
        sessions_ = [asyncio.create_task(browse(contexts, url, n, committed, report)) for n in range(SESSIONS)]

        async def start_when_all_browse():
            while len(report["rounds"]) < SESSIONS:
                await asyncio.sleep(0.2)
            started.set()

        try:
            await asyncio.wait_for(
                asyncio.gather(start_when_all_browse(), upload(db, workbook, started, committed, report), *sessions_),
                timeout=TIME_LIMIT,
            )
        finally:
            print("\n".join(report["log"]))
        await browser.close()
    return report


def test_twenty_sessions_browse_during_an_upload_with_no_errors_no_stale_figures_and_nothing_lost(
    tmp_path, catalogue, demo_db
):
    folder = tmp_path / "server"
    folder.mkdir()
    shutil.copy(demo_db, folder / "demo.duckdb")
    with open_store(folder / "demo.duckdb") as con:
        add_account(
            con,
            Actor("load.admin", Role.ADMIN, "test"),
            MEMBER,
            "Load test member",
            Role.VIEWER,
            secrets.token_urlsafe(16),
        )
    with serve(folder, secrets=f'[dashboard]\nsession_secret = "{SECRET}"\n') as (url, _process):
        report = in_own_thread(run(url, folder / "demo.duckdb", revised_october(tmp_path, catalogue)))
        log = (folder / "streamlit.log").read_text()
    assert report["upload"][0] == 0, report["upload"][1]
    assert report["errors"] == []
    assert "Traceback" not in log, log[-3000:]
    assert all(rounds >= 1 for rounds in report["rounds"].values()) and len(report["rounds"]) == SESSIONS
    assert report["visited"] == {(path, member) for path in PAGES for member in (False, True)}  # each page, both
    # first what the database holds, so that a failure below says whether the upload landed (CI once saw every
    # session show the old figure after the upload: the app had the database open without its lock while the loader
    # wrote, and cached what it read; see database/connection.py)
    before, after = report["submissions before"], submissions(folder / "demo.duckdb")
    assert report["before"] != "3" and len(before) > 50  # the demo's submissions
    with open_store(folder / "demo.duckdb") as con:
        current = con.execute(
            "SELECT value FROM current_kpi_values WHERE kpi_code = 'QA03' AND month = DATE '2026-10-01'"
        ).fetchone()[0]
    assert after[: len(before)] == before and len(after) == len(before) + 1  # nothing lost, one added
    assert after[-1][2] == "accepted" and current == 3, report["upload"][1]
    # every session sees the new figure: 3 for members, and for the public "c", as 3 is a small number
    assert report["after"] == {n: "3" if n % 2 else "c" for n in range(SESSIONS)}, (report["upload"][1], log[-3000:])
