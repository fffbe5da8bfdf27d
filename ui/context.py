"""What every page needs, loaded once and cached: catalogue, workstreams, database connection and current values.

Caches are keyed by the files' modification times and by the database's data version, so an edited catalogue or a
new submission shows on the next page view without restarting the app.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from domain import paths
from domain.catalogue import Catalogue, load_catalogue
from domain.scorecard import ValueIndex
from domain.store import current_values, data_version, is_showing_demo_data
from domain.workstreams import Workstream, load_workstreams
from loaders.bootstrap import open_database


@dataclass(frozen=True)
class Context:
    catalogue: Catalogue
    workstreams: dict[str, Workstream]
    values: ValueIndex
    is_demo: bool


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


@st.cache_resource(show_spinner=False)
def _workstreams(path: str, mtime: float) -> dict[str, Workstream]:
    return load_workstreams(Path(path))


@st.cache_resource(show_spinner=False)
def _catalogue(path: str, mtime: float, workstream_codes: frozenset) -> Catalogue:
    return load_catalogue(Path(path), set(workstream_codes))


@st.cache_resource(show_spinner="Preparing the database (first start only)…")
def _connection(db_path: str, demo_dir: str) -> duckdb.DuckDBPyConnection:
    catalogue = load_catalogue(paths.catalogue_path())
    return open_database(Path(db_path), catalogue, Path(demo_dir))


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the shared connection; each thread (browser session) uses its own."""
    return _connection(str(paths.database_path()), str(paths.demo_dir())).cursor()


@st.cache_resource(show_spinner=False, max_entries=4)
def _values(db_path: str, version: tuple) -> tuple[ValueIndex, bool]:
    con = cursor()
    return ValueIndex(current_values(con)), is_showing_demo_data(con)


def load() -> Context:
    """Load everything a page needs. Configuration errors stop the app with a message saying what to fix."""
    ws_path, cat_path = paths.workstreams_path(), paths.catalogue_path()
    workstreams = _workstreams(str(ws_path), _mtime(ws_path))
    catalogue = _catalogue(str(cat_path), _mtime(cat_path), frozenset(workstreams))
    values, is_demo = _values(str(paths.database_path()), data_version(cursor()))
    return Context(catalogue, workstreams, values, is_demo)
