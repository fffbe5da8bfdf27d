"""Sign in: with the organisation's account (if set up), or a local user name and password."""

import streamlit as st

from accounts.demo import DEMO_ACCOUNTS
from accounts.users import SignInRefused
from ui import auth
from ui import context as app_context
from ui.text import plain

context = app_context.load()
settings = auth.settings()
st.title("Sign in")
if not context.actor.is_public:
    st.success(f"You are signed in as {plain(context.actor.description)}.")
    st.page_link("pages/account.py", label="Your account", icon=":material/person:")
    st.stop()

st.markdown(
    "Members and officers sign in to see every figure and the pages their role allows. "
    + ("Without signing in you can use the public view." if settings.public_view else "")
)
if settings.oidc_provider is not None:
    st.subheader(f"With {settings.oidc_label}")
    if st.button(f"Sign in with {settings.oidc_label}", type="primary", key="oidc_sign_in", icon=":material/badge:"):
        st.login(settings.oidc_provider or None)

if settings.local_accounts:
    st.subheader("With a user name and password")
    with st.form("sign_in"):
        username = st.text_input("User name", autocomplete="username", key="sign_in_username")
        password = st.text_input("Password", type="password", autocomplete="current-password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            actor = auth.sign_in_locally(username, password, context.is_demo)
        except SignInRefused as refused:
            st.error(str(refused), icon=":material/error:")
        else:
            st.session_state["signed_in_message"] = f"Signed in as {actor.description}."
            st.switch_page("pages/scorecard.py")
    if auth.demo_accounts_on(context.is_demo):
        st.subheader("Demonstration accounts")
        st.markdown("This dashboard holds demonstration data, so these accounts work (one per role):")
        st.table(
            [
                {"User name": name, "Password": password, "Role": role.label}
                for name, (_, role, password) in DEMO_ACCOUNTS.items()
            ]
        )
elif settings.oidc_provider is None:
    st.warning("No way of signing in is set up. An administrator should configure .streamlit/secrets.toml.")
