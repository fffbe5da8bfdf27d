"""What every page needs, loaded once and cached: catalogue, workstreams, database connection and current values.

Caches are keyed by the files' modification times (the database file's too), so an edited catalogue or a new
submission shows on the next page view without restarting the app. The database is opened only to read values
after it has changed, so other processes (the command line) can write to it while the app runs.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from accounts.roles import Actor, Permission, can
from config import modified_time
from database.connection import file_version, open_store
from domain import scorecard
from domain.annual_returns import AnnualDefinitions, StoredYear, load_annual_definitions, stored_years
from domain.benchmarks import PublishedYear, area_labels, load_benchmarks
from domain.catalogue import Catalogue, load_catalogue
from domain.child_level import DEFINITIONS_FILE, Definitions, load_definitions
from domain.councils import councils
from domain.events import Event, load_events
from domain.plan import Snapshot
from domain.plan_store import snapshots
from domain.rebasing import Rebase, rebases
from domain.reconciliation import (
    Origin,
    Reconciled,
    figure_sources,
    kpi_origins,
    latest_figures,
    reconcile,
    sources_sentence,
)
from domain.store import councils_held, current_figures, demo_months_shown, is_demo_database
from domain.story import KpiStory
from domain.suppression import public_index
from domain.values import ValueIndex, reported_figures
from domain.voice import ImpactStatement, impact_statements
from domain.workstreams import Workstream, load_workstreams
from loaders.upload_service import prepare_database
from ui import auth


@dataclass(frozen=True)
class Published:
    by_kpi: dict[str, list[PublishedYear]]  # KPI code -> its published years, oldest first
    council_label: str
    region_label: str


@dataclass(frozen=True)
class Context:
    catalogue: Catalogue
    workstreams: dict[str, Workstream]
    values: ValueIndex  # what this person may see: the public get small numbers suppressed
    is_demo: bool
    actor: Actor  # who is looking (accounts.roles.PUBLIC when nobody is signed in)
    council: str = ""  # whose figures are shown: DfE LA code (the dashboard's own council unless chosen)
    councils: tuple[str, ...] = ()  # every council with figures in the database, for the Council filter
    home: str = ""  # the dashboard's own council (Settings.home_council), read once per page view
    demo_months: tuple = ()  # a real database only: months whose figures shown still come from demonstration uploads
    values_key: tuple = ()  # identifies `values` (database version, council, audience, catalogue) for caching
    catalogue_key: tuple = ()  # identifies `catalogue` (its file and modification time) for caching
    workstreams_key: tuple = ()  # identifies `workstreams` likewise

    @property
    def is_home(self) -> bool:
        """The figures shown are the dashboard's own council's (its published comparisons, events and packs)."""
        return self.council == self.home

    @property
    def council_label(self) -> str:
        return councils().label(self.council)


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


@st.cache_resource(show_spinner=False, max_entries=4)
def _events(path: str, mtime: float) -> tuple[Event, ...]:
    return tuple(load_events(Path(path)))


def events(context: Context) -> list[Event]:
    """The improvement events (data/events.toml), read again when the file changes: the dashboard's own council's,
    so none when another council's figures are shown."""
    if not context.is_home:
        return []
    path = auth.settings().events
    return list(_events(str(path), modified_time(path)))


@st.cache_resource(show_spinner=False, max_entries=2)
def _published(benchmarks: str, b_mtime: float, measures: str, m_mtime: float) -> Published:
    return Published(load_benchmarks(Path(benchmarks)), *area_labels(Path(measures)))


def published(context: Context) -> Published:
    """The published annual figures for each KPI and how tables name the council and its region, read again when
    their files change. They are the dashboard's own council's, so none when another council's figures are shown."""
    if not context.is_home:
        return Published({}, context.council_label, "Region")
    b, m = auth.settings().benchmarks, auth.settings().published_measures
    return _published(str(b), modified_time(b), str(m), modified_time(m))


@st.cache_resource(show_spinner=False)
def _workstreams(path: str, mtime: float) -> dict[str, Workstream]:
    return load_workstreams(Path(path))


