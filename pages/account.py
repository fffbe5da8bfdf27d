"""Your account: who you are signed in as, what your role lets you do, and signing out."""

import streamlit as st

from accounts.roles import GRANTS, Permission
from accounts.users import AccountError, SignInRefused
from ui import auth
from ui import context as app_context
from ui.shell import sign_out_button
from ui.text import plain

context = app_context.load()
actor = context.actor
st.title("Your account")
if "account_notice" in st.session_state and actor.is_public:
    st.success(st.session_state.pop("account_notice"))
if actor.is_public:
    st.info("You are not signed in.")
    st.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
    st.stop()

st.markdown(
    f"You are signed in as **{plain(actor.display_name or actor.name)}** (user name {plain(actor.name)}), "
    f"through {'a ' if actor.via != 'identity provider' else 'the '}{actor.via}."
)
if actor.role is None:
    st.warning("No role has been given to you yet. Ask an administrator.")
else:
    st.markdown(f"Your role is **{actor.role.label}**. It lets you:")
    st.markdown(
        "\n".join(f"- {permission.value.capitalize()}" for permission in Permission if permission in GRANTS[actor.role])
    )
sign_out_button(actor, "account_sign_out")

if actor.via == "local account":
    if "account_notice" in st.session_state:
        st.success(st.session_state.pop("account_notice"))
    with st.form("change_password", clear_on_submit=True):
        st.subheader("Change your password")
        current = st.text_input(
            "Current password", type="password", autocomplete="current-password", key="current_password"
        )
        new = st.text_input(
            "New password (at least 12 characters)", type="password", autocomplete="new-password", key="new_password"
        )
        again = st.text_input(
            "New password again", type="password", autocomplete="new-password", key="new_password_again"
        )
        if st.form_submit_button("Change my password"):
            if new != again:
                st.error("The two new passwords are different. Nothing was changed.")
            else:
                try:
                    auth.change_password(actor, current, new)
                except (SignInRefused, AccountError) as refused:
                    st.error(f"Nothing was changed: {refused}")
                else:
                    st.session_state["account_notice"] = (
                        "Your password is changed. Every place you were signed in has been signed out, this browser "
                        "too: sign in again with your new password."
                    )
                    st.rerun()
