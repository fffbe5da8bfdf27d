"""Sign in: with the organisation's account (if set up), or a local user name and password on the app's own
sign-in page (ui/session_routes.py), which sets the session cookie itself and then goes back to the page the person
came from (the `next` in this page's address, which the menu's Sign in link and a refused page's link carry)."""

from html import escape

import streamlit as st

from ui import auth, session_routes
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
    st.html(
        f'<p><a class="sign-in-link" href="{escape(session_routes.sign_in_address(st.query_params.get("next")))}" '
        'target="_self">Sign in with a user name and password</a></p>',
        width="content",
    )
elif settings.oidc_provider is None:
    st.warning("No way of signing in is set up. An administrator should configure .streamlit/secrets.toml.")
