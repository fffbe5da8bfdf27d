"""SSDA903, the children looked after return: every measure worked out from its CSV tables equals the generator's
known value; bad tables are refused with rule codes naming the file, row and column; the columns the measures do not
need (postcodes, UPNs, URNs) are never read."""

import datetime as dt
import io

import pandas as pd
import pytest

from domain.annual_returns import compute_year, load_annual_definitions, parse_annual_definitions
from domain.child_level import DefinitionError
from loaders.rules import SSDA903_RULES
from loaders.ssda903 import read_ssda903
from tests.conftest import FIXTURES, ROOT
from tools.synthetic_ssda903 import generate, tables

POPULATION = 34_439.0
# (31 March, seed): a year with a leap day, and years before and after
CASES = [(dt.date(2024, 3, 31), 1), (dt.date(2025, 3, 31), 2), (dt.date(2026, 3, 31), 3)]


def as_files(made, **replaced) -> dict[str, bytes]:
    """The generator's tables as CSV bytes, with any replaced (file name -> rows) or dropped (None)."""
    found = {**tables(made), **replaced}
    return {name: _csv(rows) for name, rows in found.items() if rows is not None}


def _csv(rows) -> bytes:
    out = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(out, index=False)
    return out.getvalue().encode()


def known(made, code: str):
    truth = made.truth[code]
    if isinstance(truth, tuple):
        return (float(truth[0]), POPULATION if truth[1] is None else float(truth[1]))
    return float(truth)


@pytest.fixture(params=CASES, ids=lambda case: f"{case[0]:%Y}")
def worked_out(request, catalogue):
    year_end, seed = request.param
    made = generate(year_end, seed)
    parsed = read_ssda903(as_files(made))
    definitions = load_annual_definitions(catalogue=catalogue)
    figures, skipped = compute_year("ssda903", parsed.tables, parsed.year_end, POPULATION, definitions, catalogue)
    return made, parsed, figures, skipped


def test_every_measure_equals_the_generators_known_value(worked_out, catalogue):
    made, parsed, figures, skipped = worked_out
    assert parsed.errors == [] and skipped == []
    assert {f.kpi for f in figures} == set(made.truth)
    for figure in figures:
        got = figure.value if figure.numerator is None else (figure.numerator, figure.denominator)
        assert got == known(made, figure.kpi), figure.kpi
    rate = next(f for f in figures if f.kpi == "CIC02")
    assert rate.value == pytest.approx(made.truth["CIC01"] / POPULATION * 10_000)


def test_the_year_is_the_one_the_episodes_run_to_and_the_edge_cases_are_in_it(worked_out):
    made, parsed, _, _ = worked_out
    assert parsed.year_end == made.year_end
    episodes = parsed.tables["episodes"]
    tag = made.episodes[-1].child[:3]  # the edge cases' children, E + seed
    ended_on_31_march = episodes[episodes.child == f"{tag}01"]
    assert list(ended_on_31_march.dec) == [pd.Timestamp(made.year_end)]  # left on 31 March: not looked after then
    assert (episodes[episodes.child == f"{tag}04"].rne == "S").sum() == 2  # started twice, counted once
    assert (episodes.dec < pd.Timestamp(dt.date(made.year_end.year - 1, 4, 1))).any()  # care ended before the year


def test_only_the_columns_the_measures_need_are_read(worked_out):
    made, parsed, _, _ = worked_out
    assert set(parsed.tables) == {"episodes", "uasc", "oc3"}  # the Header table (UPNs, mothers) is not read at all
    assert list(parsed.tables["episodes"].columns) == ["child", "decom", "rne", "ls", "place", "place_provider", "dec"]
    read = " ".join(frame.astype(str).to_csv() for frame in parsed.tables.values())
    assert made.episodes[0].postcode not in read and "SC123456" not in read
    assert parsed.row_counts == {"episodes": len(made.episodes), "uasc": len(made.uasc), "oc3": len(made.care_leavers)}
    assert [p.rule for p in parsed.problems] == ["SSDA903_TABLE_NOT_USED"] and parsed.problems[0].sheet == "header.csv"


