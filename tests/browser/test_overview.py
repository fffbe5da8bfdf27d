"""The landing page at a glance, and every page on a tablet, a phone and paper, in a real browser."""

import io

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.demo import demo_actor
from accounts.roles import PUBLIC
from config import Settings
from tests.browser.conftest import ARTIFACTS, READY, open_app, sign_in, wait_until_drawn
from ui.navigation import PAGES, SIGN_IN, may_open

pytestmark = pytest.mark.browser
TABLET, PHONE = {"width": 820, "height": 1180}, {"width": 390, "height": 844}
ADDRESSES = {"kpi": "kpi?kpi=WF03+Agency+social+worker+rate"}  # and the default page at "/", not at its url_path
# Words in the dashboard's tables that a line breaks in the middle of ("Administra / tor"), as the browser laid them
# out: a word whose letters sit on two lines, except just after a hyphen, underscore, dot or slash.
MID_WORD_BREAKS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('.kpi-table')) continue;
    for (const word of node.textContent.matchAll(/\\S+/g)) {
      let top = null;
      for (let i = 0; i < word[0].length; i++) {
        const letter = document.createRange();
        letter.setStart(node, word.index + i);
        letter.setEnd(node, word.index + i + 1);
        const now = Math.round(letter.getBoundingClientRect().top);
        if (top !== null && now > top + 2 && !'-_./'.includes(word[0][i - 1])) { broken.push(word[0]); break; }
        top = now;
      }
    }
  }
  return broken;
}"""


def test_the_overview_fits_one_laptop_screen_and_every_kpi_on_it_opens_its_trend(browser, app_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    open_app(page, app_url)
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    overview = page.locator(".overview")
    for part in ("Needs attention in", "KPIs by workstream", "Changed since"):
        expect(overview.get_by_text(part)).to_be_visible()
    box = overview.bounding_box()
    page.screenshot(path=str(ARTIFACTS / "overview_1366.png"))
    assert box["y"] + box["height"] <= 768, f"the overview ends at {box['y'] + box['height']:.0f} px, below the fold"
    cut = overview.locator(".counts tbody th").evaluate_all(
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth).map(c => c.textContent)"
    )
    assert not cut, f"workstream names cut short in the counts table: {cut}"
    links = overview.locator(".attention a")
    assert links.count() >= 1
    titles = [links.nth(n).inner_text() for n in range(links.count())]
    for n in range(links.count()):
        assert links.nth(n).get_attribute("href").startswith("kpi?kpi=")
    every = overview.locator("a")  # the changes and the workstream counts link too: to a trend or a workstream
    for n in range(every.count()):
        assert every.nth(n).get_attribute("href").startswith(("kpi?kpi=", "workstreams?")), every.nth(n).inner_text()
    links.first.click()
    page.wait_for_url("**/kpi?**")
    expect(page.get_by_role("heading", name=titles[0], level=2)).to_be_visible()
    page.wait_for_selector(READY)
    context.close()


# Each table's or chart's scrolling box: its name (a table's caption; "Chart..." for a chart), whether what it holds
# is wider than the box, and whether the cue above it ("Scroll the table sideways ...", "Scroll the chart ...") shows.
TABLE_BOXES = """() => Array.from(document.querySelectorAll('.table-scroll, .svg-scroll')).map(box => [
  box.getAttribute('aria-label'), box.scrollWidth > box.clientWidth + 1,
  box.previousElementSibling.matches('.scroll-cue, .chart-cue') && box.previousElementSibling.offsetParent !== null])"""


def test_a_table_wider_than_its_box_says_so_above_it_on_a_tablet_and_not_once_it_fits(browser, app_url):
    """On a phone every table shows the cue (CSS); on a tablet only one whose words do not fit (the dashboard's
    script marks it), such as a KPI's table by month for a member, with the column saying where each figure came
    from. Widened to a laptop's screen, the table fits and the cue goes."""
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    sign_in(page, app_url, "demo.performance")
    open_app(page, f"{app_url}/{ADDRESSES['kpi']}")
    wait_until_drawn(page)
    by_month = "WF03 Agency social worker rate by month, newest first"
    page.wait_for_function(f"() => ({TABLE_BOXES})().some(([name, wide, cue]) => name === {by_month!r} && cue)")
    boxes = page.evaluate(TABLE_BOXES)
    assert [name for name, wide, cue in boxes if wide] == [by_month]
    assert all(cue == wide for name, wide, cue in boxes), boxes  # the other tables fit, and say nothing
    page.set_viewport_size({"width": 1366, "height": 1000})
    page.wait_for_function(f"() => ({TABLE_BOXES})().every(([name, wide, cue]) => !wide && !cue)")
    context.close()


