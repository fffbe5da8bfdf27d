"""The pages, who may open each, and the navigation a person sees.

A page someone may not use is left out of the menu. Its address still answers, with a refusal saying who may use
it (and, for the public, how to sign in), so a bookmarked or typed address never shows a blank page or a 404."""

from dataclasses import dataclass

import streamlit as st

from accounts.roles import Actor, Permission, can, holders
from config import Settings
from ui.app_links import href
from ui.session_routes import next_from
from ui.text import plain

PUBLIC_PAGE = None  # anyone, the public included (if the public view is on)
COUNCIL, MONTH, WORKSTREAMS = "council", "month", "workstreams"  # the sidebar's filters
EVERY_FILTER = frozenset({COUNCIL, MONTH, WORKSTREAMS})


@dataclass(frozen=True)
class PageSpec:
    section: str
    script: str
    title: str
    url_path: str
    needs: Permission | None = PUBLIC_PAGE
    default: bool = False
    filters: frozenset[str] = frozenset()  # the sidebar filters that change what this page shows; no others are drawn


PAGES = [
    PageSpec("Dashboard", "pages/overview.py", "Overview", "overview", default=True, filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/scorecard.py", "Scorecard", "scorecard", filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/workstreams.py", "Workstreams", "workstreams", filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/kpi.py", "KPI trend", "kpi", filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/voice.py", "Voice of children and families", "voice", filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/timeline.py", "Timeline", "timeline", filters=frozenset({COUNCIL, WORKSTREAMS})),
    PageSpec("Dashboard", "pages/packs.py", "Committee packs", "packs", filters=EVERY_FILTER),
    PageSpec("Dashboard", "pages/definitions.py", "Definitions", "definitions", filters=frozenset({WORKSTREAMS})),
    PageSpec("Dashboard", "pages/accessibility.py", "Accessibility statement", "accessibility"),
    PageSpec("Performance team", "pages/upload.py", "Upload monthly return", "upload", Permission.CHANGE_DATA),
    PageSpec("Performance team", "pages/upload_annex_a.py", "Upload Annex A", "upload_annex_a", Permission.CHANGE_DATA),
    PageSpec(
        "Performance team",
        "pages/annual_returns.py",
        "Check an annual return",
        "annual_returns",
        Permission.CHANGE_DATA,
    ),
    PageSpec(
        "Performance team",
        "pages/upload_action_log.py",
        "Upload action log",
        "upload_action_log",
        Permission.CHANGE_DATA,
    ),
    PageSpec(
        "Performance team",
        "pages/history.py",
        "History",
        "history",
        Permission.SEE_HISTORY,
        filters=frozenset({COUNCIL}),
    ),
    PageSpec("Administration", "pages/users.py", "Users", "users", Permission.MANAGE_USERS),
    PageSpec("Administration", "pages/audit_log.py", "Audit log", "audit_log", Permission.SEE_AUDIT_LOG),
]


@dataclass(frozen=True)
class MenuItem:
    """A page as the menu (ui.menu) lists it."""

    section: str
    title: str
    url_path: str
    default: bool  # the app's landing page, at its root address
    filters: frozenset[str]


SIGN_IN = PageSpec("Account", "pages/sign_in.py", "Sign in", "sign_in")
ACCOUNT = PageSpec("Account", "pages/account.py", "Your account", "account")


def may_open(actor: Actor, spec: PageSpec, settings: Settings) -> bool:
    if spec.needs is PUBLIC_PAGE:
        return actor.role is not None or settings.public_view
    return can(actor, spec.needs)


def _refusal(spec: PageSpec, actor: Actor):
    def refuse() -> None:
        st.title(spec.title)
        if actor.is_public:
            who = " or ".join(r.label for r in holders(spec.needs)) if spec.needs else "signed-in users"
            st.warning(f"This page is only for {who}. Please sign in.", icon=":material/lock:")
            back = return_address(spec.url_path, current_query())
            st.page_link(SIGN_IN.script, label="Sign in", icon=":material/login:", query_params={"next": back})
        else:
            allowed = " or ".join(r.label for r in holders(spec.needs))
            st.error(
                f"You are signed in as {plain(actor.description)}, and this page is only for the {allowed} role. "
                "If you need it, ask an administrator.",
                icon=":material/block:",
            )

    refuse.__name__ = f"refuse_{spec.url_path}"
    return refuse


def current_query() -> dict[str, list[str]]:
    """The query parameters of the address shown, every value of each."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def return_address(url_path: str, query: dict[str, list[str]]) -> str:
    """Where signing in from the page at `url_path` ("" for the landing page) with `query` brings the person back
    to: that page with its filters and choices. On the sign-in page itself, the place it was opened from (its
    `next`, if it is a page of the app)."""
    if url_path == SIGN_IN.url_path:
        return next_from(query)
    return href("/" + url_path, **query)


def sign_in_href(here: str) -> str:
    """The app's Sign in page, relative to the current page, carrying `here` (return_address) unless that is the
    landing page, where signing in goes anyway."""
    return href(SIGN_IN.url_path, next=None if here == "/" else here)


def build(actor: Actor, settings: Settings):
    """st.navigation for this person, with Streamlit's own menu hidden (ui.menu draws the menu): the pages they may
    use, plus hidden refusals for the rest. Returns the page to run, the sidebar filters it uses (none for a
    refusal) and the menu's items."""
    sections: dict[str, list] = {}
    hidden, items = [], []
    home_given = False
    filters_of = {}
    for spec in PAGES:
        if may_open(actor, spec, settings):
            default = not home_given
            home_given = True
            page = st.Page(spec.script, title=spec.title, url_path=spec.url_path, default=default)
            filters_of[id(page)] = spec.filters
            sections.setdefault(spec.section, []).append(page)
            items.append(MenuItem(spec.section, spec.title, spec.url_path, default, spec.filters))
        else:
            hidden.append(st.Page(_refusal(spec, actor), title=spec.title, url_path=spec.url_path, visibility="hidden"))
    account = SIGN_IN if actor.is_public else ACCOUNT
    sections.setdefault(account.section, []).append(
        st.Page(account.script, title=account.title, url_path=account.url_path, default=not home_given)
    )
    items.append(MenuItem(account.section, account.title, account.url_path, not home_given, account.filters))
    other = ACCOUNT if actor.is_public else SIGN_IN
    hidden.append(st.Page(other.script, title=other.title, url_path=other.url_path, visibility="hidden"))
    sections[account.section].extend(hidden)
    chosen = st.navigation(sections, position="hidden")
    return chosen, filters_of.get(id(chosen), frozenset()), items
