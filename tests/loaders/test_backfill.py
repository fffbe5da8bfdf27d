"""The backfill layout: a wide sheet of KPIs down and months across, for loading history in one go."""

import datetime as dt

import pytest

from domain.months import month_range
from domain.store import current_values
from loaders.ingest import check_upload, ingest_return
from loaders.return_writer import write_backfill
from tests.actors import officer
from tests.loaders.conftest import TODAY

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
