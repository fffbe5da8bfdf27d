"""Every setting of the dashboard, read and checked in one place.

Three sources, each with a default, so the demo runs with none of them:
- environment variables name the files (`DASHBOARD_DB`, `DASHBOARD_CATALOGUE`, ...);
- `data/published_measures.toml` names the dashboard's own council (`council_code`);
- the `[dashboard]` and `[auth]` sections of `.streamlit/secrets.toml` set sign-in and the public view.

`load()` builds the one `Settings` object from them, or raises one `SettingsError` naming the setting, where it is
set and what is wrong. The web app calls it with the sections Streamlit read (`ui.auth.settings()`); everything
else (the command lines, the domain's defaults) calls `current()`, which reads the same files itself."""

import csv
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from config.paths import DATA_DIR, PROJECT_ROOT, modified_time
from config.secret_checks import PROCESS_SECRET, secret_problem

DEFAULT_THRESHOLD = 4  # DfE: counts of 1 to 4 children are shown as "c"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
PUBLISHED_MEASURES = DATA_DIR / "published_measures.toml"
COUNCILS_FILE = DATA_DIR / "councils.csv"
# Environment variable, Settings field, default file.
FILES = (
    ("DASHBOARD_DB", "database", DATA_DIR / "dashboard.duckdb"),
    ("DASHBOARD_CATALOGUE", "catalogue", DATA_DIR / "kpis.toml"),
    ("DASHBOARD_WORKSTREAMS", "workstreams", DATA_DIR / "workstreams.toml"),
    ("DASHBOARD_DEMO_DIR", "demo_dir", DATA_DIR / "demo"),
    ("DASHBOARD_EVENTS", "events", DATA_DIR / "events.toml"),
    ("DASHBOARD_BENCHMARKS", "benchmarks", DATA_DIR / "published_benchmarks.csv"),
)
DASHBOARD_KEYS = {
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
    "frame_ancestors",
}


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    # Files (environment variables)
    database: Path = DATA_DIR / "dashboard.duckdb"
    catalogue: Path = DATA_DIR / "kpis.toml"
    workstreams: Path = DATA_DIR / "workstreams.toml"
    demo_dir: Path = DATA_DIR / "demo"
    events: Path = DATA_DIR / "events.toml"
    benchmarks: Path = DATA_DIR / "published_benchmarks.csv"
    councils_file: Path = COUNCILS_FILE
    published_measures: Path = PUBLISHED_MEASURES
    # The dashboard's own council: DfE's LA code (council_code in data/published_measures.toml)
    home_council: str = "884"
    # The [dashboard] section
    public_view: bool = True  # people who are not signed in see the suppressed public view
    local_accounts: bool = True
    demo_accounts: bool | None = None  # None: on exactly while the database holds only demonstration data
    demo_data: bool = True  # load the demonstration returns into a new, empty database
    suppression_threshold: int = DEFAULT_THRESHOLD
    session_secret: bytes = PROCESS_SECRET  # signs local sign-in cookies; random per process if not set
    oidc_provider: str | None = None  # None: no identity provider; "" uses [auth]; a name uses [auth.<name>]
    oidc_label: str = "your organisation's account"
    roles_file: Path = DATA_DIR / "roles.toml"
    other_councils: bool = False  # accept returns for councils other than the dashboard's own (a consortium)
    trusted_proxies: tuple[str, ...] = ()  # reverse proxies on other machines whose X-Forwarded-For is believed
    frame_ancestors: tuple[str, ...] = ()  # sites that may show the dashboard in a frame (CSP); none by default

    def demo_accounts_enabled(self, database_is_demo: bool) -> bool:
        return database_is_demo if self.demo_accounts is None else self.demo_accounts


def _files(environ: Mapping[str, str]) -> dict[str, Path]:
    files = {field: Path(environ.get(name) or default) for name, field, default in FILES}
    if not files["database"].parent.is_dir():
        raise SettingsError(f"DASHBOARD_DB: the folder for the database, {files['database'].parent}, does not exist")
    for name, field, _default in FILES[1:3]:  # the catalogue and the workstreams cannot be done without
        if not files[field].is_file():
            raise SettingsError(f"{name}: there is no file {files[field]}")
    return files