@st.cache_resource(show_spinner=False)
def _catalogue(path: str, mtime: float, workstreams_key: tuple, _workstreams: dict[str, Workstream]) -> Catalogue:
    return load_catalogue(Path(path), _workstreams)  # checked against the workstreams, read again when they change


def _plan() -> tuple[dict[str, Workstream], tuple, Catalogue, tuple]:
    """The workstreams, the catalogue's cache key (its file and modification time), the catalogue and the
    workstreams' cache key."""
    ws_path, cat_path = auth.settings().workstreams, auth.settings().catalogue
    workstreams_key = (str(ws_path), _mtime(ws_path))
    workstreams = _workstreams(*workstreams_key)
    catalogue_key = (str(cat_path), _mtime(cat_path))  # for caches of anything worked out with the catalogue
    return workstreams, catalogue_key, _catalogue(*catalogue_key, workstreams_key, workstreams), workstreams_key


@st.cache_resource(show_spinner="Preparing the database (first start only)…")
def _prepared(db_path: str, demo_dir: str, _catalogue: Catalogue, _workstreams: dict[str, Workstream]) -> bool:
    """Create the database once per process, loading the demonstration data if it holds no real data. (The
    catalogue and workstreams are left out of the cache key: this runs once per database, whatever they are.)"""
    prepare_database(Path(db_path), _catalogue, _workstreams, Path(demo_dir) if demo_dir else None)
    return True


@st.cache_resource(show_spinner=False, max_entries=4)
def _database(db_path: str, version: tuple) -> tuple[bool, tuple[str, ...], dict[str, tuple]]:
    """Whether the database holds only demonstration data, which councils it holds figures for, and (in a real
    database) each council's months whose figures still come from demonstration uploads. One connection for all."""
    with open_store(db_path) as con:
        is_demo, held = is_demo_database(con), tuple(councils_held(con))
        demo_months = {} if is_demo else demo_months_shown(con)
    return is_demo, held, demo_months


@st.cache_resource(show_spinner=False, max_entries=16)
def _figures(db_path: str, version: tuple, council: str) -> list[tuple]:
    """One council's current figures, read again only when the database file has changed."""
    with open_store(db_path) as con:
        return current_figures(con, council)


@st.cache_resource(show_spinner=False, max_entries=16)
def _values(db_path: str, version: tuple, council: str, catalogue_key: tuple, _catalogue: Catalogue) -> ValueIndex:
    """The figures in their KPIs' reporting periods (read again when the catalogue changes too)."""
    return ValueIndex(reported_figures(_figures(db_path, version, council), _catalogue))


@st.cache_resource(show_spinner=False, max_entries=16)
def _public_values(
    db_path: str, version: tuple, council: str, threshold: int, catalogue_key: tuple, _catalogue
) -> ValueIndex:
    """What the public may see: small numbers suppressed (domain.suppression), no commentary."""
    return public_index(_figures(db_path, version, council), _catalogue, threshold)


def _ensure_app_navigation() -> None:
    """Make sure every page runs inside app.py, never on its own.

    Because the views live in a folder named `pages/`, Streamlit starts each server process in its legacy mode,
    where a request for /upload runs pages/upload.py by itself, skipping app.py (its filters, notices and, later,
    its access checks), until app.py has run once and called st.navigation. We do here what st.navigation does on
    its first call, then rerun, so app.py runs first. tests/browser covers this on a fresh server.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner=False, max_entries=16)
def _snapshots(db_path: str, version: tuple, council: str) -> list[Snapshot]:
    with open_store(db_path) as con:
        return snapshots(con, council)


@st.cache_resource(show_spinner=False, max_entries=16)
def _public_snapshots(db_path: str, version: tuple, council: str) -> list[Snapshot]:
    return [snapshot.for_the_public() for snapshot in _snapshots(db_path, version, council)]


def plan_snapshots(context: Context) -> list[Snapshot]:
    """The council's action log: its current snapshot for each month, oldest first (read again when the database
    changes). The public do not see lead officers' names or progress updates."""
    db_path = auth.settings().database
    read = _snapshots if can(context.actor, Permission.SEE_FULL_FIGURES) else _public_snapshots
    held = read(str(db_path), file_version(db_path), context.council)
    return [snapshot.within_plan(context.workstreams) for snapshot in held]  # a closed workstream's actions go


