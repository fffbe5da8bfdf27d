"""How sign-in and the public view are set up, from the [dashboard] section of .streamlit/secrets.toml.

Every setting has a default, so the demo runs with no secrets file: public view on, local accounts on, demo
accounts on while the database holds demonstration data, no identity provider."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from domain.paths import DATA_DIR, PROJECT_ROOT

DEFAULT_THRESHOLD = 4  # DfE: counts of 1 to 4 children are shown as "c"
GENERATE_COMMAND = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
# The secret that signs local sign-ins when none is set: made once per process and kept here, in the module, not in
# a Streamlit cache, which any browser can ask the server to clear (that signed everyone out).
PROCESS_SECRET = secrets.token_urlsafe(48).encode()
# Words of placeholders like the example file's "replace with: python -c ...": a secret generated as advised has none.
PLACEHOLDER_WORDS = ("replace", "change", "example", "placeholder", "secret", "password", "random", "<", ">")
SKIPPED_FOLDERS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", "node_modules", "test-artifacts"}
BINARY_SUFFIXES = {".xlsx", ".png", ".ttf", ".pdf", ".duckdb", ".wal", ".pyc", ".zip"}


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    public_view: bool = True  # people who are not signed in see the suppressed public view
    local_accounts: bool = True
    demo_accounts: bool | None = None  # None: on exactly while the database holds only demonstration data
    demo_data: bool = True  # load the demonstration returns into a new, empty database
    suppression_threshold: int = DEFAULT_THRESHOLD
    session_secret: bytes = b""  # signs local sign-in cookies; PROCESS_SECRET (random per process) if not set
    oidc_provider: str | None = None  # None: no identity provider; "" uses [auth]; a name uses [auth.<name>]
    oidc_label: str = "your organisation's account"
    roles_file: Path = DATA_DIR / "roles.toml"
    other_councils: bool = False  # accept returns for councils other than the dashboard's own (a consortium)
    trusted_proxies: tuple[str, ...] = ()  # reverse proxies on other machines whose X-Forwarded-For is believed

    def demo_accounts_enabled(self, database_is_demo: bool) -> bool:
        return database_is_demo if self.demo_accounts is None else self.demo_accounts


def _repository_files(root: Path):
    """The project's own text files, where an example or test secret could be written (not secrets.toml files,
    which hold the real secrets and are never committed)."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        for name in names:
            path = Path(folder) / name
            if name != "secrets.toml" and path.suffix.lower() not in BINARY_SUFFIXES:
                yield path


def found_in_repository(value: str, root: Path = PROJECT_ROOT) -> Path | None:
    """The first of the project's files that holds `value` (a published secret signs nothing safely), or None."""
    wanted = value.encode()
    for path in _repository_files(root):
        try:
            if path.stat().st_size <= 5_000_000 and wanted in path.read_bytes():
                return path
        except OSError:
            continue
    return None


def secret_problem(name: str, value: str, root: Path = PROJECT_ROOT) -> str | None:
    """Why `value` cannot be used as the secret `name`, or None. Anyone who knows a signing secret can sign a
    session as anyone, so placeholders, short or repetitive values and anything published are refused."""
    advice = f"set {name} to a new random value, made with: {GENERATE_COMMAND}"
    lowered = value.lower()
    if len(value) < 32:
        return f"{name} must be at least 32 characters: {advice}"
    if any(word in lowered for word in PLACEHOLDER_WORDS) or any(c.isspace() for c in value):
        return f"{name} is still a placeholder (it reads like words, not a random value): {advice}"
    if len(set(value)) < 12:
        return f"{name} repeats too few different characters to be random: {advice}"
    published = found_in_repository(value, root)
    if published is not None:
        where = published.relative_to(root) if published.is_relative_to(root) else published.name
        return f"{name} is written in the project's file {where}, so anyone can read it: {advice}"
    return None


def settings_from(section: dict, auth_section: dict | None) -> Settings:
    """Settings from the secrets file's [dashboard] and [auth] sections (plain dicts)."""
    known = {
        "public_view",
        "local_accounts",
        "demo_accounts",
        "demo_data",
        "suppression_threshold",
        "session_secret",
        "oidc_provider",
        "oidc_label",
        "roles_file",
        "other_councils",
        "trusted_proxies",
    }
    unknown = set(section) - known
    if unknown:
        raise SettingsError(f"unknown setting(s) in [dashboard]: {', '.join(sorted(unknown))}")
    threshold = section.get("suppression_threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or not 1 <= threshold <= 10:
        raise SettingsError("suppression_threshold must be a whole number from 1 to 10")
    secret = str(section.get("session_secret", ""))
    problem = secret_problem("session_secret", secret) if secret else None
    if auth_section and problem is None:  # st.login signs its own cookie with [auth] cookie_secret
        problem = secret_problem("cookie_secret in [auth]", str(auth_section.get("cookie_secret", "")))
    if problem:
        raise SettingsError(problem)
    provider = section.get("oidc_provider")
    if provider is None and auth_section:  # an [auth] section alone turns the identity provider on
        named = [k for k, v in auth_section.items() if isinstance(v, dict)]
        provider = named[0] if len(named) == 1 else ""
    roles_file = Path(section.get("roles_file", DATA_DIR / "roles.toml"))
    return Settings(
        public_view=bool(section.get("public_view", True)),
        local_accounts=bool(section.get("local_accounts", True)),
        demo_accounts=section.get("demo_accounts"),
        demo_data=bool(section.get("demo_data", True)),
        suppression_threshold=threshold,
        session_secret=secret.encode() if secret else PROCESS_SECRET,
        oidc_provider=provider if auth_section else None,
        oidc_label=str(section.get("oidc_label", "your organisation's account")),
        other_councils=bool(section.get("other_councils", False)),
        trusted_proxies=tuple(str(address) for address in section.get("trusted_proxies", ())),
        roles_file=roles_file if roles_file.is_absolute() else DATA_DIR.parent / roles_file,
    )
