"""Who may do what: roles, local accounts, sign-in sessions, the identity provider's role mapping and the audit log.

No Streamlit here: the app (ui/auth.py), the command line (`python -m accounts`) and the loaders all use it.
"""