def test_without_the_care_leavers_table_their_measures_are_skipped_with_the_reason(catalogue):
    made = generate(dt.date(2026, 3, 31), 4)
    parsed = read_ssda903(as_files(made, **{"oc3.csv": None}))
    definitions = load_annual_definitions(catalogue=catalogue)
    figures, skipped = compute_year("ssda903", parsed.tables, parsed.year_end, None, definitions, catalogue)
    assert {(s.kpi, s.reason) for s in skipped} == {
        ("CL01", "the return has no oc3 table"),
        ("CL02", "the return has no oc3 table"),
        ("CIC02", "no ONS population estimate for the council"),
    }
    assert "CIC01" in {f.kpi for f in figures}


def test_the_shared_sample_reads_without_error(catalogue):
    parsed = read_ssda903(
        {"SSDA903_2020_episodes.csv": (FIXTURES / "statutory" / "SSDA903_2020_episodes.csv").read_bytes()}
    )
    assert parsed.errors == [] and parsed.row_counts == {"episodes": 5}
    assert parsed.year_end == dt.date(2020, 3, 31)  # its latest date is in September 2019
    definitions = load_annual_definitions(catalogue=catalogue)
    figures, _ = compute_year("ssda903", parsed.tables, parsed.year_end, POPULATION, definitions, catalogue)
    assert {f.kpi: f.value for f in figures}["CIC01"] == 0  # every episode in it has ended by 31 March 2020


def episodes_with(made, row_changes: dict[int, dict[str, str]]):
    rows = [list(row) for row in tables(made)["episodes.csv"]]
    for number, changes in row_changes.items():
        for column, value in changes.items():
            rows[number][rows[0].index(column)] = value
    return rows


BAD = [  # (case, files changed, expected (rule, file, cell))
    ("a date that is not a date", {"episodes.csv": {3: {"DECOM": "31/02/2025"}}}, ("SSDA903_DATE_INVALID", "B4")),
    ("an end before its start", {"episodes.csv": {5: {"DEC": "01/01/2000"}}}, ("SSDA903_END_BEFORE_START", "H6")),
    ("no child identifier", {"episodes.csv": {2: {"CHILD": ""}}}, ("SSDA903_ID_MISSING", "A3")),
    (
        "a reason for new episode not among the codes",
        {"episodes.csv": {4: {"RNE": "Q"}}},
        ("SSDA903_CODE_INVALID", "C5"),
    ),
]


@pytest.mark.parametrize("case, changes, expected", BAD, ids=[case for case, _, _ in BAD])
def test_a_bad_row_is_an_error_naming_the_file_row_and_column(case, changes, expected):
    made = generate(dt.date(2026, 3, 31), 5)
    parsed = read_ssda903(as_files(made, **{"episodes.csv": episodes_with(made, changes["episodes.csv"])}))
    rule, cell = expected
    found = [(p.rule, p.sheet, p.cell) for p in parsed.errors]
    assert found == [(rule, "episodes.csv", cell)], case
    assert f"row {cell[1:]}" in parsed.errors[0].message


def test_a_care_leavers_activity_not_among_the_codes_is_an_error():
    made = generate(dt.date(2026, 3, 31), 6)
    rows = [list(row) for row in tables(made)["oc3.csv"]]
    rows[2][4] = "NEET"
    parsed = read_ssda903(as_files(made, **{"oc3.csv": rows}))
    assert [(p.rule, p.sheet, p.cell) for p in parsed.errors] == [("SSDA903_CODE_INVALID", "oc3.csv", "E3")]


