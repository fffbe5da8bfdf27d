"""Downloads never carry a formula: text that a spreadsheet would run is neutralised, numbers stay numbers."""

import datetime as dt
import io

from openpyxl import load_workbook

from domain.pack import build_pack
from domain.values import ValueIndex
from reports.pack_excel import render_xlsx
from reports.safe_cells import neutralise
from tests.domain.test_scorecard import CATALOGUE, OCT, SEP, WORKSTREAMS

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_each_dangerous_start_is_neutralised_and_numbers_are_not():
    assert [neutralise(text) for text in HOSTILE] == ["'" + text for text in HOSTILE]
    assert [neutralise(n) for n in (-5, -0.25, 0, 3)] == [-5, -0.25, 0, 3]
    assert neutralise("a plain note - with a dash") == "a plain note - with a dash"


def test_the_excel_pack_holds_hostile_commentary_as_inert_text_and_negative_numbers_as_numbers():
    rows = [("AGENCY", OCT, 26.0, text) for text in HOSTILE[:1]] + [
        ("AGENCY", SEP, 24.0, None),
        ("CIC", OCT, -5.0, "=1+1"),
        ("CIC", SEP, 3.0, None),
    ]
    content = build_pack(
        CATALOGUE,
        WORKSTREAMS,
        ValueIndex(rows),
        OCT,
        [],
        [],
        {},
        None,
        [],
        audience="members",
        council="=cmd|' /C calc'!A0",
        council_label="x",
        built_by="@evil",
        is_demo=False,
        built_at=dt.datetime(2026, 11, 1, 9, 0),
    )
    workbook = load_workbook(io.BytesIO(render_xlsx(content)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell may be a formula"
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "@", "\t", "\r"))]
    assert "'" + HOSTILE[0] in texts and "'=1+1" in texts and "'=cmd|' /C calc'!A0" in texts
    scorecard = workbook["Scorecard"]
    cic = next(r for r in scorecard.iter_rows(values_only=True) if r[1] == "CIC")
    assert cic[4] == -5 and not isinstance(cic[4], str)  # a negative figure stays a number
