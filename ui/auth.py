"""Who is using the app: the signed-in person (local account, demo account or identity provider) or the public.

A local sign-in is kept in a signed, HttpOnly cookie (accounts.sessions) that only the app's sign-in page sets
(ui/session_routes.py), so reloading a page or following a link keeps it; the page reads it from the request.
The role is looked up again on every page view, so a changed role, a disabled account or a password reset takes
effect at once."""

import json
import logging
from pathlib import Path

import streamlit as st

import config
from accounts import sessions
from accounts.claims import RoleRules, load_role_rules
from accounts.demo import demo_actor
from accounts.roles import PUBLIC, Actor
from accounts.users import Account, change_own_password, list_accounts
from config import Settings, clock, modified_time
from database.connection import file_version, open_store

ACTOR_KEY = "signed_in_actor"
SESSION_KEY = "signed_in_session"

log = logging.getLogger(__name__)


def _secrets() -> tuple[dict, dict | None]:
    try:
        dashboard = st.secrets.get("dashboard", {})
        auth = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all: the demo's defaults
        return {}, None

    def to_dict(section):
        return {k: to_dict(v) if hasattr(v, "items") else v for k, v in section.items()}

    return to_dict(dashboard), (to_dict(auth) if auth else None)


@st.cache_resource(show_spinner=False, max_entries=4)
def _settings(key: str, environment: tuple, files_changed: tuple) -> Settings:
    return config.load(*json.loads(key), environ=dict(environment))


def settings() -> Settings:
    """Every setting (config.Settings): the [dashboard] and [auth] sections as Streamlit read them, the files named
    by the environment, the dashboard's own council. Read again whenever any of them changes (the random session
    secret of a demo without one stays the same)."""
    return _settings(
        json.dumps(_secrets(), sort_keys=True, default=str),
        config.settings.environment(),
        config.settings.files_changed(),
    )


@st.cache_resource(show_spinner=False)
def _role_rules(path: str, mtime: float) -> RoleRules:
    return load_role_rules(Path(path))


