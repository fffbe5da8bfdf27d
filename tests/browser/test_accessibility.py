"""axe-core (WCAG 2.2 A and AA rules, run offline from the pinned axe-playwright-python package) on every page in
every role. Any violation not listed as a known issue on the accessibility statement fails."""

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from accounts.demo import demo_actor
from accounts.roles import PUBLIC, Role
from benchmarks.national_data import generate
from config import Settings
from tests.browser.conftest import go_to, open_app, serve, sign_in, wait_until_drawn
from ui.accessibility import AXE_TAGS, KNOWN_ISSUES, known
from ui.navigation import ACCOUNT, PAGES, SIGN_IN, may_open

pytestmark = pytest.mark.browser
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
ADDRESSES = {"kpi": "kpi?kpi=WF03+Agency+social+worker+rate"}


RUN = """async ([tags, parts]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.flatMap(v => v.nodes.map(node => {
        const element = document.querySelector(node.target[0]);
        const inside = parts.filter(part => element && element.closest(part));
        return [v.id, v.impact, node.html, inside];
    }));
}"""


def violations(page) -> list[tuple[str, str, str, set[str]]]:
    """(rule, impact, element HTML, the known issues' page parts it is inside) of every axe-core violation."""
    page.evaluate(AXE)  # through the browser's devtools: the app's CSP rightly refuses an inline script tag
    found = page.evaluate(RUN, [list(AXE_TAGS), [issue.within for issue in KNOWN_ISSUES]])
    return [(rule, impact, html, set(inside)) for rule, impact, html, inside in found]


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "public")
def test_every_page_meets_wcag_22_aa_apart_from_the_known_issues(page, app_url, role):
    actor = PUBLIC if role is None else demo_actor(f"demo.{role.value}")
    if role is not None:
        sign_in(page, app_url, actor.name)
    specs = [spec for spec in PAGES if may_open(actor, spec, Settings())] + [SIGN_IN if role is None else ACCOUNT]
    unexplained, seen, failed = {}, set(), []
    for number, spec in enumerate(specs):
        # as members move: from the menu inside the running app; the first page and those needing an address
        # (the KPI page, for a KPI with a chart in every role) are opened at their address, as a bookmark would
        if number == 0 or spec.url_path in ADDRESSES or spec in (SIGN_IN, ACCOUNT):
            open_app(page, f"{app_url}/{ADDRESSES.get(spec.url_path, spec.url_path)}")
        else:
            go_to(page, spec.title)
        wait_until_drawn(page)  # charts drawn
        if page.get_by_test_id("stException").count():  # a page that fails is not checked, it is reported
            failed.append(spec.url_path)
        found = violations(page)
        seen |= {known(rule, inside) for rule, _, _, inside in found} - {None}
        if new := [(rule, impact, html[:200]) for rule, impact, html, inside in found if not known(rule, inside)]:
            unexplained[spec.url_path] = new
    assert not failed, f"these pages showed an error instead of their content: {failed}"
    assert not unexplained, unexplained
    # The statement must stay true: a known issue that no longer occurs should be taken off it.
    assert seen == set(KNOWN_ISSUES), f"no longer found, remove from the statement: {set(KNOWN_ISSUES) - seen}"


def test_a_dashboard_of_several_councils_meets_wcag_22_aa(page, tmp_path):
    """The Council filter and the line saying whose figures are shown, on a database of two councils (neither of
    them the dashboard's own, so the first is shown)."""
    generate(tmp_path / "app" / "demo.duckdb", 2, 14)  # Camden and Greenwich, generated demonstration figures
    with serve(tmp_path / "app") as (url, _):
        sign_in(page, url, "demo.performance")
        unexplained = {}
        for path in ("", ADDRESSES["kpi"], "history"):
            open_app(page, f"{url}/{path}")
            expect(page.get_by_role("combobox", name="Council")).to_be_visible()
            expect(page.get_by_text("Camden's figures.")).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
            wait_until_drawn(page)  # charts drawn
            if new := [(rule, html[:200]) for rule, _, html, inside in violations(page) if not known(rule, inside)]:
                unexplained[path] = new
        assert not unexplained, unexplained


@pytest.mark.parametrize("problem", [False, True], ids=["form", "with a problem"])
def test_the_sign_in_page_meets_wcag_22_aa(page, app_url, problem):
    """The server's own sign-in page (ui/session_routes.py), blank and after a wrong password."""
    page.goto(f"{app_url}/session/sign-in")
    if problem:
        page.get_by_role("textbox", name="User name").fill("demo.viewer")
        page.get_by_label("Password", exact=True).fill("wrong")
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("alert")).to_be_visible()
    assert [(rule, html[:200]) for rule, _, html, _ in violations(page)] == []


def test_the_upload_pages_meet_wcag_22_aa_once_a_file_is_checked(page, app_url, tmp_path, catalogue):
    """What the page-by-page check above never sees: each upload page with a file checked (its description, problem
    tables, preview and buttons; for child-level files, the note that the file is no longer held), and the
    Timeline's forms switched on. Nothing is loaded: the shared server's data stays as it is."""
    import datetime as dt

    from tests.browser.test_upload import november, revised_october
    from tools.synthetic_annex_a import generate as generate_annex_a
    from tools.synthetic_annex_a import write_workbook
    from tools.synthetic_cin import census_xml
    from tools.synthetic_cin import generate as generate_cin

    annex = tmp_path / "annex_a_2026-10.xlsx"
    write_workbook(generate_annex_a(dt.date(2026, 10, 1), 5), annex)
    census = tmp_path / "cin.xml"
    census.write_bytes(census_xml(generate_cin(dt.date(2025, 3, 31), 32, children=150)))
    checks = [
        ("upload", november(tmp_path), "monthly return for November 2026"),
        ("upload", revised_october(tmp_path, catalogue), "would be a revision"),
        ("upload_annex_a", annex, "Checked annex_a_2026-10.xlsx"),
        ("annual_returns", census, "Checked cin.xml"),
    ]
    sign_in(page, app_url, "demo.performance")
    unexplained = {}
    for number, (path, file, shown) in enumerate(checks):
        open_app(page, f"{app_url}/{path}")
        if path == "annual_returns":
            page.get_by_text("Children in need census (XML)").click()
            expect(page.get_by_text("The census XML file")).to_be_visible()
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(file)
        expect(page.get_by_text(shown).first).to_be_visible(timeout=60_000)
        wait_until_drawn(page)
        if new := [(rule, html[:200]) for rule, _, html, inside in violations(page) if not known(rule, inside)]:
            unexplained[f"{number} {path}"] = new
    open_app(page, f"{app_url}/timeline")
    page.get_by_text("Add or remove an event").click()
    expect(page.get_by_test_id("stForm").first).to_be_visible()
    if new := [(rule, html[:200]) for rule, _, html, inside in violations(page) if not known(rule, inside)]:
        unexplained["timeline, forms on"] = new
    assert not unexplained, unexplained