@pytest.mark.parametrize(
    ("size", "who"),
    [(TABLET, None), (PHONE, None), (PHONE, "demo.performance")],
    ids=["tablet", "phone", "phone, the performance team's own pages"],
)
def test_no_page_is_wider_than_a_tablet_or_phone_nor_breaks_words_and_the_sidebar_starts_closed(
    browser, app_url, size, who
):
    context = browser.new_context(viewport=size, has_touch=True, is_mobile=size is PHONE)
    page = context.new_page()
    if who is None:  # every page the public can open
        specs = [s for s in PAGES if may_open(PUBLIC, s, Settings())] + [SIGN_IN]
    else:  # and, signed in, the pages only staff can open (upload, history, ...)
        sign_in(page, app_url, who)
        actor = demo_actor(who)
        specs = [s for s in PAGES if may_open(actor, s, Settings()) and not may_open(PUBLIC, s, Settings())]
        assert len(specs) >= 4, [s.url_path for s in specs]
    too_wide, broken_words, silent = {}, {}, {}
    for spec in specs:
        address = "" if spec.default else ADDRESSES.get(spec.url_path, spec.url_path)
        open_app(page, f"{app_url}/{address}")
        wait_until_drawn(page)  # charts drawn
        expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. Streamlit's "Page not found" over the page
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")  # closed
        widths = page.evaluate(
            """() => [document.documentElement.scrollWidth, window.innerWidth,
                      document.querySelector('[data-testid="stMain"]').scrollWidth]"""
        )
        if max(widths[0], widths[2]) > widths[1]:
            too_wide[spec.url_path] = widths
        try:  # every table or chart wider than its box says so above it (marked by the dashboard's script)
            page.wait_for_function(f"() => ({TABLE_BOXES})().every(([name, wide, cue]) => cue || !wide)", timeout=3000)
        except PlaywrightTimeout:
            silent[spec.url_path] = [name for name, wide, cue in page.evaluate(TABLE_BOXES) if wide and not cue]
        if broken := page.evaluate(MID_WORD_BREAKS):  # a table too narrow for its words scrolls in its box instead
            broken_words[spec.url_path] = sorted(set(broken))
        if spec.url_path in ("overview", "scorecard", "kpi"):
            page.screenshot(path=str(ARTIFACTS / f"{spec.url_path}_{size['width']}.png"))
    context.close()
    assert not too_wide, f"pages wider than the {size['width']} px screen (page, screen, main): {too_wide}"
    assert not broken_words, f"words broken in the middle in tables at {size['width']} px: {broken_words}"
    assert not silent, f"tables or charts wider than their box with no cue above them at {size['width']} px: {silent}"


def test_printing_the_scorecard_gives_every_section_without_the_sidebar_or_widgets(page, app_url):
    open_app(page, f"{app_url}/scorecard")
    page.locator("caption", has_text="WS10").wait_for(state="attached")  # the whole page drawn, its last section too
    page.wait_for_selector(READY)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "scorecard_print.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "\n".join(p.extract_text() for p in pages)
    assert "Scorecard" in text and "WS10" in text  # the last workstream's section: nothing clipped
    assert len(pages) >= 3
    for left_out in ("Filters", "Accessibility statement", "Download this scorecard", "Show only KPIs tagged"):
        assert left_out not in text, f"{left_out!r} printed"
