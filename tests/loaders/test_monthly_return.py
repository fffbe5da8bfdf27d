"""Round trip and versioning: figures written to a workbook come back out of the database unchanged."""

import dataclasses
import datetime as dt

import duckdb
import pytest

from accounts.roles import NotAllowed, Role
from config import file_sha256
from domain.reconciliation import latest_figures
from domain.store import current_values, submissions
from loaders.ingest import (
    NeedsConfirmation,
    UploadConflict,
    check_upload,
    commit_upload,
    ingest_return,
    store_return,
)
from loaders.monthly_return import ParsedReturn, read_return
from loaders.return_writer import Figure, write_return
from loaders.versions import rollback
from tests.actors import officer, person
from tests.loaders.conftest import MONTH, TEAMS, TODAY, expected_value


def written(tmp_path, catalogue, figures, name="return.xlsx", month=MONTH, teams=TEAMS):
    path = tmp_path / name
    write_return(path, catalogue, month, figures, teams=teams)
    return path


def load(con, path, catalogue, **options):
    return ingest_return(
        con, path, catalogue, uploaded_by=officer("tester"), confirm_warnings=True, today=TODAY, **options
    )


def test_round_trip_workbook_in_same_numbers_out(tmp_path, con, catalogue, known_figures):
    outcome = load(con, written(tmp_path, catalogue, known_figures), catalogue)
    assert not outcome.already_loaded and outcome.months == [MONTH]
    stored = current_values(con).set_index("kpi_code")
    assert len(stored) == len(catalogue)
    for kpi in catalogue:
        expected = expected_value(kpi, known_figures)
        value = stored.loc[kpi.code, "value"]
        if expected is None:
            assert value != value  # NaN: stored as missing
        else:
            assert value == pytest.approx(expected), kpi.code
        assert str(stored.loc[kpi.code, "month"].date()) == "2025-09-01"


def test_team_rows_are_summed_not_typed_twice(tmp_path, con, catalogue, known_figures):
    load(con, written(tmp_path, catalogue, known_figures), catalogue)
    row = con.execute("SELECT value, numerator, denominator, source_cell FROM kpi_values WHERE kpi_code = 'WF01'")
    value, numerator, denominator, source = row.fetchone()
    assert (numerator, denominator) == (310.0, 18.5) and value == pytest.approx(310 / 18.5)
    assert source == "'Caseloads by team'!C5:C6 ÷ B5:B6"
    wf02 = con.execute("SELECT value FROM kpi_values WHERE kpi_code = 'WF02'").fetchone()[0]
    assert wf02 == pytest.approx(2 / 20 * 100)


def test_missing_figures_are_stored_as_missing_never_zero(tmp_path, con, catalogue, known_figures):
    load(con, written(tmp_path, catalogue, known_figures), catalogue)
    row = con.execute("SELECT count(*) FILTER (value IS NULL), count(*) FILTER (value = 0) FROM kpi_values").fetchone()
    assert row == (1, 0)
    audit = submissions(con).iloc[0]
    assert (audit.row_count, audit.value_count, audit.missing_count) == (len(catalogue), len(catalogue) - 1, 1)


def test_warnings_must_be_confirmed_and_nothing_is_written_until_they_are(tmp_path, con, catalogue, known_figures):
    path = written(tmp_path, catalogue, known_figures)
    checked = check_upload(con, path, catalogue, today=TODAY)
    assert [p.rule for p in checked.warnings] == ["VALUE_MISSING"] and not checked.errors
    with pytest.raises(NeedsConfirmation):
        commit_upload(con, checked, uploaded_by=officer("tester"))
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
    commit_upload(con, checked, uploaded_by=officer("tester"), confirm_warnings=True)
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1


