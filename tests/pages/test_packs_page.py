"""The Committee packs page: after a build, the members' version is the one offered first to those who may have it."""

import datetime as dt
import shutil

from accounts.roles import Role
from database.connection import open_store
from reports.committee_pack import build_packs
from tests.actors import person
from tests.pages.conftest import open_page


def test_the_members_pack_is_chosen_by_default_after_a_build(demo_db, tmp_path, monkeypatch, catalogue, workstreams):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    with open_store(db) as con:
        ids = build_packs(
            con,
            person(Role.DIRECTOR, "demo.director"),
            catalogue,
            workstreams,
            dt.date(2026, 10, 1),
            [],
            threshold=4,
            council="884",
            council_label="Herefordshire",
            benchmarks={},
        )
    assert ids["public"] > ids["members"]  # stored second, so listed first (newest first)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    director = open_page("pages/packs.py", role=Role.DIRECTOR, demo=True)
    assert director.selectbox(key="pack_choice").value == ids["members"]
    public = open_page("pages/packs.py", role=None, demo=True)
    assert public.selectbox(key="pack_choice").options == [f"Pack {ids['public']}: October 2026, public"]


def test_before_the_first_pack_each_person_is_told_who_builds_it(fixture_app):
    builder = open_page("pages/packs.py", role=Role.DIRECTOR)
    assert builder.info[-1].value == "No pack has been built yet. Build the first with the button above."
    for role in (None, Role.VIEWER):
        reader = open_page("pages/packs.py", role=role)
        assert reader.info[-1].value == (
            "No pack has been built yet. A director or the performance team builds each month's pack; it is listed "
            "here once built."
        )