@lru_cache(maxsize=4)
def _council_codes(path: str, mtime: float) -> frozenset[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return frozenset(row["old_la_code"] for row in csv.DictReader(handle))


def _shown(path: Path) -> Path:
    return path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else Path(path.name)


def _home_council() -> str:
    where = _shown(PUBLISHED_MEASURES)
    try:
        with open(PUBLISHED_MEASURES, "rb") as handle:
            code = str(tomllib.load(handle).get("council_code", "")).strip()
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{where}: cannot be read ({error})") from None
    if not code:
        raise SettingsError(f"{where}: council_code is missing: give the DfE LA code of the dashboard's council")
    if code not in _council_codes(str(COUNCILS_FILE), modified_time(COUNCILS_FILE)):
        raise SettingsError(
            f"{where}: council_code {code!r} is not the DfE LA code of a council with children's services "
            f"(the codes are in {_shown(COUNCILS_FILE)})"
        )
    return code


def _flag(section: Mapping, name: str, default: bool) -> bool:
    value = section.get(name, default)
    if not isinstance(value, bool):
        raise SettingsError(f"[dashboard] {name} must be true or false, not {value!r}")
    return value


def load(
    dashboard: Mapping | None = None, auth: Mapping | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """The settings from the environment, the council file and the secrets file's [dashboard] and [auth] sections
    (plain dicts; None or empty for the defaults). Raises SettingsError for the first bad value."""
    section = dict(dashboard or {})
    environ = os.environ if environ is None else environ
    unknown = set(section) - DASHBOARD_KEYS
    if unknown:
        raise SettingsError(f"unknown setting(s) in [dashboard]: {', '.join(sorted(unknown))}")
    threshold = section.get("suppression_threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or not 1 <= threshold <= 10:
        raise SettingsError("[dashboard] suppression_threshold must be a whole number from 1 to 10")
    secret = str(section.get("session_secret", ""))
    problem = secret_problem("session_secret", secret) if secret else None
    if auth and problem is None:  # st.login signs its own cookie with [auth] cookie_secret
        problem = secret_problem("cookie_secret in [auth]", str(auth.get("cookie_secret", "")))
    if problem:
        raise SettingsError(problem)
    demo_accounts = section.get("demo_accounts")
    if demo_accounts is not None and not isinstance(demo_accounts, bool):
        raise SettingsError(f"[dashboard] demo_accounts must be true or false, not {demo_accounts!r}")
    proxies = section.get("trusted_proxies", ())
    if isinstance(proxies, str) or not all(isinstance(address, str) for address in proxies):
        raise SettingsError('[dashboard] trusted_proxies must be a list of addresses, such as ["10.0.0.5"]')
    ancestors = section.get("frame_ancestors", ())
    if isinstance(ancestors, str) or not all(
        isinstance(site, str) and re.fullmatch(r"https://[A-Za-z0-9.-]+(:[0-9]+)?", site) for site in ancestors
    ):
        raise SettingsError(
            '[dashboard] frame_ancestors must be a list of https:// addresses, such as ["https://intranet.example.gov.uk"]'
        )
    provider = section.get("oidc_provider")
    if provider is None and auth:  # an [auth] section alone turns the identity provider on
        named = [k for k, v in auth.items() if isinstance(v, Mapping)]
        provider = named[0] if len(named) == 1 else ""
    roles_file = Path(section.get("roles_file", DATA_DIR / "roles.toml"))
    return Settings(
        **_files(environ),
        home_council=_home_council(),
        public_view=_flag(section, "public_view", True),
        local_accounts=_flag(section, "local_accounts", True),
        demo_accounts=demo_accounts,
        demo_data=_flag(section, "demo_data", True),
        suppression_threshold=threshold,
        session_secret=secret.encode() if secret else PROCESS_SECRET,
        oidc_provider=provider if auth else None,
        oidc_label=str(section.get("oidc_label", "your organisation's account")),
        other_councils=_flag(section, "other_councils", False),
        trusted_proxies=tuple(proxies),
        frame_ancestors=tuple(ancestors),
        roles_file=roles_file if roles_file.is_absolute() else PROJECT_ROOT / roles_file,
    )


def _secrets_file_sections(path: Path) -> tuple[dict, dict | None]:
    if not path.is_file():
        return {}, None
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f".streamlit/secrets.toml cannot be read: {error}") from None
    return data.get("dashboard", {}), data.get("auth")


def environment() -> tuple[tuple[str, str], ...]:
    """The environment variables the settings read, as they are now (pass dict() of it to load())."""
    return tuple((name, os.environ.get(name, "")) for name, _field, _default in FILES)


def files_changed() -> tuple[float, float]:
    """Changes when the council file or the list of councils does: with environment(), a key for caching load()."""
    return modified_time(PUBLISHED_MEASURES), modified_time(COUNCILS_FILE)


@lru_cache(maxsize=8)
def _current(environment: tuple, secrets_mtime: float, files: tuple) -> Settings:
    return load(*_secrets_file_sections(SECRETS_FILE), environ=dict(environment))


def current() -> Settings:
    """The settings for code that runs outside a page view: the command lines, and the domain's defaults (the
    dashboard's own council, the files). Read again whenever an environment variable or one of the files changes."""
    return _current(environment(), modified_time(SECRETS_FILE), files_changed())
