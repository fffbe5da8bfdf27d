"""Which pages each role may open, and the administration pages."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from streamlit.testing.v1 import AppTest

from accounts.roles import PUBLIC, Actor, Role
from config import Settings, clock
from tests.pages.conftest import TEST_SESSION, all_text, app, html_tables, open_page
from ui.navigation import PAGES, may_open

EXPECTED = {  # role: the pages beyond the dashboard's pages
    None: set(),
    Role.VIEWER: set(),
    Role.DIRECTOR: {"history"},
    Role.PERFORMANCE: {"upload", "upload_annex_a", "annual_returns", "upload_action_log", "history", "audit_log"},
    Role.ADMIN: {"history", "users", "audit_log"},
}
DASHBOARD = {
    "overview",
    "scorecard",
    "workstreams",
    "kpi",
    "voice",
    "timeline",
    "packs",
    "definitions",
    "accessibility",
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_its_pages(role):
    actor = PUBLIC if role is None else Actor("someone", role)
    allowed = {spec.url_path for spec in PAGES if may_open(actor, spec, Settings())}
    assert allowed == DASHBOARD | EXPECTED[role]


def test_without_a_public_view_the_public_gets_no_dashboard_page():
    assert not [spec for spec in PAGES if may_open(PUBLIC, spec, Settings(public_view=False))]


def test_users_page_lists_accounts_with_roles(fixture_app):
    at = open_page("pages/users.py", role=Role.ADMIN)
    table = next(t for t in html_tables(at) if t["caption"] == "Local accounts")
    assert [row[:3] for row in table["rows"][1:]] == [
        ["test.admin", "Test Administrator", "Administrator"],
        ["test.director", "Test Director", "Director"],
        ["test.performance", "Test Performance team", "Performance team"],
        ["test.viewer", "Test Scrutiny member (viewer)", "Scrutiny member (viewer)"],
    ]


def test_audit_log_page_shows_uploads_with_who_made_them(fixture_app):
    at = open_page("pages/audit_log.py", role=Role.PERFORMANCE)
    table = next(t for t in html_tables(at) if t["caption"] == "Changes, newest first")
    assert [row[1:6] for row in table["rows"][1:]] == [
        ["tester", "Performance team", "test", "upload", f"submission {n}"] for n in (3, 2, 1)
    ]


def test_the_sidebar_says_who_is_signed_in(fixture_app):
    at = app(Role.DIRECTOR).run()
    assert "Signed in as **Test Director**, Director." in [c.value for c in at.sidebar.caption]
    public = app(None).run()
    assert "You are not signed in: this is the public view." in [c.value for c in public.sidebar.caption]
    assert "Public view." in all_text(public)


def test_demo_accounts_switched_on_with_real_data_bring_a_loud_warning(fixture_app):
    at = app(Role.VIEWER)
    at.secrets["dashboard"] = {"demo_accounts": True}
    at.run()
    assert any(
        "demonstration accounts are switched on, but this dashboard holds real data" in e.value for e in at.error
    )
    quiet = app(Role.VIEWER).run()  # by default they are on only with demonstration data
    assert not [e for e in quiet.error if "demonstration accounts" in e.value]


def test_without_a_public_view_the_public_only_get_the_sign_in_page(fixture_app):
    at = app(None)
    at.secrets["dashboard"] = {"public_view": False}
    at.run()
    assert at.title[0].value == "Sign in" and not html_tables(at)


def test_the_accessibility_statement_says_what_is_known(fixture_app):
    from ui.accessibility import KNOWN_ISSUES, known

    at = app(None)
    at.run()
    at.switch_page("pages/accessibility.py").run()
    tables = [t for t in html_tables(at) if t["caption"] == "Known accessibility problems"]
    if KNOWN_ISSUES:
        assert [row[1] for row in tables[0]["rows"][1:]] == [issue.criterion for issue in KNOWN_ISSUES]
    else:  # the browser tests' axe checks hold it to this: they fail on any violation not listed
        assert not tables and "No known problems." in all_text(at)
        assert "we do not yet claim full compliance" in all_text(at)
    assert not known("list", {'[data-testid="stSidebarNav"]'})  # Streamlit's menu is no longer drawn
    assert not known("list", set())  # the same rule elsewhere on the page is not excused


@pytest.mark.parametrize(
    "path, expected",
    [
        ("pages/scorecard.py", ["Month", "Workstreams"]),
        ("pages/definitions.py", ["Workstreams"]),
        ("pages/timeline.py", ["Workstreams"]),  # and the council filter, drawn when the database holds several
        ("pages/upload.py", []),
        ("pages/history.py", []),
        ("pages/accessibility.py", []),
    ],
)
def test_a_page_shows_only_the_filters_that_change_it(fixture_app, path, expected):
    at = open_page(path, role=Role.PERFORMANCE)
    shown = [box.label for box in at.sidebar.selectbox] + [box.label for box in at.sidebar.multiselect]
    assert shown == expected
    assert ("Filters" in [h.value for h in at.sidebar.header]) == bool(expected)


def test_a_filter_keeps_its_choice_across_a_page_that_does_not_show_it(fixture_app):
    at = app(Role.PERFORMANCE).run()
    at.sidebar.multiselect(key="workstream").select("WS02 Children in care").run()
    at.switch_page("pages/upload.py").run()
    assert not at.sidebar.multiselect
    at.switch_page("pages/upload.py").run()  # and again: a second run without the filter
    at.switch_page("pages/scorecard.py").run()
    assert at.sidebar.multiselect(key="workstream").value == ["WS02 Children in care"]


def test_audit_log_page_shows_changes_without_a_detail(fixture_app):
    """A password reset, disabling or enabling records no detail; the page showed an error for such entries."""
    from accounts.users import add_account, reset_password, set_disabled
    from database.connection import connect

    admin = Actor("test.admin", Role.ADMIN, "local account")
    con = connect(fixture_app / "fixture.duckdb")
    add_account(con, admin, "j.smith", "Jo Smith", Role.VIEWER, "a long enough password 1")
    reset_password(con, admin, "j.smith", "another long password 2")
    set_disabled(con, admin, "j.smith", True)
    set_disabled(con, admin, "j.smith", False)
    con.close()
    at = open_page("pages/audit_log.py", role=Role.ADMIN)
    rows = next(t for t in html_tables(at) if t["caption"] == "Changes, newest first")["rows"][1:]
    assert [(row[4], row[5], row[6]) for row in rows[:4]] == [
        ("enable user", "user j.smith", ""),
        ("disable user", "user j.smith", ""),
        ("reset password", "user j.smith", ""),
        ("add user", "user j.smith", "role viewer"),
    ]


@pytest.fixture
def demo_with_a_real_upload(demo_db, tmp_path, monkeypatch, catalogue):
    """The demo database after the council's first real upload (one cell of a backfill, rolled back since: a real
    upload makes the database real for good)."""
    import datetime as dt
    import shutil

    from database.connection import open_store
    from loaders.ingest import ingest_return
    from loaders.return_writer import write_backfill
    from loaders.versions import rollback
    from tests.actors import officer

    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db, path)
    workbook = tmp_path / "backfill.xlsx"
    write_backfill(workbook, catalogue, {("QA02", dt.date(2026, 11, 1)): 2.5})
    with open_store(path) as con:
        result = ingest_return(
            con, workbook, catalogue, uploaded_by=officer(), today=dt.date(2026, 12, 1), confirm_warnings=True
        )
        rollback(con, result.submission_id, officer())
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


def test_demo_accounts_and_the_demo_banner_end_with_the_first_real_upload(demo_with_a_real_upload):
    """'Showing demo data' was true while any figure shown came from a demo upload, so demo.admin still signed in
    on real data and the banner said the figures were invented."""
    at = app(Role.ADMIN, demo=True).run()
    assert "Signed in as" not in "".join(c.value for c in at.sidebar.caption)  # the demo session has ended
    assert "You are not signed in: this is the public view." in [c.value for c in at.sidebar.caption]
    assert not any("Demonstration data." in e.value for e in at.info)
    warning = next(e.value for e in at.warning if "Some figures are demonstration data" in e.value)
    assert "67 months (April 2021 to October 2026)" in warning and "remove-demo" not in warning  # public: no advice
    from ui import context, session_routes

    assert not context.database_is_demo()
    with pytest.raises(Exception, match="not right"):  # what the sign-in page does with the demo's password now
        session_routes._sign_in("demo.admin", "demo-admin", "this computer", None)


def test_remove_demo_leaves_only_the_councils_own_figures(demo_with_a_real_upload):
    from loaders.__main__ import main

    assert main(["remove-demo", "--db", str(demo_with_a_real_upload), "--user", "p.officer"]) == 0
    at = app(Role.PERFORMANCE).run()
    assert not any("demonstration data" in e.value for e in at.warning)
    from database.connection import open_store

    with open_store(demo_with_a_real_upload) as con:
        assert con.execute("SELECT count(*) FROM submissions WHERE is_demo AND status = 'accepted'").fetchone()[0] == 0
        assert (
            con.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'roll back' AND actor = 'p.officer' "
                "AND via = 'command line'"
            ).fetchone()[0]
            == 67 + 46
        )  # every demo upload, each recorded


def test_demo_data_false_starts_with_an_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "new.duckdb"))
    at = app(None)
    at.secrets["dashboard"] = {"demo_data": False}
    at.run()
    assert not at.exception and not any("Demonstration data." in e.value for e in at.info)
    from database.connection import open_store

    with open_store(tmp_path / "new.duckdb") as con:
        assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def _signed_in_then(fixture_app, change) -> AppTest:
    """A director's open tab, then `change` (made elsewhere), then the tab's next page view."""
    at = app(Role.DIRECTOR).run()
    assert "Signed in as **Test Director**, Director." in [c.value for c in at.sidebar.caption]
    change(at)
    return at.run()


def _is_public(at) -> bool:
    return "You are not signed in: this is the public view." in [c.value for c in at.sidebar.caption]


def test_an_open_tab_is_signed_out_when_its_session_ends_elsewhere(fixture_app):
    """Signing out in another tab ended the cookie, but an open tab kept its rights until it was reloaded."""
    from accounts import sessions
    from database.connection import connect

    def sign_out_elsewhere(at):
        con = connect(fixture_app / "fixture.duckdb")
        sessions.end(con, TEST_SESSION)
        con.close()

    assert _is_public(_signed_in_then(fixture_app, sign_out_elsewhere))


def test_an_open_tab_is_signed_out_by_a_password_reset(fixture_app):
    from accounts.users import reset_password
    from database.connection import connect

    def reset(at):
        con = connect(fixture_app / "fixture.duckdb")
        reset_password(con, Actor("test.admin", Role.ADMIN, "local account"), "test.director", "a new long password")
        con.close()

    assert _is_public(_signed_in_then(fixture_app, reset))


def test_an_open_tab_is_signed_out_when_its_8_hours_are_up(fixture_app):
    import dataclasses

    def eight_hours_pass(at):
        claim = at.session_state["signed_in_session"]
        at.session_state["signed_in_session"] = dataclasses.replace(claim, expires=clock.now())

    assert _is_public(_signed_in_then(fixture_app, eight_hours_pass))


def _sign_in_links(at: AppTest) -> list[str]:
    return [
        link
        for element in at.html
        for link in re.findall(r'href="([^"]*(?:sign_in|sign-in)[^"]*)"', unescape(element.proto.body))
    ]


def test_signing_in_from_a_page_comes_back_to_it_with_its_choices(fixture_app):
    here = "/kpi?kpi=AGENCY+Agency+social+worker+rate&month=September+2026"
    at = open_page("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate", "month": "September 2026"}, role=None)
    assert _sign_in_links(at) == [f"sign_in?{urlencode({'next': here})}"]  # the menu's Sign in link
    # the sign-in page hands it on to the form, which sends the browser back there once signed in
    sign_in_page = open_page("pages/sign_in.py", {"next": here}, role=None)
    assert f"/session/sign-in?{urlencode({'next': here})}" in _sign_in_links(sign_in_page)
    elsewhere = open_page("pages/sign_in.py", {"next": "https://evil.example/"}, role=None)
    assert "/session/sign-in" in _sign_in_links(elsewhere) and "evil" not in str(_sign_in_links(elsewhere))


def test_the_public_views_notice_links_to_signing_in_and_back(fixture_app):
    at = open_page("pages/kpi.py", {"kpi": "AGENCY Agency social worker rate"}, role=None)
    notice = next(box.value for box in at.info if "Public view." in box.value)
    back = urlencode({"next": "/kpi?kpi=AGENCY+Agency+social+worker+rate"})
    assert f"[Sign in](sign_in?{back}) to see every figure." in notice
    on_sign_in = open_page("pages/sign_in.py", role=None)
    assert "Sign in to see every figure." in next(box.value for box in on_sign_in.info if "Public view." in box.value)