@st.cache_resource(show_spinner=False, max_entries=4)
def _statements(db_path: str, version: tuple, council: str) -> list[ImpactStatement]:
    with open_store(db_path) as con:
        return impact_statements(con, council)


def statements(context: Context) -> list[ImpactStatement]:
    """The council's impact statements from care-experienced families; the public see only those the family agreed
    may be published."""
    db_path = auth.settings().database
    found = _statements(str(db_path), file_version(db_path), context.council)
    return found if can(context.actor, Permission.SEE_FULL_FIGURES) else [s for s in found if s.is_public]


COUNCIL_KEY = "council"


def home_label() -> str:
    """How the dashboard names its own council, e.g. 'Herefordshire'."""
    return councils().label(auth.settings().home_council)


def chosen_council(held: tuple[str, ...], home: str) -> str:
    """The council picked in the Council filter (kept in the URL by its name), if the database holds its figures;
    otherwise the dashboard's own (or, if it has no figures yet, the first council that has). Read before the filter
    is drawn, as every figure depends on it."""
    chosen = st.session_state.get(COUNCIL_KEY) or st.query_params.get(COUNCIL_KEY)
    found = councils().find(chosen) if chosen else None
    if found is not None and found.code in held:
        return found.code
    return home if home in held or not held else held[0]  # a consortium without its own figures yet


def _prepare() -> Path:
    """The database, created (with the demonstration data, if set) the first time anything in this process asks."""
    workstreams, _, catalogue, _ = _plan()
    db_path = auth.settings().database
    _prepared(str(db_path), str(auth.settings().demo_dir) if auth.settings().demo_data else "", catalogue, workstreams)
    return db_path


def database_is_demo() -> bool:
    """Whether the database holds only demonstration data (read once per database version), for the sign-in page,
    which may be the first thing a new server is asked for."""
    db_path = _prepare()
    return _database(str(db_path), file_version(db_path))[0]


def database_version() -> tuple:
    """A key for caches of anything read from the database: changes when the database file does."""
    return file_version(auth.settings().database)


