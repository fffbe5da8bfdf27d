"""The frame of every page: navigation by role, page titles, the shared filters, who is signed in and the notices
every page needs. app.py calls run_page() for every page view."""

import logging

import streamlit as st

from accounts.claims import RoleRulesError
from accounts.roles import Actor
from config import SettingsError, without_server_paths
from domain.catalogue import CatalogueError
from domain.events import EventsError
from domain.months import month_label
from domain.workstreams import WorkstreamError
from ui import app_links, auth, filters, navigation
from ui import context as app_context
from ui.context import Context
from ui.text import plain

APP_TITLE = "Children's services improvement dashboard"
CONFIGURATION_ERRORS = (CatalogueError, WorkstreamError, EventsError, SettingsError, RoleRulesError)


def run_page() -> None:
    """Draw the frame of the page asked for, then the page itself."""
    st.set_page_config(page_title=APP_TITLE, layout="wide")
    try:
        context = app_context.load()
    except CONFIGURATION_ERRORS as error:
        logging.getLogger("dashboard").error("configuration problem: %s", error)  # the server's log has the full text
        st.error(
            "The dashboard's configuration has a problem, so no figures are shown. Please fix: "
            + plain(without_server_paths(str(error)))
        )
        st.stop()
    actor = context.actor
    page, page_filters = navigation.build(actor, auth.settings())
    st.set_page_config(page_title=f"{page.title} · {APP_TITLE}")  # a distinct title per page (WCAG 2.4.2)
    auth.write_cookie()
    if auth.demo_accounts_on(context.is_demo) and not context.is_demo:
        st.error(
            "**Warning: the demonstration accounts are switched on, but this dashboard holds real data.** Anyone who "
            "has read the README can sign in, even as the performance team. Set `demo_accounts = false` in the "
            "[dashboard] section of .streamlit/secrets.toml and restart the app.",
            icon=":material/warning:",
        )
    filters.show(context, page_filters)
    _sidebar(actor)
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
    page.run()


def _sidebar(actor: Actor) -> None:
    with st.sidebar:
        if actor.is_public:
            st.caption("You are not signed in: this is the public view.")
        else:
            st.caption(
                f"Signed in as **{plain(actor.display_name or actor.name)}**, "
                f"{actor.role.label if actor.role else 'with no role yet'}."
            )
            if st.button("Sign out", key="sign_out", icon=":material/logout:"):
                auth.sign_out(actor)
                st.rerun()
        app_links.enable()  # last in the sidebar, where the empty element it makes takes no room that shows


def _data_notices(context: Context, actor: Actor) -> None:
    """Whether the figures are invented: all of them (the demo), or some (a real upload made into the demo)."""
    if context.is_demo:
        st.info(
            "**Demonstration data.** The figures on this dashboard are invented for demonstration and testing"
            + (
                ". They follow the shape of Herefordshire's published statistics but are not real monthly figures."
                if len(context.councils) <= 1
                else ", for every council shown; they are not real figures."
            )
        )
    if context.demo_months:
        first, last, count = context.demo_months[0], context.demo_months[-1], len(context.demo_months)
        span = month_label(first) if first == last else f"{month_label(first)} to {month_label(last)}"
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
    if actor.role is None:
        st.info(
            f"**Public view.** Numbers of children from 1 to {auth.settings().suppression_threshold} are shown as "
            "**c** (and so are figures they could be worked out from), and only commentary marked for publication "
            "is shown. Members and officers can sign in to see every figure."
        )
    if actor.role is None and not actor.is_public:
        st.warning(
            f"You are signed in as {plain(actor.name)}, but no role has been given to you yet, so you see the "
            "public view. Ask an administrator to add you to the dashboard's roles."
        )
