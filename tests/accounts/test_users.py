"""Local accounts: adding, throttled sign-in, resets, disabling; every change audited, refused ones change nothing."""

import datetime as dt

import pytest

from accounts import audit, throttle
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
from tests.accounts.conftest import ADMIN, PASSWORD
from tests.actors import person

NOON = dt.datetime(2026, 11, 23, 12, 0)


def test_an_account_is_stored_lower_case_with_a_slow_hash_not_the_password(con):
    account = get_account(con, "j.smith")
    assert (account.display_name, account.role, account.session_epoch) == ("Jo Smith", Role.VIEWER, 1)
    stored = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored and verify_password(stored, PASSWORD)


def test_adding_is_audited_with_who_did_it(con):
    row = audit.entries(con).iloc[0]
    assert (row.actor, row.actor_role, row.action, row.subject, row.detail) == (
        "the.admin",
        "admin",
        "add user",
        "user j.smith",
        "role viewer",
    )


@pytest.mark.parametrize(
    "username, password, message",
    [
        ("j.smith", PASSWORD, "already an account"),
        ("x", PASSWORD, "2 to 64"),
        ("new.person", "short", "at least 12 characters"),
        ("new.person", "new.person is my password", "must not contain the user name"),
    ],
)
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


def test_failed_attempts_make_the_name_wait_a_doubling_time_from_that_client(con):
    for _ in range(5):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in(con, "j.smith", "wrong password!", NOON, client="203.0.113.9")
    with pytest.raises(SignInRefused, match="Try again after 12:01"):  # five failures: a minute's wait
        sign_in(con, "j.smith", PASSWORD, NOON + dt.timedelta(seconds=30), client="203.0.113.9")
    later = NOON + dt.timedelta(minutes=2)
    with pytest.raises(SignInRefused, match="not right"):
        sign_in(con, "j.smith", "wrong password!", later, client="203.0.113.9")
    with pytest.raises(SignInRefused, match="Try again after 12:04"):  # six: two minutes
        sign_in(con, "j.smith", PASSWORD, later + dt.timedelta(minutes=1), client="203.0.113.9")
    assert sign_in(con, "j.smith", PASSWORD, later + dt.timedelta(minutes=3), client="203.0.113.9")
    assert throttle.recent_failures(con, "j.smith", later) == 0  # a good sign-in forgets that client's failures


def test_someone_guessing_elsewhere_cannot_keep_the_account_locked(con):
    """One attempt an hour from anywhere used to keep an administrator locked out for good."""
    for hour in range(6):
        with pytest.raises(SignInRefused):
            sign_in(con, "j.smith", "wrong password!", NOON + dt.timedelta(hours=hour), client="198.51.100.7")
    assert sign_in(con, "j.smith", PASSWORD, NOON + dt.timedelta(hours=5), client="192.0.2.10").username == "j.smith"


def test_the_refusals_are_the_same_for_a_name_with_no_account(con):
    """The sixth wrong password said 'Too many failed attempts for this account' only for real accounts."""
    messages = {}
    for name in ("j.smith", "nobody.here"):
        seen = []
        for attempt in range(7):
            with pytest.raises(SignInRefused) as refused:
                sign_in(con, name, "wrong password!", NOON + dt.timedelta(seconds=attempt), client="203.0.113.9")
            seen.append(str(refused.value))
        messages[name] = seen
    assert messages["j.smith"] == messages["nobody.here"]
    assert messages["j.smith"][4].endswith("not right.") and messages["j.smith"][5].startswith("Too many failed")


def test_one_client_trying_many_names_is_slowed_down(con):
    for number in range(throttle.CLIENT_FAILURES):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in(con, f"guess{number}", "wrong password!", NOON, client="198.51.100.7")
    with pytest.raises(SignInRefused, match=r"from your network address\. Try again after 12:15"):
        sign_in(con, "j.smith", PASSWORD, NOON, client="198.51.100.7")
    rows = con.execute("SELECT count(*) FROM sign_in_failures").fetchone()[0]
    with pytest.raises(SignInRefused):
        sign_in(con, "j.smith", "wrong password!", NOON, client="198.51.100.7")
    assert con.execute("SELECT count(*) FROM sign_in_failures").fetchone()[0] == rows  # refused: nothing written
    assert sign_in(con, "j.smith", PASSWORD, NOON, client="192.0.2.10")  # other clients are not slowed
    assert sign_in(con, "j.smith", PASSWORD, NOON + throttle.CLIENT_WINDOW, client="198.51.100.7")


def test_sign_ins_and_failures_are_in_the_audit_log_without_unknown_names(con):
    with pytest.raises(SignInRefused):
        sign_in(con, "j.smith", "wrong password!", NOON, client="203.0.113.9")
    with pytest.raises(SignInRefused):
        sign_in(con, "correct horse battery", "oops", NOON, client="203.0.113.9")  # a password typed as the name
    sign_in(con, "j.smith", PASSWORD, NOON, client="203.0.113.9")
    entries = audit.entries(con)
    assert [tuple(row) for row in entries[["actor", "action", "subject", "detail"]].head(3).values] == [
        ("j.smith", "sign in", "user j.smith", "from 203.0.113.9"),
        ("public", "sign-in failed", "an unknown user name", "wrong password, from 203.0.113.9"),
        ("public", "sign-in failed", "user j.smith", "wrong password, from 203.0.113.9"),
    ]
    assert "correct horse" not in " ".join(str(v) for v in entries.values.ravel())
    assert "correct horse" not in str(con.execute("SELECT * FROM sign_in_failures").fetchall())


def test_reset_unlocks_and_ends_sessions(con):
    for _ in range(6):
        with pytest.raises(SignInRefused):
            sign_in(con, "j.smith", "wrong password!", NOON)
    reset_password(con, ADMIN, "j.smith", "a brand new passphrase")
    account = sign_in(con, "j.smith", "a brand new passphrase", NOON)
    assert account.session_epoch == 2
    with pytest.raises(SignInRefused):
        sign_in(con, "j.smith", PASSWORD, NOON)
    assert audit.entries(con).action.tolist()[:3] == ["sign-in failed", "sign in", "reset password"]


def test_disabled_accounts_cannot_sign_in_and_are_kept(con):
    set_disabled(con, ADMIN, "j.smith", True)
    with pytest.raises(SignInRefused, match="disabled"):
        sign_in(con, "j.smith", PASSWORD, NOON)
    assert get_account(con, "j.smith").session_epoch == 2
    set_disabled(con, ADMIN, "j.smith", False)
    assert sign_in(con, "j.smith", PASSWORD, NOON).username == "j.smith"
    assert audit.entries(con).action.tolist()[:4] == ["sign in", "enable user", "sign-in failed", "disable user"]


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
    assert audit.entries(con).action.tolist()[:2] == ["sign in", "change own password"]
