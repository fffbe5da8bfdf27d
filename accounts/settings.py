"""How sign-in and the public view are set up, from the [dashboard] section of .streamlit/secrets.toml.

Every setting has a default, so the demo runs with no secrets file: public view on, local accounts on, demo
accounts on while the database holds demonstration data, no identity provider."""

import secrets
from dataclasses import dataclass
from pathlib import Path

from domain.paths import DATA_DIR

DEFAULT_THRESHOLD = 4  # DfE: counts of 1 to 4 children are shown as "c"


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    public_view: bool = True  # people who are not signed in see the suppressed public view
    local_accounts: bool = True
    demo_accounts: bool | None = None  # None: on exactly while the database shows demonstration data
    suppression_threshold: int = DEFAULT_THRESHOLD
    session_secret: bytes = b""  # signs local sign-in cookies; random per process if not set
    oidc_provider: str | None = None  # None: no identity provider; "" uses [auth]; a name uses [auth.<name>]
    oidc_label: str = "your organisation's account"
    roles_file: Path = DATA_DIR / "roles.toml"
    other_councils: bool = False  # accept returns for councils other than the dashboard's own (a consortium)

    def demo_accounts_enabled(self, database_is_demo: bool) -> bool:
        return database_is_demo if self.demo_accounts is None else self.demo_accounts


def settings_from(section: dict, auth_section: dict | None) -> Settings:
    """Settings from the secrets file's [dashboard] and [auth] sections (plain dicts)."""
    known = {"public_view", "local_accounts", "demo_accounts", "suppression_threshold", "session_secret",
             "oidc_provider", "oidc_label", "roles_file", "other_councils"}
    unknown = set(section) - known
    if unknown:
        raise SettingsError(f"unknown setting(s) in [dashboard]: {', '.join(sorted(unknown))}")
    threshold = section.get("suppression_threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or not 1 <= threshold <= 10:
        raise SettingsError("suppression_threshold must be a whole number from 1 to 10")
    secret = str(section.get("session_secret", ""))
    if secret and len(secret) < 32:
        raise SettingsError("session_secret must be at least 32 characters (use: python -c \"import secrets; "
                            "print(secrets.token_urlsafe(48))\")")
    provider = section.get("oidc_provider")
    if provider is None and auth_section:  # an [auth] section alone turns the identity provider on
        named = [k for k, v in auth_section.items() if isinstance(v, dict)]
        provider = named[0] if len(named) == 1 else ""
    roles_file = Path(section.get("roles_file", DATA_DIR / "roles.toml"))
    return Settings(
        public_view=bool(section.get("public_view", True)),
        local_accounts=bool(section.get("local_accounts", True)),
        demo_accounts=section.get("demo_accounts"),
        suppression_threshold=threshold,
        session_secret=(secret or secrets.token_urlsafe(48)).encode(),
        oidc_provider=provider if auth_section else None,
        oidc_label=str(section.get("oidc_label", "your organisation's account")),
        other_councils=bool(section.get("other_councils", False)),
        roles_file=roles_file if roles_file.is_absolute() else DATA_DIR.parent / roles_file,
    )
