"""Signing in and out with a password, and what a session cookie signs in as time and the account change."""

import datetime as dt

import pytest

from accounts import local_sign_in, sessions
from accounts.roles import Role
from accounts.users import SignInRefused, change_own_password, reset_password, set_disabled, set_role
from config import clock
from tests.accounts.conftest import ADMIN, PASSWORD

SECRET = b"t" * 48


def signed_in(con, token, demo_on=False):
    found = local_sign_in.session_actor(con, SECRET, token, demo_on)
    return found[0] if found else None


def test_each_sign_in_is_a_new_session_with_the_accounts_current_role(con):
    actor, first = local_sign_in.sign_in_with_password(con, SECRET, "J.Smith", PASSWORD, "10.0.0.1", False)
    _, second = local_sign_in.sign_in_with_password(con, SECRET, "j.smith", PASSWORD, "10.0.0.1", False)
    assert actor.name == "j.smith" and first != second
    assert sessions.read(SECRET, first).session_id != sessions.read(SECRET, second).session_id
    set_role(con, ADMIN, "j.smith", Role.DIRECTOR)
    assert signed_in(con, first).role == Role.DIRECTOR  # looked up again, not carried in the cookie


def test_signing_out_ends_that_session_only(con):
    _, token = local_sign_in.sign_in_with_password(con, SECRET, "j.smith", PASSWORD, "here", False)
    _, elsewhere = local_sign_in.sign_in_with_password(con, SECRET, "j.smith", PASSWORD, "there", False)
    assert local_sign_in.sign_out(con, SECRET, token, False).name == "j.smith"
    assert signed_in(con, token) is None and signed_in(con, elsewhere) is not None
    assert local_sign_in.sign_out(con, SECRET, token, False) is None  # nothing left to end
    actions = [row[0] for row in con.execute("SELECT action FROM audit_log ORDER BY audit_id").fetchall()]
    assert actions[-3:] == ["sign in", "sign in", "sign out"]


@pytest.mark.parametrize(
    "change",
    [
        lambda con: change_own_password(con, "j.smith", PASSWORD, "another long passphrase"),
        lambda con: reset_password(con, ADMIN, "j.smith", "another long passphrase"),
        lambda con: set_disabled(con, ADMIN, "j.smith", True),
    ],
    ids=["password changed", "password reset", "disabled"],
)
def test_a_password_change_reset_or_disabling_ends_every_session(con, change):
    _, token = local_sign_in.sign_in_with_password(con, SECRET, "j.smith", PASSWORD, "here", False)
    change(con)
    assert signed_in(con, token) is None


def test_a_forged_or_expired_cookie_signs_nobody_in(con):
    _, token = local_sign_in.sign_in_with_password(con, SECRET, "j.smith", PASSWORD, "here", False)
    assert local_sign_in.session_actor(con, b"x" * 48, token, False) is None
    later = clock.now() + sessions.LIFETIME + dt.timedelta(minutes=1)
    assert local_sign_in.session_actor(con, SECRET, token, False, now=later) is None


def test_demonstration_accounts_sign_in_only_while_they_are_on(con):
    with pytest.raises(SignInRefused):
        local_sign_in.sign_in_with_password(con, SECRET, "demo.viewer", "demo-viewer", "here", False)
    actor, token = local_sign_in.sign_in_with_password(con, SECRET, "demo.viewer", "demo-viewer", "here", True)
    assert actor.role == Role.VIEWER and signed_in(con, token, demo_on=True).name == "demo.viewer"
    assert signed_in(con, token, demo_on=False) is None  # switched off since: the cookie no longer works
