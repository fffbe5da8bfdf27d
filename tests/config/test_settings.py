"""Settings from the [dashboard] and [auth] sections of .streamlit/secrets.toml, with safe defaults."""

import secrets
import tomllib

import pytest

from accounts.settings import PROCESS_SECRET, SettingsError, secret_problem, settings_from
from tests.conftest import ROOT


def test_defaults_run_the_demo_with_no_secrets_file():
    settings = settings_from({}, None)
    assert settings.public_view and settings.local_accounts and settings.suppression_threshold == 4
    assert settings.oidc_provider is None and len(settings.session_secret) >= 32
    assert settings.demo_accounts_enabled(database_is_demo=True)
    assert not settings.demo_accounts_enabled(database_is_demo=False)


def test_demo_accounts_can_be_forced_either_way():
    assert settings_from({"demo_accounts": True}, None).demo_accounts_enabled(database_is_demo=False)
    assert not settings_from({"demo_accounts": False}, None).demo_accounts_enabled(database_is_demo=True)


def test_an_auth_section_turns_the_identity_provider_on():
    cookie = secrets.token_urlsafe(48)
    assert settings_from({}, {"redirect_uri": "x", "client_id": "y", "cookie_secret": cookie}).oidc_provider == ""
    named = settings_from({}, {"redirect_uri": "x", "cookie_secret": cookie, "microsoft": {"client_id": "y"}})
    assert named.oidc_provider == "microsoft"


@pytest.mark.parametrize(
    "section, message",
    [
        ({"suppression_threshold": 0}, "from 1 to 10"),
        ({"suppression_threshold": "4"}, "from 1 to 10"),
        ({"session_secret": "short"}, "at least 32 characters"),
        ({"session_secret": "x" * 48}, "too few different characters"),
        ({"session_secret": "a long sentence that anyone could guess, typed in"}, "placeholder"),
        ({"publicview": True}, "unknown setting"),
    ],
)
def test_mistakes_are_named(section, message):
    with pytest.raises(SettingsError, match=message):
        settings_from(section, None)


def test_the_example_files_secrets_are_refused():
    """Copied unchanged from secrets.example.toml, they passed the length check: anyone could then sign a session as
    the performance team (session_secret) or as an OIDC user (cookie_secret)."""
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text())
    with pytest.raises(SettingsError, match="session_secret is still a placeholder"):
        settings_from(example["dashboard"], None)
    good = {**example["dashboard"], "session_secret": secrets.token_urlsafe(48)}
    with pytest.raises(SettingsError, match=r"cookie_secret in \[auth\] is still a placeholder"):
        settings_from(good, example["auth"])
    assert settings_from(good, {**example["auth"], "cookie_secret": secrets.token_urlsafe(48)}).oidc_provider == ""


def test_a_secret_written_anywhere_in_the_repository_is_refused(tmp_path):
    published = secrets.token_urlsafe(48)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "setup.md").write_text(f'Set session_secret = "{published}"\n')
    (tmp_path / "secrets.toml").write_text(f'session_secret = "{published}"\n')  # the real file is not published
    assert "written in the project's file docs/setup.md" in secret_problem("session_secret", published, tmp_path)
    assert secret_problem("session_secret", secrets.token_urlsafe(48), tmp_path) is None
    (tmp_path / "docs" / "setup.md").unlink()
    assert secret_problem("session_secret", published, tmp_path) is None


def test_without_a_secret_one_is_made_per_process_and_no_cache_clearing_changes_it():
    """Streamlit lets any browser ask the server to clear its caches: the secret used to live in one, so a stranger
    could sign everyone out."""
    import streamlit as st

    from ui import auth

    assert settings_from({}, None).session_secret == PROCESS_SECRET == settings_from({}, None).session_secret
    before = auth.settings().session_secret
    st.cache_resource.clear()
    st.cache_data.clear()
    assert auth.settings().session_secret == before == PROCESS_SECRET
