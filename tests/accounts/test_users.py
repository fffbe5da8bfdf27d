"""Local accounts: adding, throttled sign-in, resets, disabling; every change audited, refused ones change nothing."""

import datetime as dt

import duckdb
import pytest

from accounts import audit
from accounts.passwords import verify_password
from accounts.roles import NotAllowed, Role
from accounts.users import (
    AccountError,
    SignInRefused,
    add_account,
    get_account,
    reset_password,
    set_disabled,
    set_role,
    sign_in,
)
from domain.schema import ensure_schema
from tests.actors import person

ADMIN = person(Role.ADMIN, "the.admin")
PASSWORD = "correct horse battery"
NOON = dt.datetime(2026, 11, 23, 12, 0)


@pytest.fixture
def con():
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    add_account(connection, ADMIN, "J.Smith", "Jo Smith", Role.VIEWER, PASSWORD)
    yield connection
    connection.close()


def test_an_account_is_stored_lower_case_with_a_slow_hash_not_the_password(con):
    account = get_account(con, "j.smith")
    assert (account.display_name, account.role, account.session_epoch) == ("Jo Smith", Role.VIEWER, 1)
    stored = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored and verify_password(stored, PASSWORD)


def test_adding_is_audited_with_who_did_it(con):
    row = audit.entries(con).iloc[0]
    assert (row.actor, row.actor_role, row.action, row.subject, row.detail) == (
        "the.admin", "admin", "add user", "user j.smith", "role viewer")


@pytest.mark.parametrize("username, password, message", [
    ("j.smith", PASSWORD, "already an account"),
    ("x", PASSWORD, "2 to 64"),
    ("new.person", "short", "at least 12 characters"),
    ("new.person", "new.person is my password", "must not contain the user name"),
])
def test_bad_accounts_are_refused_and_nothing_is_added(con, username, password, message):
    with pytest.raises(AccountError, match=message):
        add_account(con, ADMIN, username, "Someone", Role.VIEWER, password)
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 1
    assert len(audit.entries(con)) == 1


@pytest.mark.parametrize("role", [Role.VIEWER, Role.DIRECTOR, Role.PERFORMANCE])
def test_only_an_administrator_manages_accounts(con, role):
    with pytest.raises(NotAllowed):
        add_account(con, person(role), "new.person", "New Person", Role.ADMIN, PASSWORD)
    with pytest.raises(NotAllowed):
        set_role(con, person(role), "j.smith", Role.PERFORMANCE)
    assert get_account(con, "j.smith").role == Role.VIEWER and len(audit.entries(con)) == 1


def test_sign_in_with_the_right_password_in_any_case_of_user_name(con):
    assert sign_in(con, " J.SMITH ", PASSWORD, NOON).username == "j.smith"


def test_wrong_password_and_unknown_user_get_the_same_message(con):
    with pytest.raises(SignInRefused) as wrong:
        sign_in(con, "j.smith", "not the password", NOON)
    with pytest.raises(SignInRefused) as unknown:
        sign_in(con, "nobody", PASSWORD, NOON)
    assert str(wrong.value) == str(unknown.value) == "The user name or password is not right."


def test_failed_attempts_lock_the_account_for_a_doubling_time(con):
    for _ in range(4):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in(con, "j.smith", "wrong password!", NOON)
    assert get_account(con, "j.smith").locked_until is None  # four free attempts
    with pytest.raises(SignInRefused, match="not right"):
        sign_in(con, "j.smith", "wrong password!", NOON)
    assert get_account(con, "j.smith").locked_until == NOON + dt.timedelta(minutes=1)
    with pytest.raises(SignInRefused, match="Try again after 12:01"):
        sign_in(con, "j.smith", PASSWORD, NOON + dt.timedelta(seconds=30))  # even the right password waits
    later = NOON + dt.timedelta(minutes=2)
    with pytest.raises(SignInRefused, match="not right"):
        sign_in(con, "j.smith", "wrong password!", later)
    assert get_account(con, "j.smith").locked_until == later + dt.timedelta(minutes=2)
    account = sign_in(con, "j.smith", PASSWORD, later + dt.timedelta(minutes=3))
    assert (account.failed_attempts, account.locked_until) == (0, None)


def test_reset_unlocks_and_ends_sessions(con):
    for _ in range(6):
        with pytest.raises(SignInRefused):
            sign_in(con, "j.smith", "wrong password!", NOON)
    reset_password(con, ADMIN, "j.smith", "a brand new passphrase")
    account = sign_in(con, "j.smith", "a brand new passphrase", NOON)
    assert account.session_epoch == 2
    with pytest.raises(SignInRefused):
        sign_in(con, "j.smith", PASSWORD, NOON)
    assert audit.entries(con).iloc[0].action == "reset password"


def test_disabled_accounts_cannot_sign_in_and_are_kept(con):
    set_disabled(con, ADMIN, "j.smith", True)
    with pytest.raises(SignInRefused, match="disabled"):
        sign_in(con, "j.smith", PASSWORD, NOON)
    assert get_account(con, "j.smith").session_epoch == 2
    set_disabled(con, ADMIN, "j.smith", False)
    assert sign_in(con, "j.smith", PASSWORD, NOON).username == "j.smith"
    assert audit.entries(con).action.tolist()[:2] == ["enable user", "disable user"]


def test_role_change_is_audited_with_old_and_new(con):
    set_role(con, ADMIN, "j.smith", Role.DIRECTOR)
    assert get_account(con, "j.smith").role == Role.DIRECTOR
    assert audit.entries(con).iloc[0].detail == "viewer to director"


def test_an_administrator_cannot_disable_themselves(con):
    add_account(con, ADMIN, "the.admin", "The Admin", Role.ADMIN, PASSWORD)
    with pytest.raises(AccountError, match="your own account"):
        set_disabled(con, ADMIN, "the.admin", True)


def test_changing_your_own_password_needs_the_current_one_and_ends_other_sessions(con):
    from accounts.users import change_own_password

    with pytest.raises(SignInRefused):
        change_own_password(con, "j.smith", "not my password", "a fresh passphrase here")
    account = change_own_password(con, "j.smith", PASSWORD, "a fresh passphrase here")
    assert account.session_epoch == 2 and sign_in(con, "j.smith", "a fresh passphrase here", NOON)
    with pytest.raises(AccountError, match="at least 12"):
        change_own_password(con, "j.smith", "a fresh passphrase here", "short")
    assert audit.entries(con).iloc[0].action == "change own password"
