"""The frame of every page: navigation by role, page titles, the shared filters, who is signed in and the notices
every page needs. app.py calls run_page() for every page view."""

import logging

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from accounts.roles import PUBLIC, Actor
from config import without_server_paths
from database.connection import StoreBusy
from domain.months import span_label
from loaders.upload_service import CONFIGURATION_ERRORS
from ui import app_links, auth, download_guard, filters, menu, navigation, session_routes
from ui import busy as busy_message
from ui import context as app_context
from ui.context import Context
from ui.page_style import APP_TITLE, PAGE_CSS
from ui.text import plain


def run_page() -> None:
    """Draw the frame of the page asked for, then the page itself. If another program keeps the database for
    longer than the app waits, say so in words instead of Streamlit's error box."""
    st.set_page_config(page_title=APP_TITLE, layout="wide")
    try:
        _frame_and_page()
    except StoreBusy as busy:
        logging.getLogger("dashboard").warning("a page view gave up waiting for the database: %s", busy)
        _without_streamlit_menu()
        st.title(busy_message.TITLE)
        st.warning(busy_message.MESSAGE, icon=":material/hourglass_top:")
    except (duckdb.OperationalError, duckdb.FatalException):  # the disk or memory failed, not our SQL (a mistake
        # in which still shows as an error); written after whatever the page drew before it failed
        logging.getLogger("dashboard").exception("the database failed during a page view")
        st.error(busy_message.FAILED, icon=":material/error:")


def _without_streamlit_menu() -> None:
    """When the page cannot be drawn, still call st.navigation (with the public's pages, none of them run, the
    menu hidden): without it, Streamlit lists every script in pages/ in a menu of its own, by file name."""
    try:
        navigation.build(PUBLIC, auth.settings())
    except CONFIGURATION_ERRORS:
        pass


def _frame_and_page() -> None:
    try:
        context = app_context.load()
    except CONFIGURATION_ERRORS as error:
        _without_streamlit_menu()
        _configuration_problem(error, "so no figures are shown")
        st.stop()
    actor = context.actor
    if not actor.is_public:
        download_guard.note_signed_in(get_script_run_ctx().session_id, dict(st.context.cookies))
    page, page_filters, menu_items = navigation.build(actor, auth.settings())
    st.set_page_config(page_title=f"{page.title} · {APP_TITLE}")  # a distinct title per page (WCAG 2.4.2)
    if auth.demo_accounts_on(context.is_demo) and not context.is_demo:
        st.error(
            "**Warning: the demonstration accounts are switched on, but this dashboard holds real data.** Anyone who "
            "has read the README can sign in, even as the performance team. Set `demo_accounts = false` in the "
            "[dashboard] section of .streamlit/secrets.toml and restart the app.",
            icon=":material/warning:",
        )
    st.html(PAGE_CSS)
    filters.follow_the_newest_month(context)
    here = navigation.return_address(page.url_path, navigation.current_query())
    menu.show(menu_items, page.title, filters.kept(), here)
    filters.show(context, page_filters)
    _sidebar(actor)
    notes = _demo_note(context) + _public_note(actor, here, page.url_path == navigation.SIGN_IN.url_path)
    if notes:  # one box: above the fold, room is scarce
        st.info("  \n".join(notes))
    _data_notices(context, actor)
    _viewer_notices(actor)
    if len(context.councils) > 1 and navigation.COUNCIL in page_filters:  # several councils: say whose figures
        st.markdown(
            f"**{plain(context.council_label)}'s figures.** Choose another council in the Council filter."
            + (
                ""
                if context.is_home
                else f" Events, published comparisons and committee packs are "
                f"{app_context.home_label()}'s and are not shown for {context.council_label}."
            )
        )
    try:
        page.run()
    except CONFIGURATION_ERRORS as error:  # found by the page itself, after the menu and filters are drawn
        _configuration_problem(error, "so this page cannot be used")


def _configuration_problem(error: Exception, so: str) -> None:
    logging.getLogger("dashboard").error("configuration problem: %s", error)  # the server's log has the full text
    problem = without_server_paths(str(error)).strip().rstrip(".")
    st.title("Configuration problem")  # the page stopped before its own heading (WCAG 2.4.6: a page says what it is)
    st.error(f"The dashboard's configuration has a problem, {so}. Please fix: " + plain(problem) + ".")


def _sidebar(actor: Actor) -> None:
    with st.sidebar:
        if actor.is_public:
            st.caption("You are not signed in: this is the public view.")
        else:
            st.caption(
                f"Signed in as **{plain(actor.display_name or actor.name)}**, "
                f"{actor.role.label if actor.role else 'with no role yet'}."
            )
            sign_out_button(actor, "sign_out")
        # last in the sidebar, where the empty element it makes takes no room that shows
        app_links.enable()


def sign_out_button(actor: Actor, key: str) -> None:
    """Sign out: a local or demonstration account through the app's sign-out page, which ends the session on the
    server and clears its HttpOnly cookie (a form posting there); the identity provider's through Streamlit."""
    if actor.via == "identity provider":
        if st.button("Sign out", key=key, icon=":material/logout:"):
            auth.sign_out_identity_provider()
        return
    claim = st.session_state.get(auth.SESSION_KEY)
    if claim is not None:
        st.html(session_routes.sign_out_form(claim.session_id), width="content")


def _demo_note(context: Context) -> list[str]:
    if not context.is_demo:
        return []
    return [
        "**Demonstration data.** "
        + (
            "Invented figures in the shape of Herefordshire's published statistics, not real monthly figures."
            if len(context.councils) <= 1
            else "Invented figures for every council shown, not real figures."
        )
    ]


def _public_note(actor: Actor, here: str, on_sign_in_page: bool) -> list[str]:
    """What the public view leaves out, and the way to sign in: a link (opened inside the app by the dashboard's
    script, as a relative link in Markdown) that comes back to this page. On a phone or an upright tablet the
    sidebar, and the menu's Sign in with it, starts closed, so this is the way in that shows."""
    if actor.role is not None:
        return []
    # someone signed in whose role is not given yet is told so below (_viewer_notices): no link to sign in again
    linked = actor.is_public and not on_sign_in_page
    sign_in = f"[Sign in]({navigation.sign_in_href(here)})" if linked else "Sign in"
    return [
        f"**Public view.** Small numbers (1 to {auth.settings().suppression_threshold}) show as **c**, and only "
        f"published commentary. {sign_in} to see every figure."
    ]


def _data_notices(context: Context, actor: Actor) -> None:
    """Whether some figures are invented: a real upload made into the demo (all of them: _demo_note)."""
    if context.demo_months:
        span, count = span_label(context.demo_months), len(context.demo_months)
        st.warning(
            f"**Some figures are demonstration data.** This dashboard holds the council's own uploads, but the "
            f"figures shown for {count} month{'s' if count > 1 else ''} ({span}) still come from the invented "
            "demonstration returns."
            + (
                ""
                if actor.role is None
                else " The performance team can remove them with "
                "`python -m loaders remove-demo` (or roll them back on the History page)."
            ),
            icon=":material/warning:",
        )


def _viewer_notices(actor: Actor) -> None:
    if actor.role is None and not actor.is_public:
        st.warning(
            f"You are signed in as {plain(actor.name)}, but no role has been given to you yet, so you see the "
            "public view. Ask an administrator to add you to the dashboard's roles."
        )
