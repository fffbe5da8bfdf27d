"""The Annex A upload: figures computed by the written definitions equal the generator's known answers; bad
workbooks are refused with rule codes and change nothing; no personal field reaches the database."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook

import loaders.annex_a
from domain import brag
from domain.brag import Status
from domain.child_level import load_definitions
from domain.months import day_label
from domain.reconciliation import figure_sources, kpi_origins, reconcile, typed_figures
from domain.units import UNITS
from loaders.annex_a import part_month
from loaders.annex_a_ingest import check_annex_a, commit_annex_a
from loaders.ingest import NeedsConfirmation, check_upload, ingest_return
from loaders.problems import ReturnRejected
from loaders.return_writer import Figure, write_return
from loaders.upload_service import prefilled_return_bytes
from loaders.versions import rollback
from tests.actors import officer
from tests.conftest import FIXTURES
from tools.synthetic_annex_a import generate, write_workbook

TODAY = dt.date(2026, 12, 2)
POPULATION_884 = {dt.date(2025, 12, 1): 34_439.0, dt.date(2026, 4, 1): 34_439.0, dt.date(2024, 2, 1): 34_260.0}
# (month, seed, heading variant): a December with Christmas and Boxing Day in the working-day counts, an April with
# Easter, and a leap-year February; each written with a different system's headings
CASES = [(dt.date(2025, 12, 1), 11, 0), (dt.date(2026, 4, 1), 12, 1), (dt.date(2024, 2, 1), 13, 2)]


def expected(made, code: str, population: float):
    truth = made.truth[code]
    if isinstance(truth, tuple):
        numerator, denominator = truth
        return (float(numerator), float(population if denominator is None else denominator))
    return float(truth)


@pytest.fixture(params=CASES, ids=lambda case: f"{case[0]:%Y-%m}-variant{case[2]}")
def uploaded(request, con, catalogue, tmp_path):
    month, seed, variant = request.param
    made = generate(month, seed)
    path = tmp_path / "annex_a.xlsx"
    write_workbook(made, path, variant=variant, extra_column=variant == 1)
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    return made, checked


def test_every_annex_a_kpi_equals_the_generators_known_value(uploaded, catalogue):
    made, checked = uploaded
    assert checked.errors == []
    computed = {f.kpi: f for f in checked.parsed.figures}
    assert set(computed) == set(made.truth) == {d.kpi for d in load_definitions(catalogue=catalogue)}
    population = POPULATION_884[made.month]
    for code, figure in computed.items():
        got = figure.value if figure.numerator is None else (figure.numerator, figure.denominator)
        assert got == expected(made, code, population), code
    teams = {t.team: (t.cases, t.headcount, t.over_20) for t in checked.parsed.teams}
    assert teams == made.teams


def test_the_known_answers_include_the_edge_cases(uploaded):
    """Exactly 45 and 46 working days, a worker with exactly 20 children and one with 21: the generator puts them in
    every month, so a definition off by one day or one child fails above."""
    made, _ = uploaded
    within, total = made.truth["FD05"]
    assert 0 < within < total
    over, workers = made.truth["WF02"]
    assert 1 <= over < workers


def test_the_month_is_the_one_the_lists_run_to_and_unknown_headings_are_reported(uploaded):
    made, checked = uploaded
    assert checked.parsed.month == made.month
    unknown = [p for p in checked.warnings if p.rule == "ANNEX_COLUMN_UNKNOWN"]
    assert bool(unknown) == ("Locality notes" in " ".join(p.message for p in unknown)) and all(
        "Locality notes" in p.message for p in unknown
    )


def _all_text_in_database(con) -> str:
    parts = []
    for (table,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
    ).fetchall():
        for row in con.execute(f'SELECT * FROM "{table}"').fetchall():  # noqa: S608 (the database's own tables)
            parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_no_personal_field_of_any_list_reaches_the_database(uploaded, con):
    made, checked = uploaded
    commit_annex_a(con, checked, officer(), confirm_warnings=True)
    stored = _all_text_in_database(con)
    assert "Annex A" in stored  # the scan reads what was written
    for child in made.personal["child_id"]:
        assert child not in stored
    for worker in made.personal["worker"]:
        assert worker not in stored
    for postcode in made.personal["placement_postcode"]:
        assert postcode not in stored
    births = {str(day) for day in made.personal["date_of_birth"]}
    stored_dates = set(stored.split("\n"))
    assert not births & stored_dates


def test_committed_figures_become_current_with_row_counts_and_can_be_rolled_back(con, catalogue, tmp_path):
    made = generate(dt.date(2026, 10, 1), 21)
    path = tmp_path / "october.xlsx"
    write_workbook(made, path)
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    outcome = commit_annex_a(con, checked, officer(), confirm_warnings=True)
    current = dict(con.execute("SELECT kpi_code, value FROM current_kpi_values").fetchall())
    assert current["CP01"] == made.truth["CP01"] and current["FD01"] == made.truth["FD01"]
    counts = dict(con.execute("SELECT list_number, rows_read FROM list_counts").fetchall())
    assert counts[1] == len(made.rows[1]) and counts[8] == len(made.rows[8])
    again = check_annex_a(con, path, catalogue, today=TODAY)
    assert again.duplicate_of == outcome.submission_id
    rollback(con, outcome.submission_id, officer())
    assert con.execute("SELECT count(*) FROM current_kpi_values").fetchone()[0] == 0


def test_a_second_annex_a_for_the_month_is_a_revision_needing_a_reason(con, catalogue, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(generate(dt.date(2026, 10, 1), 31), first)
    write_workbook(generate(dt.date(2026, 10, 1), 32), second)
    commit_annex_a(con, check_annex_a(con, first, catalogue, today=TODAY), officer(), confirm_warnings=True)
    checked = check_annex_a(con, second, catalogue, today=TODAY)
    assert checked.is_revision and "MONTH_ALREADY_LOADED" in {p.rule for p in checked.errors}
    with pytest.raises(ReturnRejected):
        commit_annex_a(con, checked, officer(), confirm_warnings=True)
    outcome = commit_annex_a(con, checked, officer(), reason="lists re-run after a data fix", confirm_warnings=True)
    assert outcome.is_revision


def test_a_typed_figure_and_a_computed_one_are_both_kept_and_the_difference_shown(
    con, catalogue, tmp_path, known_figures
):
    month = dt.date(2026, 10, 1)
    made = generate(month, 41)
    annex = tmp_path / "annex.xlsx"
    write_workbook(made, annex)
    typed = dict(known_figures)
    typed["CP01"] = Figure(value=made.truth["CP01"] + 3)  # typed from a report that counted differently
    typed["FD01"] = Figure(value=made.truth["FD01"])
    ret = tmp_path / "return.xlsx"
    write_return(ret, catalogue, month, typed, teams=None)
    ingest_return(con, ret, catalogue, officer(), confirm_warnings=True, today=TODAY)
    commit_annex_a(con, check_annex_a(con, annex, catalogue, today=TODAY), officer(), confirm_warnings=True)
    rows = {r.kpi.code: r for r in reconcile(con, catalogue)}
    assert rows["CP01"].difference == 3 and not rows["CP01"].agrees
    assert rows["FD01"].agrees
    shown = dict(con.execute("SELECT kpi_code, value FROM current_kpi_values WHERE month = ?", [month]).fetchall())
    assert shown["CP01"] == made.truth["CP01"]  # the computed figure is shown
    assert typed_figures(con, month)["CP01"] == made.truth["CP01"] + 3  # and the typed one is kept
    sources = figure_sources(con, month)
    assert {s.kind: s.file_name for s in sources} == {"annex_a": "annex.xlsx", "kpi_return": "return.xlsx"}
    assert sum(s.figures for s in sources) == len(shown)
    origin = kpi_origins(con, "CP01")[month]  # where the figure shown comes from: the lists, by its definition
    assert (origin.kind, origin.file_name) == ("annex_a", "annex.xlsx") and "CP01 definition" in origin.place
    annex_id = con.execute("SELECT max(submission_id) FROM submissions WHERE kind = 'annex_a'").fetchone()[0]
    assert origin.submission_id == annex_id and "annex.xlsx, Annex A List" in origin.text
    rollback(con, annex_id, officer())
    shown = dict(con.execute("SELECT kpi_code, value FROM current_kpi_values WHERE month = ?", [month]).fetchall())
    assert shown["CP01"] == made.truth["CP01"] + 3  # the typed one shows again
    origin = kpi_origins(con, "CP01")[month]  # and comes from its cell of the return
    assert (origin.kind, origin.file_name) == ("kpi_return", "return.xlsx")
    assert re.fullmatch(r"'[^']+'![A-Z]+[0-9]+", origin.place), origin.place
    assert origin.text.startswith(f"return.xlsx, {origin.place} (submission {origin.submission_id}, ")


@pytest.mark.parametrize("annex_first", [False, True], ids=["return-first", "annex-a-first"])
def test_a_computed_figure_is_shown_with_the_commentary_typed_in_the_return(
    annex_first, con, catalogue, tmp_path, known_figures
):
    """Annex A carries no commentary: the figure shown is the computed one, its commentary the return's (newest
    first), in whichever order the two were loaded; rolling the return back takes its commentary away."""
    month = dt.date(2026, 10, 1)
    annex = tmp_path / "annex.xlsx"
    write_workbook(generate(month, 41), annex)
    returns = []
    for name, note, public in (("first", "Up: one large sibling group", True), ("second", "Revised note", False)):
        typed = dict(known_figures)
        typed["CP01"] = Figure(value=known_figures["CP01"].value, commentary=note, commentary_public=public)
        returns.append(tmp_path / f"{name}.xlsx")
        write_return(returns[-1], catalogue, month, typed, teams=None)

    def shown():
        return con.execute(
            "SELECT kind, commentary, commentary_public FROM current_kpi_values WHERE month = ? AND kpi_code = 'CP01'",
            [month],
        ).fetchone()

    def load_annex():
        commit_annex_a(con, check_annex_a(con, annex, catalogue, today=TODAY), officer(), confirm_warnings=True)

    if annex_first:
        load_annex()
    first = ingest_return(con, returns[0], catalogue, officer(), confirm_warnings=True, today=TODAY)
    if not annex_first:
        load_annex()
    assert shown() == ("annex_a", "Up: one large sibling group", True)
    second = ingest_return(
        con, returns[1], catalogue, officer(), reason="note revised", confirm_warnings=True, today=TODAY
    )
    assert shown() == ("annex_a", "Revised note", False)
    rollback(con, second.submission_id, officer())
    rollback(con, first.submission_id, officer())
    assert shown() == ("annex_a", None, False)


def test_a_kpi_shown_red_by_its_computed_figure_asks_the_return_for_commentary(con, catalogue, tmp_path, known_figures):
    """The return types a figure at target, Annex A computed one that is Red: members see Red, so the return's row
    without commentary is warned about, naming the computed figure; a Red typed figure whose computed one is Green
    or Amber is not."""
    month = dt.date(2026, 10, 1)
    annex, ret = tmp_path / "annex.xlsx", tmp_path / "return.xlsx"
    write_workbook(generate(month, 41), annex)
    commit_annex_a(con, check_annex_a(con, annex, catalogue, today=TODAY), officer(), confirm_warnings=True)
    computed = con.execute(
        "SELECT kpi_code, value FROM current_kpi_values WHERE month = ? AND kind = 'annex_a' AND value IS NOT NULL "
        "ORDER BY kpi_code",
        [month],
    ).fetchall()
    judged = {code: brag.month_status(catalogue[code].at(month), value) for code, value in computed}
    red = catalogue[next(code for code, status in judged.items() if status is Status.RED)]
    calm = catalogue[next(code for code, status in judged.items() if status in (Status.GREEN, Status.AMBER))]
    typed = dict(known_figures)
    worse = -1 if calm.polarity == "up" else 1
    for kpi, value in (
        (red, red.at(month).target),
        (calm, calm.at(month).target + worse * 10 * calm.at(month).tolerance),
    ):
        scale = UNITS[kpi.unit].scale  # a ratio's parts: the value out of its scale (100 for a percentage)
        typed[kpi.code] = Figure(numerator=value, denominator=scale) if kpi.is_ratio else Figure(value=value)
    write_return(ret, catalogue, month, typed, teams=None)
    checked = check_upload(con, ret, catalogue, today=TODAY)
    assert checked.errors == []
    warned = {p.message.split(" ")[0]: p.message for p in checked.warnings if p.rule == "RED_WITHOUT_COMMENTARY"}
    assert red.code in warned and "(the figure computed from Annex A, which is the one shown)" in warned[red.code]
    assert calm.code not in warned


def test_a_return_for_a_month_with_annex_a_figures_is_not_a_revision(con, catalogue, tmp_path, known_figures):
    month = dt.date(2026, 10, 1)
    annex = tmp_path / "annex.xlsx"
    write_workbook(generate(month, 42), annex)
    commit_annex_a(con, check_annex_a(con, annex, catalogue, today=TODAY), officer(), confirm_warnings=True)
    ret = tmp_path / "return.xlsx"
    write_return(ret, catalogue, month, known_figures, teams=None)
    outcome = ingest_return(con, ret, catalogue, officer(), confirm_warnings=True, today=TODAY)
    assert not outcome.is_revision


def test_the_prefilled_return_carries_the_computed_figures_marked_and_reads_back(con, catalogue, tmp_path):
    month = dt.date(2026, 10, 1)
    made = generate(month, 51)
    annex = tmp_path / "annex.xlsx"
    write_workbook(made, annex)
    checked = check_annex_a(con, annex, catalogue, today=TODAY)
    prefilled = tmp_path / "prefilled.xlsx"
    prefilled.write_bytes(prefilled_return_bytes(catalogue, checked.parsed))
    book = load_workbook(prefilled)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=1):
            if row[0].value in catalogue.kpis:
                found[row[0].value] = row
    cp01 = found["CP01"]
    assert any(c.value == made.truth["CP01"] and c.comment and "Annex A" in c.comment.text for c in cp01)
    assert not any(c.comment for c in found["QA01"])  # audits: no list holds them, left for officers
    team_sheet = book[catalogue.team_sheet.title]
    teams = {r[0].value: r for r in team_sheet.iter_rows() if r[0].value in made.teams}
    assert set(teams) == set(made.teams)


def test_the_shared_annex_a_sample_reads_without_error(con, catalogue):
    checked = check_annex_a(con, FIXTURES / "statutory" / "Annex_A.xlsx", catalogue, today=TODAY)
    assert checked.errors == []
    assert checked.parsed.month == dt.date(2021, 2, 1)
    assert checked.parsed.row_counts[1] == 5 and checked.parsed.row_counts[11] == 5
    assert len(checked.parsed.figures) == len(load_definitions(catalogue=catalogue))


def test_warnings_must_be_confirmed(con, catalogue, tmp_path):
    path = tmp_path / "annex.xlsx"
    write_workbook(generate(dt.date(2026, 10, 1), 61), path, extra_column=True)
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    with pytest.raises(NeedsConfirmation):
        commit_annex_a(con, checked, officer())


def test_lists_or_sheets_that_cannot_be_used_are_warnings_naming_them(con, catalogue, tmp_path):
    path = tmp_path / "annex.xlsx"
    write_workbook(generate(dt.date(2026, 10, 1), 81), path)
    book = load_workbook(path)
    del book["List 9"]
    book.create_sheet("Notes")["A1"] = "Run on 1 November by the performance team"
    book.create_sheet("Sheet1")  # left empty: nothing in it to leave unread, so no warning
    book.save(path)
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    assert checked.errors == []
    rules = {(p.rule, p.sheet) for p in checked.warnings}
    assert ("ANNEX_LIST_UNKNOWN", "Notes") in rules
    assert ("ANNEX_LIST_UNKNOWN", "Sheet1") not in rules
    not_computed = [p.message for p in checked.warnings if p.rule == "ANNEX_KPI_NOT_COMPUTED"]
    assert sorted(m[:4] for m in not_computed) == ["CL01", "CL02"] and "List 9" in not_computed[0]


def test_a_child_looked_after_past_18_is_a_warning_naming_the_row(con, catalogue):
    checked = check_annex_a(con, FIXTURES / "statutory" / "Annex_A.xlsx", catalogue, today=TODAY)
    problem = next(p for p in checked.warnings if p.rule == "ANNEX_NOT_IN_LIST")
    assert (problem.sheet, problem.cell) == ("List 8", "A2") and "18th birthday" in problem.message


@pytest.mark.parametrize(
    ("latest", "working_days_after"),
    [
        (dt.date(2026, 10, 30), None),  # the last working day (31 October 2026 is a Saturday)
        (dt.date(2026, 10, 28), None),  # 2 working days before: a quiet end of month
        (dt.date(2026, 10, 27), 3),
        (dt.date(2026, 10, 14), 12),
        (dt.date(2026, 12, 29), None),  # after Christmas: the 28th is the Boxing Day holiday
        (dt.date(2026, 12, 23), 4),  # the 24th, 29th, 30th and 31st: the 25th and the 28th are holidays
    ],
)
def test_lists_that_stop_well_before_their_month_ends_may_be_a_part_month(latest, working_days_after):
    said = part_month(latest)
    if working_days_after is None:
        assert said is None
    else:
        assert f"{working_days_after} working days before the month ends" in said and day_label(latest) in said


def test_a_part_month_is_a_warning_to_confirm_and_a_whole_month_is_not(con, catalogue, tmp_path, monkeypatch):
    path = tmp_path / "annex.xlsx"
    write_workbook(generate(dt.date(2026, 10, 1), 62), path)
    assert "ANNEX_MONTH_PART" not in {p.rule for p in check_annex_a(con, path, catalogue, today=TODAY).problems}
    monkeypatch.setattr(loaders.annex_a, "PART_MONTH_WORKING_DAYS", -1)  # as if the lists had stopped early
    checked = check_annex_a(con, path, catalogue, today=TODAY)
    assert [p.rule for p in checked.warnings] == ["ANNEX_MONTH_PART"] and checked.errors == []
    with pytest.raises(NeedsConfirmation):
        commit_annex_a(con, checked, officer())