def test_submission_records_file_hash_uploader_and_where_each_figure_came_from(tmp_path, con, catalogue, known_figures):
    path = written(tmp_path, catalogue, known_figures)
    load(con, path, catalogue)
    audit = submissions(con).iloc[0]
    assert audit.file_name == "return.xlsx" and audit.sha256 == file_sha256(path) and len(audit.sha256) == 64
    assert audit.uploaded_by == "tester" and audit.status == "accepted" and not audit.is_demo
    cells = dict(con.execute("SELECT kpi_code, source_cell FROM kpi_values").fetchall())
    assert cells["WF03"] == "'Caseloads and workforce'!E7:F7"
    assert cells["WF06"] == "'Caseloads and workforce'!D10"


def test_same_file_twice_is_a_no_op(tmp_path, con, catalogue, known_figures):
    path = written(tmp_path, catalogue, known_figures)
    first = load(con, path, catalogue)
    second = load(con, path, catalogue)
    assert second.already_loaded and second.submission_id == first.submission_id
    assert len(submissions(con)) == 1
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == len(catalogue)


def test_a_revision_needs_a_reason_becomes_current_and_keeps_the_earlier_version(
    tmp_path, con, catalogue, known_figures
):
    load(con, written(tmp_path, catalogue, known_figures, "v1.xlsx"), catalogue)
    revised = written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=99.0)}, "v2.xlsx")
    checked = check_upload(con, revised, catalogue, today=TODAY)
    assert "MONTH_ALREADY_LOADED" in [p.rule for p in checked.errors] and checked.is_revision
    checked.reason = "typed on the upload page after the check"
    assert not checked.errors  # a reason turns the file into an allowed revision
    outcome = load(con, revised, catalogue, reason="WF06 corrected after HR data cleanse")
    assert outcome.is_revision
    versions = con.execute("SELECT value FROM kpi_values WHERE kpi_code = 'WF06' ORDER BY submission_id").fetchall()
    assert [v for (v,) in versions] == [known_figures["WF06"].value, 99.0]
    assert current_values(con).set_index("kpi_code").loc["WF06", "value"] == 99.0
    assert submissions(con).reason.tolist()[-1] == "WF06 corrected after HR data cleanse"


def test_preview_lists_new_changed_and_unchanged_figures_and_status_changes(tmp_path, con, catalogue, known_figures):
    load(con, written(tmp_path, catalogue, known_figures, "v1.xlsx"), catalogue)
    revised = {**known_figures, "QA03": Figure(value=5.0)}  # family group conferences: target 20, tolerance 5
    checked = check_upload(con, written(tmp_path, catalogue, revised, "v2.xlsx"), catalogue, reason="fix", today=TODAY)
    kinds = {change.kpi.code: change.kind for change in checked.changes}
    assert kinds["QA03"] == "changed" and kinds["WF03"] == "unchanged"
    qa03 = next(c for c in checked.changes if c.kpi.code == "QA03")
    old = known_figures["QA03"].value
    assert old > 20 and (qa03.old, qa03.new) == (old, 5.0)
    assert (qa03.old_status.name, qa03.new_status.name) == ("GREEN", "RED")


def test_a_revision_checked_before_another_revision_cannot_commit_over_it(tmp_path, con, catalogue, known_figures):
    """The months were loaded both when it was checked and when it was committed, so only comparing which months
    were loaded let a stale preview replace a revision it had never shown."""
    ingest_return(
        con,
        written(tmp_path, catalogue, known_figures, "first.xlsx"),
        catalogue,
        officer(),
        confirm_warnings=True,
        today=TODAY,
    )
    stale = check_upload(
        con,
        written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=1.0)}, "mine.xlsx"),
        catalogue,
        reason="my correction",
        today=TODAY,
    )
    theirs = ingest_return(
        con,
        written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=2.0)}, "theirs.xlsx"),
        catalogue,
        officer("someone else"),
        reason="their correction",
        confirm_warnings=True,
        today=TODAY,
    )
    with pytest.raises(UploadConflict, match="committed or rolled back while this one was being checked"):
        commit_upload(con, stale, uploaded_by=officer("me"), confirm_warnings=True)
    rollback(con, theirs.submission_id, officer("someone else"))  # back to what the preview showed? still changed
    with pytest.raises(UploadConflict):
        commit_upload(con, stale, uploaded_by=officer("me"), confirm_warnings=True)
    assert [r for r in submissions(con).file_name] == ["first.xlsx", "theirs.xlsx"]
    fresh = check_upload(
        con,
        written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=1.0)}, "mine.xlsx"),
        catalogue,
        reason="my correction",
        today=TODAY,
    )
    assert commit_upload(con, fresh, uploaded_by=officer("me"), confirm_warnings=True).is_revision


