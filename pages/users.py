"""Users (administrators): local accounts, their roles, password resets and disabling. Every change is audited."""

from html import escape

import streamlit as st

from accounts.roles import Permission, Role
from accounts.users import AccountError, add_account, reset_password, set_disabled, set_role
from domain.months import short_day_label
from ui import admin, auth
from ui import context as app_context
from ui.html import STYLE, table
from ui.text import plain

context = app_context.load()
auth.page_needs(context.actor, Permission.MANAGE_USERS)
st.title("Users")
st.markdown(
    "Local accounts, for people who do not sign in with the organisation's account. Accounts are never "
    "deleted, so the audit log can always name who did what: disable an account instead. People who "
    "sign in with the organisation's account get their role from the roles file "
    f"(`{auth.settings().roles_file.name}`). After five wrong passwords from one place, a user name waits "
    "a minute there, doubling up to an hour; a password reset lets the person in at once. Every sign-in and "
    "failed attempt is in the audit log."
)
if "users_done" in st.session_state:
    st.success(plain(st.session_state.pop("users_done")))

ROLES = list(Role)
accounts = auth.accounts()
rows = [
    [
        escape(a.username),
        escape(a.display_name),
        escape(a.role.label),
        "Disabled" if a.is_disabled else "Active",
        escape(short_day_label(a.created_at)),
    ]
    for a in accounts.values()
]
if rows:
    st.html(
        STYLE
        + table("Local accounts", ["User name", "Name", "Role", "State", "Added"], rows, widths=[20, 25, 25, 15, 15])
    )
else:
    st.info("There are no local accounts yet.")


def done(message: str, action, *args) -> None:
    try:
        admin.change(action, context.actor, *args)
    except AccountError as refused:
        st.error(f"Nothing was changed: {plain(refused)}.")
    else:
        st.session_state["users_done"] = message
        st.rerun()


with st.form("add_user", clear_on_submit=True):
    st.subheader("Add an account")
    username = st.text_input("User name (e.g. j.smith)", key="new_username")
    name = st.text_input("Full name", key="new_name")
    role = st.selectbox("Role", ROLES, format_func=lambda r: r.label, key="new_role")
    password = st.text_input(
        "First password (at least 12 characters; tell the person separately)",
        type="password",
        autocomplete="new-password",
        key="new_password",
    )
    if st.form_submit_button("Add the account"):
        done(f"Added {username.strip().lower()} as {role.label}.", add_account, username, name, role, password)

names = list(accounts)
if names:
    with st.form("change_user"):
        st.subheader("Change an account")
        chosen = st.selectbox("Account", names, key="change_username")
        new_role = st.selectbox("New role", ROLES, format_func=lambda r: r.label, key="change_role")
        if st.form_submit_button("Change the role"):
            done(f"{chosen} is now {new_role.label}.", set_role, chosen, new_role)
    with st.form("reset_user", clear_on_submit=True):
        st.subheader("Reset a password")
        chosen = st.selectbox("Account", names, key="reset_username")
        new_password = st.text_input("New password", type="password", autocomplete="new-password", key="reset_password")
        if st.form_submit_button("Reset the password"):
            done(f"New password set for {chosen}; its sessions have ended.", reset_password, chosen, new_password)
    with st.form("disable_user"):
        st.subheader("Disable or enable an account")
        chosen = st.selectbox("Account", names, key="disable_username")
        disable = st.radio("Change", ["Disable", "Enable"], horizontal=True, key="disable_choice") == "Disable"
        if st.form_submit_button("Apply"):
            done(f"{chosen} is {'disabled' if disable else 'enabled'}.", set_disabled, chosen, disable)
