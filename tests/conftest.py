"""Fixtures shared by every test folder."""

from pathlib import Path

import pytest

from domain.catalogue import load_catalogue
from domain.workstreams import load_workstreams

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"  # shipped extracts of published files, with their sources (README there)


@pytest.fixture(scope="session")
def workstreams():
    return load_workstreams(ROOT / "data" / "workstreams.toml")


@pytest.fixture(scope="session")
def catalogue(workstreams):
    return load_catalogue(ROOT / "data" / "kpis.toml", set(workstreams))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, catalogue, workstreams):
    """A database built from the committed demo returns and action logs through the real loaders (read-only for
    tests)."""
    from loaders.bootstrap import prepare_database

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    prepare_database(path, catalogue, workstreams, ROOT / "data" / "demo")
    return path


@pytest.fixture(scope="session")
def published_data():
    """The extract of DfE's published files that the tests read (tests/fixtures/published, made by
    tools/trim_published_fixtures.py): England, the region, Herefordshire and its ten statistical neighbours."""
    return FIXTURES / "published"