def test_an_upload_committed_in_between_is_not_overwritten_silently(tmp_path, con, catalogue, known_figures):
    first = check_upload(con, written(tmp_path, catalogue, known_figures, "a.xlsx"), catalogue, today=TODAY)
    second = check_upload(
        con,
        written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=1.0)}, "b.xlsx"),
        catalogue,
        today=TODAY,
    )
    commit_upload(con, first, uploaded_by=officer("one"), confirm_warnings=True)
    with pytest.raises(UploadConflict, match="another upload for these months"):
        commit_upload(con, second, uploaded_by=officer("two"), confirm_warnings=True, reason="mine")
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, con, catalogue, known_figures):
    parsed = read_return(written(tmp_path, catalogue, known_figures), catalogue)
    duplicated = ParsedReturn(parsed.file_name, parsed.months, parsed.rows + parsed.rows[-1:])
    with pytest.raises(duckdb.ConstraintException):
        store_return(con, duplicated, "0" * 64, uploaded_by=officer("tester"))
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 0


def test_impact_statements_are_stored_with_the_submission_and_kept_on_rollback(tmp_path, con, catalogue, known_figures):
    from loaders.return_writer import Statement

    path = tmp_path / "with_statements.xlsx"
    write_return(
        path,
        catalogue,
        MONTH,
        known_figures,
        teams=TEAMS,
        statements=[
            Statement("The plan made sense to us.", "WS02", public=True),
            Statement("Nobody called back.", "WS09", public=False),
        ],
    )
    outcome = load(con, path, catalogue)
    rows = con.execute(
        "SELECT workstream, quote, is_public, source_cell FROM impact_statements ORDER BY line"
    ).fetchall()
    assert rows == [
        ("WS02", "The plan made sense to us.", True, "'Impact statements'!A5"),
        ("WS09", "Nobody called back.", False, "'Impact statements'!A6"),
    ]
    rollback(con, outcome.submission_id, officer("tester"))
    assert con.execute("SELECT count(*) FROM impact_statements").fetchone() == (2,)  # nothing is deleted


