"""Child-level files (an Annex A's lists, an SSDA903 or CIN census return) are freed from the server's memory as soon
as they are checked: the page goes on from the check's result, which holds figures and counts and never a row, under
a new, empty upload box. And on any upload page, a new file's warnings are confirmed afresh."""

import datetime as dt
import shutil

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

from accounts.roles import Role
from database.connection import open_store
from loaders.return_writer import Figure, write_return
from tests.pages.conftest import MONTHS, all_text, html_tables, open_page, shown
from tools.synthetic_annex_a import generate, write_workbook
from tools.synthetic_cin import census_xml
from tools.synthetic_cin import generate as generate_cin
from tools.synthetic_ssda903 import generate as generate_ssda903
from tools.synthetic_ssda903 import write_tables

OCTOBER = dt.date(2026, 10, 1)  # the demo's newest month
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def demo_copy(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)  # the session's demo is shared: never touched
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


@pytest.fixture
def freed(monkeypatch):
    """The ids of the files freed from Streamlit's uploaded-file manager, and whether it still holds them after."""
    seen: dict[str, tuple[MemoryUploadedFileManager, str]] = {}  # file id: (manager, session id)
    original = MemoryUploadedFileManager.remove_file

    def remove_file(manager, session_id, file_id):
        seen[file_id] = (manager, session_id)
        return original(manager, session_id, file_id)

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_file", remove_file)

    def still_held(file_id: str) -> bool:
        manager, session_id = seen[file_id]
        return bool(manager.get_files(session_id, [file_id]))

    return seen, still_held


def boxes(at) -> list:
    return list(at.get("file_uploader"))


def captions(at) -> list[str]:
    return [table["caption"] for table in html_tables(at)]


def button(at, label: str):
    return next(b for b in at.button if b.proto.label == label)


def test_an_annex_a_is_freed_once_checked_and_its_figures_load_from_the_check(demo_copy, tmp_path, freed):
    seen, still_held = freed
    path = tmp_path / "annex_a_2026-10.xlsx"
    write_workbook(generate(OCTOBER, 7), path)
    at = open_page("pages/upload_annex_a.py", role=Role.PERFORMANCE, demo=True)
    boxes(at)[0].set_value((path.name, path.read_bytes(), XLSX)).run()
    assert not at.exception

    [file_id] = seen  # the file was freed, and the manager holds it no more
    assert not still_held(file_id)
    [box] = boxes(at)
    assert box.value is None and box.key != "annex_file_0"  # a new, empty box
    text = all_text(at)
    assert "Checked annex_a_2026-10.xlsx. The file itself is no longer held" in text
    assert "Figures worked out from annex_a_2026-10.xlsx" in captions(at)  # the preview, from the check

    confirm = [c for c in at.checkbox if c.proto.label.startswith("I have checked these warnings")]
    for tick in confirm:
        tick.check().run()
    button(at, "Load these figures").click().run()
    assert not at.exception
    assert any("The lists themselves were not kept." in shown(s.value) for s in at.success)
    with open_store(demo_copy) as con:
        kinds = con.execute("SELECT count(*) FROM submissions WHERE file_name = 'annex_a_2026-10.xlsx'").fetchone()
    assert kinds == (1,)
    assert "Checked annex_a_2026-10.xlsx" not in all_text(at)  # nothing held after the load


def test_a_held_check_can_be_cleared(demo_copy, tmp_path):
    path = tmp_path / "annex_a_2026-10.xlsx"
    write_workbook(generate(OCTOBER, 7), path)
    at = open_page("pages/upload_annex_a.py", role=Role.PERFORMANCE, demo=True)
    boxes(at)[0].set_value((path.name, path.read_bytes(), XLSX)).run()
    button(at, "Clear this check").click().run()
    assert not at.exception
    assert "Figures worked out from annex_a_2026-10.xlsx" not in captions(at)
    assert [b.proto.label for b in at.button] == []


def test_the_census_is_freed_once_its_measures_are_worked_out(demo_copy, tmp_path, freed):
    seen, still_held = freed
    census = census_xml(generate_cin(dt.date(2025, 3, 31), 32, children=120))
    at = open_page("pages/annual_returns.py", role=Role.PERFORMANCE, demo=True)
    at.radio(key="annual_kind").set_value("cin").run()
    boxes(at)[0].set_value(("cin.xml", census, "text/xml")).run()
    assert not at.exception
    [file_id] = seen
    assert not still_held(file_id)
    assert boxes(at)[0].value is None
    assert "Checked cin.xml. The file itself is no longer held" in all_text(at)
    assert "**Children in need census** for the year to **31 March 2025**" in all_text(at)
    assert [b.proto.label for b in at.button] == ["Clear this check", "Keep these measures"]


