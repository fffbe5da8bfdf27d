"""The backfill layout: a wide sheet of KPIs down and months across, for loading history in one go."""

import dataclasses
import datetime as dt

import pytest

from domain.months import month_label, month_range
from domain.store import current_values
from loaders.ingest import check_upload, ingest_return
from loaders.return_writer import write_backfill, write_return
from tests.actors import officer
from tests.loaders.conftest import MONTH, TEAMS, TODAY

MONTHS = month_range(dt.date(2015, 4, 1), dt.date(2025, 3, 1))  # ten years


def history(catalogue, scale=1.0):
    values = {}
    for number, kpi in enumerate(catalogue, start=1):
        for position, month in enumerate(MONTHS):
            if kpi.unit == "percent":
                values[(kpi.code, month)] = round(min(100.0, 40 + number + position * 0.1) * scale, 1)
            else:
                values[(kpi.code, month)] = float(round((number * 10 + position % 7) * scale))
    return values


def test_ten_years_load_in_one_submission(tmp_path, con, catalogue):
    path = tmp_path / "history.xlsx"
    values = history(catalogue)
    write_backfill(path, catalogue, values)
    progress = []
    checked = check_upload(con, path, catalogue, today=TODAY, progress=lambda share, text: progress.append(share))
    assert not checked.errors and checked.parsed.is_backfill and checked.parsed.months == MONTHS
    assert progress and progress[0] == 0 and progress[-1] < 1
    ingest_return(con, path, catalogue, uploaded_by=officer("tester"), today=TODAY)
    stored = current_values(con)
    assert len(stored) == len(catalogue) * len(MONTHS)
    sample = stored[(stored.kpi_code == "WF03") & (stored.month == "2020-06-01")].value.iloc[0]
    assert sample == pytest.approx(values[("WF03", dt.date(2020, 6, 1))])
    row = con.execute("SELECT first_month, last_month, row_count FROM submissions").fetchone()
    assert row == (MONTHS[0], MONTHS[-1], len(catalogue) * len(MONTHS))


def test_backfill_over_loaded_months_is_a_revision_needing_a_reason(tmp_path, con, catalogue):
    path = tmp_path / "history.xlsx"
    write_backfill(path, catalogue, history(catalogue))
    ingest_return(con, path, catalogue, uploaded_by=officer("tester"), today=TODAY)
    again = tmp_path / "history2.xlsx"
    write_backfill(again, catalogue, history(catalogue, scale=1.01))
    checked = check_upload(con, again, catalogue, today=TODAY)
    assert [p.rule for p in checked.errors] == ["MONTH_ALREADY_LOADED"]
    assert ingest_return(
        con,
        again,
        catalogue,
        uploaded_by=officer("tester"),
        reason="restated history",
        today=TODAY,
        confirm_warnings=True,
    ).is_revision


def test_backfill_cells_are_checked_like_a_return(tmp_path, con, catalogue):
    values = history(catalogue)
    values[("WF03", MONTHS[3])] = 150.0
    values[("WF06", MONTHS[4])] = -2.0
    path = tmp_path / "history.xlsx"
    write_backfill(path, catalogue, values)
    checked = check_upload(con, path, catalogue, today=TODAY)
    assert sorted(p.rule for p in checked.errors) == ["PERCENT_OUT_OF_RANGE", "VALUE_NEGATIVE"]
    assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_a_backfill_over_a_months_return_warns_that_its_commentary_and_parts_would_go(
    tmp_path, con, catalogue, known_figures
):
    """A backfill carries values only: revising a month loaded from a return would stop showing its commentary and
    its numerators and denominators (the public view then hides those percentages as c)."""
    figures = {**known_figures, "WF03": dataclasses.replace(known_figures["WF03"], commentary="Two teams short")}
    ret = tmp_path / "return.xlsx"
    write_return(ret, catalogue, MONTH, figures, teams=TEAMS)
    ingest_return(con, ret, catalogue, uploaded_by=officer("tester"), confirm_warnings=True, today=TODAY)
    with_parts = con.execute(
        "SELECT count(*) FROM current_kpi_values WHERE numerator IS NOT NULL OR denominator IS NOT NULL"
    ).fetchone()[0]
    notes = con.execute("SELECT count(*) FROM current_kpi_values WHERE commentary IS NOT NULL").fetchone()[0]
    path = tmp_path / "history.xlsx"
    write_backfill(
        path,
        catalogue,
        history(catalogue) | {(kpi.code, MONTH): 10.0 for kpi in catalogue},
    )
    checked = check_upload(con, path, catalogue, reason="restated", today=TODAY)
    warned = [p for p in checked.warnings if p.rule == "BACKFILL_REPLACES_DETAIL"]
    assert with_parts > 0 and notes > 0
    assert [(p.sheet, p.message) for p in warned] == [
        (
            "Backfill",
            f"this backfill revises 1 month already loaded ({month_label(MONTH)}): the commentary of "
            f"{notes} figures and the numerators and denominators of {with_parts} figures there are not in a "
            "backfill, so they would no longer be shown, and the public view shows a percentage of children without "
            "its numerator and denominator as c. To keep them, upload those months' returns instead",
        )
    ]


def test_a_backfill_of_new_months_warns_of_nothing_it_replaces(tmp_path, con, catalogue):
    path = tmp_path / "history.xlsx"
    write_backfill(path, catalogue, history(catalogue))
    checked = check_upload(con, path, catalogue, today=TODAY)
    assert "BACKFILL_REPLACES_DETAIL" not in {p.rule for p in checked.all_problems}
