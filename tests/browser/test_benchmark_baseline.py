"""The page benchmark's baseline: an empty Streamlit page at "/" and at a second page's address, and why both."""

from pathlib import Path

import httpx
import pytest

from benchmarks.pages import visit
from tests.browser.conftest import serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"
SECURED_EMPTY_APP = ROOT / "benchmarks" / "empty_app_secured.py"


def test_the_empty_page_is_ready_at_both_addresses(browser, tmp_path: Path):
    with serve(tmp_path, script=EMPTY_APP) as (url, _):
        context = browser.new_context()
        for path in ("/", "/second"):
            assert visit(context, url + path, "h1") > 0
            tab = context.new_page()
            tab.goto(url + path)
            assert tab.get_by_role("heading", level=1).inner_text(timeout=30_000) == "Empty"
            tab.close()
        context.close()


def test_a_page_at_its_own_address_asks_for_health_twice(browser, tmp_path: Path):
    """Streamlit issue #7074, the reason for the second baseline: at /second the browser first asks for
    /second/_stcore/health, is told "not found" and asks again at /_stcore/health; at "/" it asks once. If a Streamlit
    upgrade fixes this, this test fails: drop the "x alike" column from benchmarks/pages.py and docs/benchmarks.md.

    The answers are compared in any order: Streamlit asks for health and host-config together and tries the next address
    as soon as either fails, so under load the "not found" for /second/_stcore/health can arrive after the retry's 200
    (seen once in CI at stop 39)."""
    with serve(tmp_path, script=EMPTY_APP) as (url, _):
        context = browser.new_context()
        asked = {}
        for path in ("/", "/second"):
            tab = context.new_page()
            health = []
            tab.on(
                "response",
                lambda response, health=health: (
                    health.append((response.url.removeprefix(url), response.status))
                    if "_stcore/health" in response.url
                    else None
                ),
            )
            tab.goto(url + path)
            tab.get_by_role("heading", level=1).wait_for(timeout=30_000)
            asked[path] = health
            tab.close()
        context.close()
    assert asked["/"] == [("/_stcore/health", 200)]
    assert sorted(asked["/second"]) == [("/_stcore/health", 200), ("/second/_stcore/health", 404)]


def test_the_secured_empty_page_differs_from_the_bare_one_only_by_the_dashboards_security_headers(browser, tmp_path):
    from ui.security_headers import security_headers

    wanted = security_headers("http")
    with (
        serve(tmp_path / "bare", script=EMPTY_APP) as (bare, _),
        serve(tmp_path / "secured", script=SECURED_EMPTY_APP) as (secured, _),
    ):
        for path in ("/", "/second"):
            with_headers, without = httpx.get(secured + path, timeout=30), httpx.get(bare + path, timeout=30)
            assert {name: with_headers.headers.get(name) for name in wanted} == wanted
            assert not [name for name in wanted if name in without.headers]
            assert with_headers.text == without.text  # the same page
        context = browser.new_context()
        for path in ("/", "/second"):
            assert visit(context, secured + path, "h1") > 0
        context.close()