def role_rules() -> RoleRules:
    path = settings().roles_file
    return _role_rules(str(path), modified_time(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def _accounts(db_path: str, version: tuple) -> dict[str, Account]:
    with open_store(db_path) as con:
        return {account.username: account for account in list_accounts(con)}


def accounts() -> dict[str, Account]:
    db = settings().database
    return _accounts(str(db), file_version(db))


@st.cache_resource(show_spinner=False, max_entries=2)
def _recently_ended(db_path: str, version: tuple) -> frozenset[str]:
    with open_store(db_path) as con:
        return sessions.recently_ended(con)


def _ended_sessions() -> frozenset[str]:
    """Sessions signed out or ended by a password change, read again whenever the database changes."""
    db = settings().database
    return _recently_ended(str(db), file_version(db))


def demo_accounts_on(is_demo: bool) -> bool:
    return settings().local_accounts and settings().demo_accounts_enabled(is_demo)


def _still_valid(actor: Actor, epoch: int | None, is_demo: bool) -> Actor | None:
    """The actor with their current role, or None if they may no longer be signed in."""
    if actor.via == "demo account":
        return actor if demo_accounts_on(is_demo) else None
    account = accounts().get(actor.name)
    if not settings().local_accounts or account is None or account.is_disabled or account.session_epoch != epoch:
        return None
    return account.actor()


def _from_identity_provider() -> Actor | None:
    if settings().oidc_provider is None or not st.user.is_logged_in:
        return None
    claims = {key: value for key, value in st.user.to_dict().items()}
    email = str(claims.get("email") or claims.get("preferred_username") or "").lower()
    return Actor(
        email or "unknown", role_rules().role_for(claims), "identity provider", str(claims.get("name") or email)
    )


def _session_current(claim: sessions.SessionClaim | None) -> bool:
    """Whether a sign-in's session may go on: not past its 8 hours, and not signed out (in any tab or browser) or
    ended since. Checked on every page view, not only when the browser's cookie is first read."""
    return claim is not None and claim.expires > clock.now() and claim.session_id not in _ended_sessions()


def cookie_actor(token: str | None, is_demo: bool) -> tuple[Actor, sessions.SessionClaim] | None:
    """Who a session cookie signs in now, with their current role, and its claim; None if it signs nobody in.
    Read from the caches every page view uses (per database version), so checking a cookie opens no database: the
    page views and the download guard (ui/download_guard.py) ask the same question the same way."""
    claim = sessions.read(settings().session_secret, token)
    if not _session_current(claim):
        return None
    actor = demo_actor(claim.username) if claim.via == "demo account" else Actor(claim.username, None)
    valid = _still_valid(actor, claim.epoch, is_demo) if actor else None
    return (valid, claim) if valid is not None else None


def _from_cookie(is_demo: bool) -> None:
    found = cookie_actor(st.context.cookies.get(sessions.COOKIE_NAME), is_demo)
    if found is not None:
        actor, claim = found
        st.session_state[ACTOR_KEY] = (actor, claim.epoch)
        st.session_state[SESSION_KEY] = claim


def current_actor(is_demo: bool) -> Actor:
    """Who is using this session. The public (role None) when nobody is signed in."""
    oidc = _from_identity_provider()
    if oidc is not None:
        return oidc
    if ACTOR_KEY not in st.session_state and "cookie_checked" not in st.session_state:
        st.session_state["cookie_checked"] = True
        _from_cookie(is_demo)
    if ACTOR_KEY in st.session_state:
        actor, epoch = st.session_state[ACTOR_KEY]
        valid = _still_valid(actor, epoch, is_demo) if _session_current(st.session_state.get(SESSION_KEY)) else None
        if valid is not None:
            return valid
        forget()
    return PUBLIC


def forget() -> None:
    for key in (ACTOR_KEY, SESSION_KEY):
        st.session_state.pop(key, None)


def client_behind_proxies(direct: str | None, forwarded_for: str | None) -> str | None:
    """The browser's address, for throttling sign-ins, from the address that connected (`direct`; None for this
    machine) and the X-Forwarded-For header. Behind a reverse proxy on this machine (or one listed in
    trusted_proxies) every browser seems to come from the proxy, so the address the proxy put last is used; a
    browser connecting directly cannot pretend to be elsewhere that way."""
    if direct is None or direct in settings().trusted_proxies:
        forwarded = [part.strip() for part in (forwarded_for or "").split(",")]
        if forwarded[-1]:
            return forwarded[-1][:64]
    return direct


def client_address() -> str:
    """Where the browser of this page view connects from (client_behind_proxies)."""
    direct = st.context.ip_address  # None for this machine (127.0.0.1 or ::1)
    return client_behind_proxies(direct, st.context.headers.get("X-Forwarded-For")) or "this computer"


def change_password(actor: Actor, current: str, new: str) -> None:
    """Change a local account's own password. Every session of the account ends, this one too (the cookie is
    HttpOnly, so only the sign-in page can give this browser a new one): the person signs in again."""
    with open_store(settings().database) as con:
        change_own_password(con, actor.name, current, new, client=client_address())
    forget()


def sign_out_identity_provider() -> None:
    """Sign out of the identity provider's session (Streamlit's own cookie). A local or demonstration account signs
    out on the sign-out page (ui/session_routes.py), which ends the session on the server and clears the cookie."""
    st.logout()


def page_needs(actor: Actor, permission) -> None:
    """Stop the page with a refusal unless the actor may use it (a second check behind the navigation's)."""
    from accounts.roles import can, holders

    if not can(actor, permission):
        allowed = " or ".join(r.label for r in holders(permission))
        st.error(f"This page is only for the {allowed} role.", icon=":material/block:")
        st.stop()
