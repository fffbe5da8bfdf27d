"""Every setting in one object (config.Settings): the files named by the environment, the dashboard's own council,
and the [dashboard] and [auth] sections of .streamlit/secrets.toml, with safe defaults and one clear error for a bad
value."""

import os
import secrets
import tomllib

import pytest

import config
from config.secret_checks import PROCESS_SECRET, secret_problem
from config.settings import SettingsError
from config.settings import load as settings_from
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
        ({"frame_ancestors": "https://intranet.example.gov.uk"}, "frame_ancestors must be a list"),
        ({"frame_ancestors": ["http://intranet.example.gov.uk"]}, "frame_ancestors must be a list of https://"),
        ({"frame_ancestors": ["https://x.example; script-src *"]}, "frame_ancestors must be a list of https://"),
    ],
)
def test_mistakes_are_named(section, message):
    with pytest.raises(SettingsError, match=message):
        settings_from(section, None)


def test_sites_that_may_frame_the_dashboard_are_read():
    assert settings_from({"frame_ancestors": ["https://intranet.example.gov.uk"]}, None).frame_ancestors == (
        "https://intranet.example.gov.uk",
    )
    assert settings_from({}, None).frame_ancestors == ()


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


def test_the_files_and_the_council_are_in_the_same_object(tmp_path):
    settings = settings_from({}, None, environ={"DASHBOARD_DB": str(tmp_path / "x.duckdb")})
    assert settings.database == tmp_path / "x.duckdb" and settings.catalogue == ROOT / "data" / "kpis.toml"
    assert settings.home_council == "884" and settings.demo_dir == ROOT / "data" / "demo"


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"DASHBOARD_DB": "/no/such/folder/x.duckdb"}, "DASHBOARD_DB: the folder for the database"),
        ({"DASHBOARD_CATALOGUE": "/no/such/kpis.toml"}, "DASHBOARD_CATALOGUE: there is no file"),
        ({"DASHBOARD_WORKSTREAMS": "/no/such/workstreams.toml"}, "DASHBOARD_WORKSTREAMS: there is no file"),
    ],
)
def test_a_missing_file_is_named_with_the_variable_that_names_it(environ, message):
    with pytest.raises(SettingsError, match=message):
        settings_from({}, None, environ=environ)


@pytest.mark.parametrize(
    "section, message",
    [
        ({"public_view": "no"}, "public_view must be true or false, not 'no'"),
        ({"demo_accounts": 1}, "demo_accounts must be true or false"),
        ({"trusted_proxies": "10.0.0.5"}, "trusted_proxies must be a list"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_refused_not_read_as_true(section, message):
    """bool("no") is True: a public_view = "no" used to turn the public view on."""
    with pytest.raises(SettingsError, match=message):
        settings_from(section, None)


@pytest.mark.parametrize(
    "text, message",
    [
        ('council = "Nowhere"\n', "council_code is missing"),
        ('council_code = "999"\n', "council_code '999' is not the DfE LA code of a council"),
    ],
)
def test_the_dashboards_own_council_must_be_a_council(tmp_path, monkeypatch, text, message):
    measures = tmp_path / "published_measures.toml"
    measures.write_text(text)
    monkeypatch.setattr(config.settings, "PUBLISHED_MEASURES", measures)
    monkeypatch.setattr(config.settings, "PROJECT_ROOT", tmp_path)
    with pytest.raises(SettingsError, match=message):
        settings_from({}, None)


def test_code_outside_the_app_reads_the_same_settings_from_the_secrets_file(tmp_path, monkeypatch):
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text("[dashboard]\nsuppression_threshold = 6\n")
    monkeypatch.setattr(config.settings, "SECRETS_FILE", secrets_file)
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "other.duckdb"))
    assert config.current().suppression_threshold == 6 and config.current().database == tmp_path / "other.duckdb"
    secrets_file.write_text("[dashboard]\nsuppression_threshold = 60\n")
    os.utime(secrets_file, (1, 1))  # a new modification time, however fast the machine
    with pytest.raises(SettingsError, match="from 1 to 10"):
        config.current()
