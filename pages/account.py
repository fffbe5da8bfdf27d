"""Your account: who you are signed in as, what your role lets you do, and signing out."""

import streamlit as st

from accounts.roles import GRANTS, Permission
from ui import auth
from ui import context as app_context

context = app_context.load()
actor = context.actor
st.title("Your account")
if actor.is_public:
    st.info("You are not signed in.")
    st.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
    st.stop()

st.markdown(f"You are signed in as **{actor.display_name or actor.name}** (user name `{actor.name}`), "
            f"through {'a ' if actor.via != 'identity provider' else 'the '}{actor.via}.")
if actor.role is None:
    st.warning("No role has been given to you yet. Ask an administrator.")
else:
    st.markdown(f"Your role is **{actor.role.label}**. It lets you:")
    st.markdown("\n".join(f"- {permission.value.capitalize()}" for permission in Permission
                          if permission in GRANTS[actor.role]))
if st.button("Sign out", key="account_sign_out", icon=":material/logout:"):
    auth.sign_out(actor)
    st.rerun()
