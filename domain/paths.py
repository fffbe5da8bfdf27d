"""Where the app finds its files. Each location can be overridden by an environment variable."""

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


def modified_time(path: Path) -> float:
    """The file's modification time, or 0 if it does not exist: a cache key that changes when the file does."""
    return path.stat().st_mtime if path.exists() else 0.0


def _from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def catalogue_path() -> Path:
    return _from_env("DASHBOARD_CATALOGUE", DATA_DIR / "kpis.toml")


def workstreams_path() -> Path:
    return _from_env("DASHBOARD_WORKSTREAMS", DATA_DIR / "workstreams.toml")


def database_path() -> Path:
    return _from_env("DASHBOARD_DB", DATA_DIR / "dashboard.duckdb")


def demo_dir() -> Path:
    return _from_env("DASHBOARD_DEMO_DIR", DATA_DIR / "demo")


def events_path() -> Path:
    return _from_env("DASHBOARD_EVENTS", DATA_DIR / "events.toml")


def benchmarks_path() -> Path:
    return _from_env("DASHBOARD_BENCHMARKS", DATA_DIR / "published_benchmarks.csv")


def councils_path() -> Path:
    return DATA_DIR / "councils.csv"


def published_measures_path() -> Path:
    return DATA_DIR / "published_measures.toml"


def without_server_paths(message: str) -> str:
    """A message safe to show anyone: the project's own files named from the project folder (data/kpis.toml), any
    other file by its name only, so the server's folders are never shown to the public."""
    message = message.replace(str(PROJECT_ROOT) + os.sep, "")
    return re.sub(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s:;,'\"]+)+[\\/]([^\\/\s:;,'\"]+)", r"\1", message)
