"""What the administration pages call: accounts and the audit log, through one short-lived connection each."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from accounts import audit
from accounts.roles import Actor
from database.connection import open_store
from ui import auth
from ui.context import database_version


def change(action: Callable, actor: Actor, *args) -> None:
    """Run one accounts change (add_account, reset_password, set_role, set_disabled) as `actor`."""
    with open_store(auth.settings().database) as con:
        action(con, actor, *args)


@st.cache_data(show_spinner=False, max_entries=4)
def _audit_entries(db_path: str, version: tuple, limit: int) -> pd.DataFrame:
    with open_store(db_path) as con:
        return audit.entries(con, limit)


def audit_entries(limit: int = 500) -> pd.DataFrame:
    """The newest entries of the audit log, kept until the database changes (every audited change writes to it)."""
    return _audit_entries(str(auth.settings().database), database_version(), limit)


def record(actor: Actor, action: str, subject: str, detail: str | None = None) -> None:
    """Record a change made outside the database (the events file) in the audit log."""
    with open_store(auth.settings().database) as con:
        audit.record(con, actor, action, subject, detail)
