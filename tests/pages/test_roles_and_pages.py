"""Which pages each role may open, and the administration pages."""

import pytest

from accounts.roles import PUBLIC, Actor, Role
from accounts.settings import Settings
from tests.pages.conftest import all_text, app, html_tables, open_page
from ui.navigation import PAGES, may_open

EXPECTED = {  # role: the pages beyond the six dashboard pages
    None: set(),
    Role.VIEWER: set(),
    Role.DIRECTOR: {"history"},
    Role.PERFORMANCE: {"upload", "upload_action_log", "history", "audit_log"},
    Role.ADMIN: {"history", "users", "audit_log"},
}
DASHBOARD = {"scorecard", "workstreams", "kpi", "voice", "timeline", "packs", "definitions", "accessibility"}


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
        ["test.viewer", "Test Scrutiny member (viewer)", "Scrutiny member (viewer)"]]


def test_audit_log_page_shows_uploads_with_who_made_them(fixture_app):
    at = open_page("pages/audit_log.py", role=Role.PERFORMANCE)
    table = next(t for t in html_tables(at) if t["caption"] == "Changes, newest first")
    assert [row[1:6] for row in table["rows"][1:]] == [
        ["tester", "Performance team", "test", "upload", f"submission {n}"] for n in (3, 2, 1)]


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
    assert any("demonstration accounts are switched on, but this dashboard holds real data" in e.value
               for e in at.error)
    quiet = app(Role.VIEWER).run()  # by default they are on only with demonstration data
    assert not [e for e in quiet.error if "demonstration accounts" in e.value]


def test_without_a_public_view_the_public_only_get_the_sign_in_page(fixture_app):
    at = app(None)
    at.secrets["dashboard"] = {"public_view": False}
    at.run()
    assert at.title[0].value == "Sign in" and not html_tables(at)


def test_the_accessibility_statement_lists_each_known_issue(fixture_app):
    from ui.accessibility import KNOWN_ISSUES, known

    at = app(None)
    at.run()
    at.switch_page("pages/accessibility.py").run()
    table = next(t for t in html_tables(at) if t["caption"] == "Known accessibility problems")
    assert [row[1] for row in table["rows"][1:]] == [issue.criterion for issue in KNOWN_ISSUES]
    assert known("list", {'[data-testid="stSidebarNav"]'}) and not known("color-contrast",
                                                                           {'[data-testid="stSidebarNav"]'})
    assert not known("list", set())  # the same rule elsewhere on the page is not excused


@pytest.mark.parametrize("path, expected", [
    ("pages/scorecard.py", ["Month", "Workstreams"]),
    ("pages/definitions.py", ["Workstreams"]),
    ("pages/timeline.py", []),  # only the council filter, drawn when the database holds several councils
    ("pages/upload.py", []),
    ("pages/history.py", []),
    ("pages/accessibility.py", []),
])
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
    from domain.store import connect

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
        ("enable user", "user j.smith", ""), ("disable user", "user j.smith", ""),
        ("reset password", "user j.smith", ""), ("add user", "user j.smith", "role viewer")]
