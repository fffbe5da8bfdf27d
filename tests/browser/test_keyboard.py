"""The main journey with the keyboard alone: filter by workstream, then open a KPI, with the focus always visible."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, READY, open_app, screenshot

pytestmark = pytest.mark.browser
WORKSTREAM = "WS07 Workforce: recruitment, retention and caseloads"

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  const box = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.innerText || '').slice(0, 80),
          label: (e.getAttribute('aria-label') || '') + (e.closest('[data-testid=stMultiSelect]')?.innerText || ''),
          href: e.getAttribute('href') || '', ring: ring, seen: box.width > 0 && box.height > 0};
}"""


def tab_to(page: Page, wanted, limit: int = 120) -> dict:
    """Press Tab until `wanted(focused)` holds; every stop on the way must show where the focus is.

    The document itself (BODY) is allowed once: after the last element headless Chromium focuses the document where
    a browser with a window would focus its address bar, and the next Tab starts again from the top (the same
    happens if the page redraws the focused element while the walk goes on). Twice would mean going round the
    whole page without finding the element."""
    documents = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            documents += 1
            assert documents == 1, "Tab went round the whole page without reaching the element wanted"
            continue
        assert focused["seen"], f"the focus went to something not shown: {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached the element wanted within {limit} presses")


def test_a_member_filters_by_workstream_and_opens_a_kpi_with_the_keyboard_alone(page, app_url):
    open_app(page, f"{app_url}/scorecard")
    # the workstream filter, then type to choose
    tab_to(page, lambda f: f["tag"] == "INPUT" and "Workstreams" in f["label"])
    page.keyboard.type("WS07")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url("**workstream=WS07*", timeout=30_000)
    page.wait_for_selector(READY)
    expect(page.get_by_role("heading", name=WORKSTREAM, level=3)).to_be_visible()
    # on to the first KPI link in the scorecard, then Enter opens its trend
    link = tab_to(page, lambda f: f["tag"] == "A" and f["href"].startswith("kpi?"))
    assert link["ring"], f"the focused link shows no focus indicator: {link}"
    screenshot(page, "keyboard-focus-on-kpi-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kpi?*", timeout=30_000)
    page.wait_for_selector(READY)
    expect(page.get_by_role("heading", name="KPI trend", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=link["text"].strip(), level=2)).to_be_visible()
    assert "workstream=WS07" in page.url  # the filter travels with the link


TIP = """() => { const e = document.activeElement;
  return {tip: e.getAttribute('data-tip'), label: e.getAttribute('aria-label'),
          shown: getComputedStyle(e, '::after').display === 'none' ? 'none' : getComputedStyle(e, '::after').content,
          box: e.getBoundingClientRect().width}; }"""


def test_a_charts_point_texts_are_reached_by_tab_and_the_arrow_keys_and_shown_on_focus(page, app_url):
    open_app(page, f"{app_url}/kpi?kpi=WF03+Agency+social+worker+rate")
    first = tab_to(page, lambda f: f["tag"] == "BUTTON" and "2021" in f["label"])
    assert first["ring"], f"the chart's point shows no focus indicator: {first}"
    point = page.evaluate(TIP)
    assert point["label"] == point["tip"] and point["shown"] == f'"{point["tip"]}"'  # announced and shown alike
    assert point["box"] >= 24  # a touch target of at least 24 px
    texts = [point["tip"]]
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        texts.append(page.evaluate(TIP)["tip"])
    assert len(set(texts)) == 4 and all(t for t in texts), texts  # each press moves to the next point
    page.keyboard.press("End")
    last = page.evaluate(TIP)["tip"]
    assert last != texts[0]
    page.keyboard.press("Escape")  # the text can be dismissed without moving the focus
    assert page.evaluate(TIP)["shown"] == "none"
    page.screenshot(path=str(ARTIFACTS / "chart-point-focused.png"))
    # the chart takes one Tab stop: the next Tab leaves it
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('spot')") is False


OPENED = "workstreams?open=WS07+Workforce%3A+recruitment%2C+retention+and+caseloads"


@pytest.mark.parametrize("address", [OPENED, "voice"])
def test_every_chart_takes_one_tab_stop_at_its_first_point(page, app_url, address):
    open_app(page, f"{app_url}/{address}")
    charts = page.locator(".svg-chart")
    expect(charts.first).to_be_visible()
    for n in range(charts.count()):
        spots = charts.nth(n).locator(".spot")
        assert spots.count() > 0
        assert spots.evaluate_all("s => s.map(e => e.tabIndex)") == [0] + [-1] * (spots.count() - 1)
        assert all(label for label in spots.evaluate_all("s => s.map(e => e.getAttribute('aria-label'))"))
