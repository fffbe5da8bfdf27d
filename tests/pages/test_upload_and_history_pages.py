"""The performance team's pages, rendered by the real app against the fixture database."""

import re
import shutil
from pathlib import Path

from accounts.roles import Role
from database.connection import connect, open_store
from loaders.versions import rollback
from tests.actors import officer
from tests.pages.conftest import all_text, html_tables, open_page, shown


def test_upload_page_offers_the_template_and_waits_for_a_file(fixture_app):
    at = open_page("pages/upload.py", role=Role.PERFORMANCE)
    assert at.title[0].value == "Upload a monthly return"
    assert at.get("download_button")[0].proto.label == "Download the blank template"
    assert at.get("file_uploader")[0].proto.label == "Monthly return or backfill workbook"
    assert "The upload will be recorded as made by Test Performance team, Performance team." in [
        shown(c.value) for c in at.caption
    ]


def test_history_lists_every_submission_newest_first(fixture_app):
    at = open_page("pages/history.py", role=Role.PERFORMANCE)
    table = next(t for t in html_tables(at) if t["caption"] == "Submissions, newest first")
    header, *rows = table["rows"]
    assert header[:4] == ["ID", "Loaded", "By", "Months"]
    assert [row[0] for row in rows] == ["3", "2", "1"]
    assert [row[3] for row in rows] == ["October 2026", "September 2026", "August 2026"]
    assert {row[6] for row in rows} == {"Current"}


def test_a_long_history_lists_the_newest_uploads_first_and_the_rest_or_one_kind_on_request(
    demo_db, tmp_path, monkeypatch
):
    demo_db = Path(shutil.copy(demo_db, tmp_path / "demo.duckdb"))  # the session's demo is shared: never touched
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/history.py", role=Role.PERFORMANCE, demo=True)

    def listed(at) -> tuple[str, list[list[str]]]:
        table = next(t for t in html_tables(at) if "submissions, newest first" in t["caption"].lower())
        return table["caption"], table["rows"][1:]

    caption, rows = listed(at)
    with connect(demo_db) as con:
        ids = [r[0] for r in con.execute("SELECT submission_id FROM submissions ORDER BY 1 DESC").fetchall()]
        logs = con.execute("SELECT count(*) FROM submissions WHERE kind = 'action_log'").fetchone()[0]
    assert caption == f"Submissions, newest first: the newest 24 of {len(ids)}"
    assert [int(row[0]) for row in rows] == ids[:24]
    at.toggle(key="history_all").set_value(True).run()
    assert [int(row[0]) for row in listed(at)[1]] == ids
    at.multiselect(key="history_kinds").select("Action log").run()
    caption, rows = listed(at)
    assert caption == "Submissions, newest first: Action log only" and len(rows) == logs
    assert all(re.fullmatch(r"action_log_\S+\.xlsx Action log; SHA-256 [0-9a-f]{12}…", row[4]) for row in rows)


def test_the_audit_log_lists_the_newest_changes_first_and_one_kind_on_request(demo_db, tmp_path, monkeypatch):
    demo_db = Path(shutil.copy(demo_db, tmp_path / "demo.duckdb"))
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = open_page("pages/audit_log.py", role=Role.PERFORMANCE, demo=True)
    with connect(demo_db) as con:
        count = min(500, con.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        uploads = con.execute("SELECT count(*) FROM audit_log WHERE action = 'upload'").fetchone()[0]
    (table,) = [t for t in html_tables(at) if t["caption"].startswith("Changes, newest first")]
    assert table["caption"] == f"Changes, newest first: the newest 24 of {count}" and len(table["rows"]) == 25
    at.multiselect(key="audit_kinds").select("upload").run()
    at.toggle(key="audit_all").set_value(True).run()
    (table,) = [t for t in html_tables(at) if t["caption"].startswith("Changes, newest first")]
    assert table["caption"] == "Changes, newest first: upload only"
    assert len(table["rows"]) == 1 + uploads and {row[4] for row in table["rows"][1:]} == {"upload"}


def test_rollback_form_offers_only_current_uploads(fixture_app):
    # The rollback itself is exercised in tests/browser/test_upload.py, and below when the list changes meanwhile.
    at = open_page("pages/history.py", role=Role.PERFORMANCE)
    assert at.selectbox(key="rollback_choice").options == [
        "3: KPI figures, return_2026-10.xlsx (October 2026)",
        "2: KPI figures, return_2026-09.xlsx (September 2026)",
        "1: KPI figures, return_2026-08.xlsx (August 2026)",
    ]
    assert not at.text_input  # the person rolling back is the signed-in user, not a typed name


def test_a_director_sees_the_history_but_cannot_roll_back(fixture_app):
    at = open_page("pages/history.py", role=Role.DIRECTOR)
    assert "Only the performance team can roll an upload back." in all_text(at)
    assert "rollback_choice" not in [s.key for s in at.selectbox]


def test_history_and_audit_log_show_a_change_made_after_they_were_read(fixture_app):
    """Both pages keep what they read until the database changes; a rollback (from the command line here) changes it."""
    history = open_page("pages/history.py", role=Role.PERFORMANCE)
    audit_log = open_page("pages/audit_log.py", role=Role.PERFORMANCE)
    assert {
        row[6]
        for row in next(t for t in html_tables(history) if t["caption"] == "Submissions, newest first")["rows"][1:]
    } == {"Current"}
    con = connect(fixture_app / "fixture.duckdb")
    rollback(con, 3, officer("second.officer"))
    con.close()

    history = open_page("pages/history.py", role=Role.PERFORMANCE)
    rows = next(t for t in html_tables(history) if t["caption"] == "Submissions, newest first")["rows"][1:]
    assert rows[0][0] == "3" and rows[0][6].startswith("Rolled back by second.officer")
    audit_log = open_page("pages/audit_log.py", role=Role.PERFORMANCE)
    newest = next(t for t in html_tables(audit_log) if t["caption"] == "Changes, newest first")["rows"][1]
    assert newest[1] == "second.officer" and newest[4] == "roll back"


def choose_to_roll_back(submission: int):
    """The History page's rollback form, with `submission` chosen and the box ticked, not yet sent."""
    at = open_page("pages/history.py", role=Role.PERFORMANCE)
    box = at.selectbox(key="rollback_choice")
    box.set_value(submission)
    at.checkbox(key="rollback_sure").check()
    return at


def statuses(folder) -> dict[int, str]:
    with open_store(folder / "fixture.duckdb") as con:
        return dict(con.execute("SELECT submission_id, status FROM submissions").fetchall())


def test_the_upload_chosen_is_the_one_rolled_back(fixture_app):
    at = choose_to_roll_back(2).button(key="FormSubmitter:rollback-Roll back").click().run()
    assert [s.value for s in at.success] == [
        "Submission 2 was rolled back by Test Performance team\\, Performance team."
    ]
    assert statuses(fixture_app) == {1: "accepted", 2: "rolled_back", 3: "accepted"}


def test_an_upload_someone_rolled_back_meanwhile_is_not_replaced_by_the_newest(fixture_app):
    """Streamlit puts a choice the list no longer has back to the default, which was the newest upload."""
    at = choose_to_roll_back(2)
    with open_store(fixture_app / "fixture.duckdb") as con:
        rollback(con, 2, officer("someone else"))
    at.button(key="FormSubmitter:rollback-Roll back").click().run()
    assert [e.value for e in at.error] == [
        "Choose the upload to roll back. If you had chosen one, someone rolled it back since this page was drawn: "
        "nothing was rolled back."
    ]
    assert statuses(fixture_app) == {1: "accepted", 2: "rolled_back", 3: "accepted"}