def test_the_ssda903_tables_are_checked_together_when_asked_then_freed(demo_copy, tmp_path, freed):
    seen, still_held = freed
    files = write_tables(generate_ssda903(dt.date(2025, 3, 31), 31, children=80), tmp_path / "903")
    at = open_page("pages/annual_returns.py", role=Role.PERFORMANCE, demo=True)
    chosen = [(path.name, path.read_bytes(), "text/csv") for path in files.values()]
    boxes(at)[0].set_value(chosen[0]).run()  # one table first: nothing is checked until asked
    assert not seen and "for the year to" not in all_text(at)
    assert [b.proto.label for b in at.button] == ["Check this table"]
    boxes(at)[0].set_value(chosen).run()  # then all of them
    button(at, f"Check these {len(chosen)} tables").click().run()
    assert not at.exception
    assert len(seen) == len(chosen) and not any(still_held(file_id) for file_id in seen)
    assert boxes(at)[0].value in (None, [])
    assert "**SSDA903 (children looked after)** for the year to **31 March 2025**" in all_text(at)
    assert "The files themselves are no longer held" in all_text(at) and "until it is kept or cleared" in all_text(at)


def test_a_new_files_warnings_are_not_confirmed_by_the_tick_given_to_the_file_before(fixture_app, tmp_path):
    """Two November returns, each with a KPI left blank (a warning): the tick given to the first does not carry
    over to the second, whose warnings are read and confirmed afresh."""
    from domain.catalogue import load_catalogue

    catalogue = load_catalogue(fixture_app / "kpis.toml")
    agency, children, _ = MONTHS[OCTOBER]
    made = []
    for name, count in (("first.xlsx", children), ("second.xlsx", children + 5)):
        path = tmp_path / name
        figures = {"AGENCY": Figure(numerator=agency, denominator=100.0), "CIC": Figure(value=count)}  # VISITS blank
        write_return(path, catalogue, dt.date(2026, 11, 1), figures)
        made.append((name, path.read_bytes(), XLSX))
    at = open_page("pages/upload.py", role=Role.PERFORMANCE)
    boxes(at)[0].set_value(made[0]).run()
    confirm = next(c for c in at.checkbox if c.proto.label.startswith("I have checked these warnings"))
    confirm.check().run()
    assert not button(at, "Load these figures").disabled

    boxes(at)[0].set_value(made[1]).run()
    assert not at.exception
    assert "second.xlsx" in all_text(at)
    confirm = next(c for c in at.checkbox if c.proto.label.startswith("I have checked these warnings"))
    assert confirm.value is False
    assert button(at, "Load these figures").disabled


def test_a_held_check_overtaken_by_another_upload_is_refused_and_cleared(demo_copy, tmp_path, catalogue):
    """The officer checks an Annex A; before they load it, another Annex A for the month is loaded. Loading the held
    check is refused with nothing written, and the check goes: the file is not held to check again."""
    from loaders.annex_a_ingest import check_annex_a, commit_annex_a
    from tests.actors import officer

    path, other = tmp_path / "annex_a_2026-10.xlsx", tmp_path / "annex_a_2026-10_other.xlsx"
    write_workbook(generate(OCTOBER, 7), path)
    write_workbook(generate(OCTOBER, 8), other)
    at = open_page("pages/upload_annex_a.py", role=Role.PERFORMANCE, demo=True)
    boxes(at)[0].set_value((path.name, path.read_bytes(), XLSX)).run()
    with open_store(demo_copy) as con:
        commit_annex_a(con, check_annex_a(con, other, catalogue), officer(), confirm_warnings=True, is_demo=True)
        before = con.execute("SELECT count(*) FROM submissions").fetchone()

    for tick in [c for c in at.checkbox if c.proto.label.startswith("I have checked these warnings")]:
        tick.check().run()
    button(at, "Load these figures").click().run()
    assert not at.exception
    assert any("nothing was written" in shown(e.value) for e in at.error)
    with open_store(demo_copy) as con:
        assert con.execute("SELECT count(*) FROM submissions").fetchone() == before
    at.run()
    assert "Figures worked out from annex_a_2026-10.xlsx" not in captions(at)
    assert "Checked annex_a_2026-10.xlsx" not in all_text(at)