def test_a_date_of_birth_that_is_wrong_is_named_but_never_shown():
    made = generate(dt.date(2026, 3, 31), 7)
    rows = [list(row) for row in tables(made)["oc3.csv"]]
    birth = rows[1][2]
    rows[1][2] = birth.replace("/", "-") + "x"
    parsed = read_ssda903(as_files(made, **{"oc3.csv": rows}))
    (problem,) = parsed.errors
    assert problem.rule == "SSDA903_DATE_INVALID" and problem.cell == "C2"
    assert birth not in str(problem) and rows[1][2] not in str(problem)


def test_a_column_wrong_on_every_row_gives_a_readable_list():
    made = generate(dt.date(2026, 3, 31), 8)
    rows = [list(row) for row in tables(made)["episodes.csv"]]
    for row in rows[1:]:
        row[2] = "?"
    parsed = read_ssda903(as_files(made, **{"episodes.csv": rows}))
    found = [p for p in parsed.errors if p.rule == "SSDA903_CODE_INVALID"]
    assert len(found) == 26 and found[-1].message == f"and {len(rows) - 1 - 25:,} more rows like these"


def test_files_that_cannot_be_used_are_named():
    made = generate(dt.date(2026, 3, 31), 9)
    files = as_files(made)
    files["episodes copy.csv"] = files["episodes.csv"]
    files["notes.csv"] = b"Team,Comment\nA,b\n"
    files["photo.csv"] = bytes(range(256)) * 4
    files["oc3.csv"] = _csv([["CHILD", "DOB", "IN_TOUCH", "ACTIV"], ["1", "01/01/2005", "YES", "F1"]])
    parsed = read_ssda903(files)
    assert {(p.rule, p.sheet) for p in parsed.problems} == {
        ("SSDA903_TABLE_NOT_USED", "header.csv"),
        ("SSDA903_TABLE_DUPLICATE", "episodes copy.csv"),
        ("SSDA903_TABLE_UNKNOWN", "notes.csv"),
        ("SSDA903_NOT_CSV", "photo.csv"),
        ("SSDA903_COLUMN_MISSING", "oc3.csv"),
    }
    assert "oc3" not in parsed.tables and set(parsed.tables) == {"episodes", "uasc"}


def test_without_an_episodes_table_nothing_can_be_worked_out():
    made = generate(dt.date(2026, 3, 31), 10)
    parsed = read_ssda903(as_files(made, **{"episodes.csv": None}))
    assert "SSDA903_NO_EPISODES" in {p.rule for p in parsed.errors} and parsed.year_end is None


def test_the_returns_rules_are_its_own_and_every_one_is_documented():
    readme = (ROOT / "README.md").read_text()
    assert SSDA903_RULES and all(rule.startswith("SSDA903_") for rule in SSDA903_RULES)
    assert [rule for rule in SSDA903_RULES if f"`{rule}`" not in readme] == []


def test_the_definitions_name_catalogue_kpis_and_say_what_no_return_gives(catalogue):
    definitions = load_annual_definitions(catalogue=catalogue)
    given = {d.kpi for d in definitions.for_return("ssda903")}
    cannot = {c.kpi for c in definitions.cannot}
    assert given and not given & cannot
    assert all(d.follows.startswith("DfE") for d in definitions.definitions)
    with pytest.raises(DefinitionError, match=r"1 definition names a KPI that is not in the KPI catalogue \(XX01\)"):
        parse_annual_definitions(
            {"definition": [{"kpi": "XX01", "return": "ssda903", "tables": ["episodes"], "follows": "x", "sql": "y"}]},
            catalogue,
        )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(monkeypatch):
    import loaders.ssda903

    made = generate(dt.date(2026, 3, 31), 11)
    files = as_files(made)
    monkeypatch.setattr(loaders.ssda903, "MAX_FILE_BYTES", len(files["episodes.csv"]) - 1)
    parsed = read_ssda903(files)
    assert ("SSDA903_FILE_TOO_LARGE", "episodes.csv") in {(p.rule, p.sheet) for p in parsed.errors}
    assert "episodes" not in parsed.tables
