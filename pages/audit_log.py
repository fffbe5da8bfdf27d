"""Audit log: every change to data or configuration, newest first, with who made it."""

from html import escape

import streamlit as st

from accounts.roles import Permission, Role
from domain.months import moment_label
from ui import admin, auth, long_lists
from ui import context as app_context
from ui.html import STYLE, table

context = app_context.load()
auth.page_needs(context.actor, Permission.SEE_AUDIT_LOG)
st.title("Audit log")
st.markdown(
    "Every upload, rollback, change to the timeline's events and change to accounts, newest first. "
    "Entries are never changed or removed. The latest 500 are shown; `python -m accounts audit` lists more."
)
entries = admin.audit_entries()
if entries.empty:
    st.info("Nothing has been changed yet.")
    st.stop()
ROLE_LABELS = {role.value: role.label for role in Role}
listed, caption = long_lists.newest_first(
    entries, "action", {action: action for action in entries.action.unique()}, "Changes", "audit"
)
rows = [
    [
        escape(moment_label(e.changed_at)),
        escape(e.actor),
        escape(ROLE_LABELS.get(e.actor_role, e.actor_role)),
        escape(e.via),
        escape(e.action),
        escape(e.subject),
        escape(e.detail or ""),
    ]
    for e in listed.itertuples()
]
st.html(
    STYLE
    + table(
        caption,
        ["When", "Who", "Role", "How", "Change", "What", "Detail"],
        rows,
        widths=[12, 14, 14, 11, 10, 12, 27],
    )
)