def load() -> Context:
    """Load everything a page needs. Configuration errors stop the app with a message saying what to fix."""
    _ensure_app_navigation()
    db_path = _prepare()
    workstreams, catalogue_key, catalogue, workstreams_key = _plan()
    version = file_version(db_path)
    is_demo, held, demo_months = _database(str(db_path), version)
    actor = auth.current_actor(is_demo)
    home = auth.settings().home_council
    council = chosen_council(held, home)
    if can(actor, Permission.SEE_FULL_FIGURES):
        values = _values(str(db_path), version, council, catalogue_key, catalogue)
        values_key = (str(db_path), version, council, "members", catalogue_key)
    else:
        threshold = auth.settings().suppression_threshold
        values = _public_values(str(db_path), version, council, threshold, catalogue_key, catalogue)
        values_key = (str(db_path), version, council, "public", threshold, catalogue_key)
    return Context(
        catalogue,
        workstreams,
        values,
        is_demo,
        actor,
        council,
        held,
        home,
        demo_months.get(council, ()),
        values_key,
        catalogue_key,
        workstreams_key,
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _rebases(db_path: str, version: tuple, council: str) -> dict[str, tuple[Rebase, ...]]:
    with open_store(db_path) as con:
        return rebases(con, council)


def kpi_rebases(context: Context) -> dict[str, tuple[Rebase, ...]]:
    """The council's recorded re-basings of SPC limits in force, by KPI code."""
    db_path = auth.settings().database
    return _rebases(str(db_path), file_version(db_path), context.council)


@st.cache_resource(show_spinner=False, max_entries=32)
def _stories(values_key: tuple, month: dt.date, _catalogue: Catalogue, _values: ValueIndex, _rebased) -> dict:
    return scorecard.stories(_catalogue, _values, month, _rebased)


def stories(context: Context, month: dt.date) -> dict[str, KpiStory]:
    """Every KPI's story for the month (domain.story), as this person may see it: told once per database version,
    month and audience, and read by every page."""
    return _stories(context.values_key, month, context.catalogue, context.values, kpi_rebases(context))


@st.cache_resource(show_spinner=False, max_entries=16)
def _sources(db_path: str, version: tuple, council: str, month: dt.date, catalogue_key: tuple, _catalogue) -> list:
    with open_store(db_path) as con:
        return figure_sources(con, month, council, _catalogue)


def sources_line(context: Context, month: dt.date) -> str:
    """Where the month's figures shown come from, in a sentence (domain.reconciliation): how many were computed from
    the Annex A lists and how many typed in a return. Staff see the files and submissions; the public do not."""
    db_path = auth.settings().database
    found = _sources(
        str(db_path), file_version(db_path), context.council, month, context.catalogue_key, context.catalogue
    )
    return sources_sentence(found, month, with_files=can(context.actor, Permission.SEE_FULL_FIGURES))


@st.cache_resource(show_spinner=False, max_entries=64)
def _origins(db_path: str, version: tuple, council: str, code: str) -> dict:
    with open_store(db_path) as con:
        return kpi_origins(con, code, council)


def figure_origins(context: Context, code: str) -> dict[dt.date, Origin]:
    """Where each month's figure of a KPI comes from (domain.reconciliation): the file, submission and cell, for
    those who may see every figure (the files and submissions are the council's own); nothing for the public."""
    if not can(context.actor, Permission.SEE_FULL_FIGURES):
        return {}
    db_path = auth.settings().database
    return _origins(str(db_path), file_version(db_path), context.council, code)


@st.cache_resource(show_spinner=False, max_entries=4)
def _latest(db_path: str, version: tuple, council: str, catalogue_key: tuple, _catalogue: Catalogue) -> dict:
    with open_store(db_path) as con:
        return latest_figures(con, council, _catalogue)


def last_updated(context: Context) -> dict[str, tuple[dt.date, dt.datetime]]:
    """Each KPI's latest month with a figure and the day its upload was loaded (domain.reconciliation), for the
    Definitions page's "last updated"; no file or figure, so the same for everyone."""
    db_path = auth.settings().database
    return _latest(str(db_path), file_version(db_path), context.council, context.catalogue_key, context.catalogue)


@st.cache_resource(show_spinner=False, max_entries=4)
def _reconciled(db_path: str, version: tuple, council: str, catalogue_key: tuple, _catalogue: Catalogue) -> list:
    with open_store(db_path) as con:
        return reconcile(con, _catalogue, council)


def reconciled(context: Context) -> list[Reconciled]:
    """Every KPI and month with both a figure computed from Annex A and a typed one, newest first. Staff only: a typed
    figure is not suppressed, so the public never get these."""
    if not can(context.actor, Permission.SEE_FULL_FIGURES):
        return []
    db_path = auth.settings().database
    return _reconciled(str(db_path), file_version(db_path), context.council, context.catalogue_key, context.catalogue)


def child_level_definitions(catalogue: Catalogue | None = None) -> Definitions:
    """How each KPI is worked out from the Annex A lists (data/child_level_kpis.toml): read once per process, as the
    loader reads it, so the page always shows the queries the uploads run. With the catalogue, checked against it as
    an upload is (DefinitionError names a KPI the catalogue does not have)."""
    return load_definitions(DEFINITIONS_FILE, catalogue)


def annual_return_definitions(catalogue: Catalogue | None = None) -> AnnualDefinitions:
    """How the DfE's measures are worked out from the SSDA903 return and the CIN census (data/annual_return_kpis.toml),
    read once per process, as the loaders read it; with the catalogue, checked against it as a check of a return is."""
    return load_annual_definitions(catalogue=catalogue)


@st.cache_resource(show_spinner=False, max_entries=4)
def _annual_years(db_path: str, version: tuple, council: str) -> list[StoredYear]:
    with open_store(db_path) as con:
        return stored_years(con, council)


def annual_years(context: Context) -> list[StoredYear]:
    """The measures kept from the council's annual returns (SSDA903, CIN census), newest year first."""
    db_path = auth.settings().database
    return _annual_years(str(db_path), file_version(db_path), context.council)