@pytest.mark.parametrize("role", [None, Role.VIEWER, Role.DIRECTOR, Role.ADMIN])
def test_only_the_performance_team_can_commit_or_roll_back(tmp_path, con, catalogue, known_figures, role):
    """The loader checks the role itself, whatever page or script calls it; a refusal writes nothing."""
    loaded = load(con, written(tmp_path, catalogue, known_figures, "v1.xlsx"), catalogue)
    revised = written(tmp_path, catalogue, {**known_figures, "WF06": Figure(value=99.0)}, "v2.xlsx")
    checked = check_upload(con, revised, catalogue, today=TODAY, reason="corrected")
    before = con.execute("SELECT count(*), max(submission_id) FROM submissions").fetchone()
    with pytest.raises(NotAllowed):
        commit_upload(con, checked, uploaded_by=person(role), confirm_warnings=True)
    with pytest.raises(NotAllowed):
        rollback(con, loaded.submission_id, person(role))
    assert con.execute("SELECT count(*), max(submission_id) FROM submissions").fetchone() == before
    assert con.execute("SELECT count(*) FROM submissions WHERE status = 'rolled_back'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1  # the first upload only


def test_uploads_and_rollbacks_are_in_the_audit_log(tmp_path, con, catalogue, known_figures):
    outcome = load(con, written(tmp_path, catalogue, known_figures), catalogue)
    rollback(con, outcome.submission_id, officer("p.officer"))
    log = con.execute("SELECT actor, actor_role, action, subject FROM audit_log ORDER BY audit_id").fetchall()
    assert log == [
        ("tester", "performance", "upload", f"submission {outcome.submission_id}"),
        ("p.officer", "performance", "roll back", f"submission {outcome.submission_id}"),
    ]


def test_commentary_is_public_only_where_marked_yes(tmp_path, con, catalogue, known_figures):
    figures = {
        **known_figures,
        "WF03": Figure(numerator=5, denominator=20, commentary="Approved for publication", commentary_public=True),
        "WF04": Figure(numerator=2, denominator=20, commentary="Internal only"),
    }
    load(con, written(tmp_path, catalogue, figures), catalogue)
    stored = dict(
        con.execute("SELECT kpi_code, commentary_public FROM kpi_values WHERE commentary IS NOT NULL").fetchall()
    )
    assert stored["WF03"] is True and stored["WF04"] is False


def test_a_revision_previews_the_commentary_it_would_change(tmp_path, con, catalogue, known_figures):
    """Same figures, new words: the preview lists them, where it used to say only that no figure changes."""

    def noted(code, **commentary):
        return dataclasses.replace(known_figures[code], **commentary)

    first = {
        **known_figures,
        "WF03": noted("WF03", commentary="Two agency staff left"),
        "WF04": noted("WF04", commentary=None),
    }
    load(con, written(tmp_path, catalogue, first), catalogue)
    revised = {
        **known_figures,
        "WF03": noted("WF03", commentary="Two agency staff left", commentary_public=True),
        "WF04": noted("WF04", commentary="Recruitment drive under way"),
    }
    checked = check_upload(con, written(tmp_path, catalogue, revised, name="revised.xlsx"), catalogue, today=TODAY)
    assert checked.is_revision and {c.kind for c in checked.changes} == {"unchanged"}
    assert [(c.kpi.code, c.month, c.kind, c.after) for c in checked.commentary] == [
        ("WF03", MONTH, "Now public", "Two agency staff left (public)"),
        ("WF04", MONTH, "Added", "Recruitment drive under way (members only)"),
    ]


def test_a_new_month_has_no_commentary_changes_to_preview(tmp_path, con, catalogue, known_figures):
    noted = {**known_figures, "WF03": Figure(numerator=5, denominator=20, commentary="A note")}
    checked = check_upload(con, written(tmp_path, catalogue, noted), catalogue, today=TODAY)
    assert not checked.is_revision and checked.commentary == []


def test_a_return_without_the_public_column_keeps_all_commentary_private(tmp_path, con, catalogue, known_figures):
    from openpyxl import load_workbook

    from loaders.return_layout import COLUMN_INDEX

    path = written(
        tmp_path,
        catalogue,
        {
            **known_figures,
            "WF03": Figure(numerator=5, denominator=20, commentary="Older template", commentary_public=True),
        },
    )
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        if sheet.cell(4, COLUMN_INDEX["Commentary public"]).value == "Commentary public":
            sheet.delete_cols(COLUMN_INDEX["Commentary public"])
    workbook.save(path)
    load(con, path, catalogue)
    assert con.execute("SELECT commentary, commentary_public FROM kpi_values WHERE kpi_code = 'WF03'").fetchone() == (
        "Older template",
        False,
    )


def test_each_kpis_latest_figure_and_when_it_was_loaded(tmp_path, con, catalogue, known_figures):
    """The Definitions page's "last updated": a month with no figure (No data) is not a KPI's latest figure."""
    load(con, written(tmp_path, catalogue, known_figures, "september.xlsx"), catalogue)
    october = dict(known_figures)
    blank = next(code for code, figure in known_figures.items() if figure.value is not None)
    october[blank] = Figure()  # no figure this month
    load(con, written(tmp_path, catalogue, october, "october.xlsx", dt.date(2025, 10, 1)), catalogue)
    loaded = dict(con.execute("SELECT file_name, uploaded_at FROM submissions").fetchall())
    latest = latest_figures(con)
    assert latest[blank] == (MONTH, loaded["september.xlsx"])
    assert latest["WF01"] == (dt.date(2025, 10, 1), loaded["october.xlsx"])
    never = next(code for code, figure in known_figures.items() if figure == Figure())  # missing in both
    assert never not in latest
