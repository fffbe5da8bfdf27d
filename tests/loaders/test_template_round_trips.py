"""The blank template, filled in by the programs councils use, loads with the right figures: filled in by openpyxl,
then saved again by LibreOffice (headless, as a real spreadsheet program saves it) and by pandas through XlsxWriter
(pandas' usual engine). The template holds no formula, so nothing needs a spreadsheet program to calculate it; a
formula typed into a figure is calculated by LibreOffice, and refused when a script wrote it without a result. The
improvement plan's action log, saved again by both, loads with the same actions (its dates, percentages and lists of
impact KPIs).

LibreOffice comes from Debian's libreoffice-calc-nogui package (.ci/run installs it); the tests fail, never skip,
without it."""

import shutil
import subprocess
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from database.connection import open_store
from loaders.action_log_ingest import check_action_log
from loaders.action_log_writer import write_action_log
from loaders.file_checks import check_file
from loaders.ingest import check_upload
from loaders.return_layout import COLUMN_INDEX, COVER_FIELDS, COVER_SHEET, HEADER_ROW
from loaders.return_writer import write_template
from loaders.upload_service import ACCEPTED_TYPES
from tests.loaders import test_action_logs, test_bad_workbooks
from tests.loaders.conftest import MONTH, TEAMS, TODAY
from tests.loaders.test_bad_workbooks import complete_figures, row_of, snapshot

loaded_db = test_bad_workbooks.loaded_db  # seven months loaded, copied for each test
WF06 = "WF06"
SOFFICE = "/usr/bin/soffice"  # Debian's libreoffice-calc-nogui


def fill_template(path, catalogue, formula_for: str | None = None):
    """The blank template filled in by openpyxl, cell by cell, as a script or a web spreadsheet would: the month
    typed once on the cover. With `formula_for`, that KPI's figure is typed as a formula giving the same number."""
    write_template(path, catalogue)
    workbook = load_workbook(path)
    cover = workbook[COVER_SHEET]
    cover[COVER_FIELDS["council"]], cover[COVER_FIELDS["month"]] = "Herefordshire Council", MONTH
    cover[COVER_FIELDS["prepared_by"]] = "Performance team"
    for code, figure in complete_figures(catalogue).items():
        sheet, row = row_of(catalogue, code)
        cells = workbook[sheet]
        if figure.numerator is not None:
            cells.cell(row, COLUMN_INDEX["Numerator"], figure.numerator)
            cells.cell(row, COLUMN_INDEX["Denominator"], figure.denominator)
        else:
            value = f"={figure.value}+0" if code == formula_for else figure.value
            cells.cell(row, COLUMN_INDEX["Value"], value)
    team_sheet = workbook[catalogue.team_sheet.title]
    for row, team in enumerate(TEAMS, start=HEADER_ROW + 1):
        team_sheet.cell(row, 1, team.name)
        for column, spec in enumerate(catalogue.team_sheet.columns, start=2):
            team_sheet.cell(row, column, team.figures.get(spec.key))
    workbook.save(path)
    return path


def saved_by_libreoffice(source, folder):
    """The workbook opened and saved again by LibreOffice Calc, headless: it recalculates every formula."""
    out = folder / "libreoffice"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out / source.name


def saved_by_pandas(source, target):
    """Every sheet read by pandas and written again through XlsxWriter, cell for cell, as a script would."""
    sheets = pd.read_excel(source, sheet_name=None, header=None)
    with pd.ExcelWriter(target, engine="xlsxwriter") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    return target


def check(path, loaded_db, tmp_path, catalogue):
    db = tmp_path / "db.duckdb"
    shutil.copy(loaded_db, db)
    with open_store(db) as con:
        before = snapshot(con)
        checked = check_upload(con, path, catalogue, file_name=path.name, today=TODAY)
        assert snapshot(con) == before
    return checked


def assert_right_figures(checked, catalogue):
    assert [str(p) for p in checked.errors] == []
    assert checked.parsed.months == [MONTH]
    read = {row.kpi_code: row for row in checked.parsed.rows}
    for code, figure in complete_figures(catalogue).items():
        expected = figure.value if figure.numerator is None else (figure.numerator, figure.denominator)
        got = read[code].value if figure.numerator is None else (read[code].numerator, read[code].denominator)
        assert got == pytest.approx(expected), code
    teams = [kpi.code for kpi in catalogue if kpi.from_teams]
    assert teams and all(read[code].value is not None for code in teams)


