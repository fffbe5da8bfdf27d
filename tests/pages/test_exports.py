"""Downloads: safe to open in a spreadsheet, and following the filters."""

import io

import pandas as pd

from tests.pages.conftest import open_page
from ui.exports import safe_csv


def test_formula_injection_is_neutralised_and_numbers_stay_numbers():
    frame = pd.DataFrame(
        {"=HYPERLINK(x)": ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "plain"], "n": [-5, 0, 1.5, -0.25, 3, 4]}
    )
    text = safe_csv(frame).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(text), dtype={"n": float})
    assert read.columns[0] == "'=HYPERLINK(x)"
    assert read.iloc[:, 0].tolist()[:4] == ["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)"]
    assert read["n"].tolist() == [-5.0, 0.0, 1.5, -0.25, 3.0, 4.0]


def test_scorecard_download_is_offered(fixture_app):
    at = open_page("pages/scorecard.py")
    assert at.get("download_button")[0].proto.label == "Download this scorecard (CSV)"


def test_scorecard_export_holds_the_filtered_rows_with_status_words():
    from domain.scorecard import build_scorecard
    from tests.domain.test_scorecard import CATALOGUE, OCT, WORKSTREAMS, known_index
    from ui.exports import scorecard_frame

    rows = build_scorecard(CATALOGUE, WORKSTREAMS, known_index(), OCT, selected=["WS02"])
    frame = scorecard_frame(rows, WORKSTREAMS, OCT)
    assert frame.Code.tolist() == ["CIC", "VISITS"] and set(frame.Workstream) == {"WS02 Children in care"}
    assert frame.Status.tolist() == ["Not rated", "Blue"] and frame.Month.unique().tolist() == ["October 2026"]
