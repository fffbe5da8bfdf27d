"""Demonstration accounts, one per role, with passwords published in the README.

They exist only in this file (never in the database) and work only while the settings enable them: by default,
only while the dashboard shows demonstration data. The app warns on every page if they are enabled with real data.
"""

import hmac

from accounts.roles import Actor, Role

DEMO_ACCOUNTS: dict[str, tuple[str, Role, str]] = {  # user name: (name, role, password)
    "demo.viewer": ("Demo scrutiny member", Role.VIEWER, "demo-viewer"),
    "demo.director": ("Demo director", Role.DIRECTOR, "demo-director"),
    "demo.performance": ("Demo performance officer", Role.PERFORMANCE, "demo-performance"),
    "demo.admin": ("Demo administrator", Role.ADMIN, "demo-admin"),
}


def demo_actor(username: str) -> Actor | None:
    entry = DEMO_ACCOUNTS.get(username.strip().lower())
    return Actor(username.strip().lower(), entry[1], "demo account", entry[0]) if entry else None


def demo_sign_in(username: str, password: str) -> Actor | None:
    entry = DEMO_ACCOUNTS.get(username.strip().lower())
    if entry and hmac.compare_digest(entry[2].encode(), password.encode()):
        return demo_actor(username)
    return None