def test_the_template_holds_no_formula_and_turns_excels_validation_messages_on(tmp_path, catalogue):
    path = tmp_path / "template.xlsx"
    write_template(path, catalogue)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)
    rules = [rule for sheet in load_workbook(path).worksheets for rule in sheet.data_validations.dataValidation]
    assert len(rules) > 20
    assert all(rule.showErrorMessage and rule.showInputMessage and rule.error for rule in rules)


def test_a_template_filled_in_by_openpyxl_loads_with_the_right_figures(tmp_path, loaded_db, catalogue):
    path = fill_template(tmp_path / "openpyxl.xlsx", catalogue)
    assert_right_figures(check(path, loaded_db, tmp_path, catalogue), catalogue)


def test_a_template_saved_again_by_libreoffice_loads_with_the_right_figures(tmp_path, loaded_db, catalogue):
    filled = fill_template(tmp_path / "filled.xlsx", catalogue, formula_for=WF06)
    path = saved_by_libreoffice(filled, tmp_path)
    with zipfile.ZipFile(path) as archive:  # really LibreOffice's: its shared strings, WF06's formula calculated
        assert "xl/sharedStrings.xml" in archive.namelist()
        assert b"LibreOffice" in archive.read("docProps/app.xml")
    assert_right_figures(check(path, loaded_db, tmp_path, catalogue), catalogue)


def test_a_template_saved_again_by_pandas_loads_with_the_right_figures(tmp_path, loaded_db, catalogue):
    path = saved_by_pandas(fill_template(tmp_path / "filled.xlsx", catalogue), tmp_path / "pandas.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert b"fullCalcOnLoad" in archive.read("xl/workbook.xml")  # XlsxWriter's mark
    assert_right_figures(check(path, loaded_db, tmp_path, catalogue), catalogue)


def test_a_formula_written_by_pandas_is_refused_as_not_calculated(tmp_path, loaded_db, catalogue):
    filled = fill_template(tmp_path / "filled.xlsx", catalogue)
    sheets = pd.read_excel(filled, sheet_name=None, header=None)
    sheet, row = row_of(catalogue, WF06)
    sheets[sheet].iat[row - 1, COLUMN_INDEX["Value"] - 1] = f"={complete_figures(catalogue)[WF06].value}+0"
    path = tmp_path / "pandas.xlsx"
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:  # XlsxWriter writes text starting '=' as a formula
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" in b"".join(archive.read(n) for n in archive.namelist() if "worksheets/" in n)
    problems = check(path, loaded_db, tmp_path, catalogue).all_problems
    assert [(p.rule, p.sheet, p.cell) for p in problems] == [("FORMULA_NOT_CALCULATED", sheet, f"D{row}")]


@pytest.mark.parametrize("program", ["libreoffice", "pandas"])
def test_an_action_log_saved_again_by_a_spreadsheet_program_loads_with_the_same_actions(
    program, tmp_path, catalogue, workstreams
):
    written = tmp_path / "october.xlsx"
    write_action_log(written, catalogue, workstreams, test_action_logs.OCTOBER, test_action_logs.actions())
    path = (
        saved_by_libreoffice(written, tmp_path)
        if program == "libreoffice"
        else saved_by_pandas(written, tmp_path / "p.xlsx")
    )
    with open_store(tmp_path / "db.duckdb") as con:
        checked = check_action_log(con, path, catalogue, workstreams, today=TODAY)
    assert [str(p) for p in checked.all_problems] == []
    assert checked.parsed.as_at == test_action_logs.OCTOBER
    assert list(checked.parsed.actions) == test_action_logs.actions()


def test_the_upload_box_offers_only_what_the_loaders_accept(tmp_path):
    assert ACCEPTED_TYPES == ["xlsx"]
    for suffix in ("xlsm", "xlsb", "xls"):
        path = tmp_path / f"return.{suffix}"
        path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
        assert check_file(path) != []
