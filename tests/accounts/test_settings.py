"""Settings from the [dashboard] and [auth] sections of .streamlit/secrets.toml, with safe defaults."""

import pytest

from accounts.settings import SettingsError, settings_from


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
    assert settings_from({}, {"redirect_uri": "x", "client_id": "y"}).oidc_provider == ""  # the default provider
    named = settings_from({}, {"redirect_uri": "x", "microsoft": {"client_id": "y"}})
    assert named.oidc_provider == "microsoft"


@pytest.mark.parametrize("section, message", [
    ({"suppression_threshold": 0}, "from 1 to 10"),
    ({"suppression_threshold": "4"}, "from 1 to 10"),
    ({"session_secret": "short"}, "at least 32 characters"),
    ({"publicview": True}, "unknown setting"),
])
def test_mistakes_are_named(section, message):
    with pytest.raises(SettingsError, match=message):
        settings_from(section, None)
