"""The committee pack's trend chart uses the same scale, shapes and words as the KPI trend page's chart."""

import datetime as dt
import io

from fpdf import FPDF
from pypdf import PdfReader

from domain.brag import Status
from domain.catalogue import Kpi
from domain.rebasing import Rebase
from domain.trends import Trend, TrendPoint
from reports.pack_pdf import FONTS
from reports.pdf_chart import draw_trend

CASELOAD = Kpi(
    "WF01",
    "Average caseload",
    "Cases per worker.",
    "workforce",
    "average",
    1,
    "down",
    ("WS07",),
    "HR",
    target=16.0,
    tolerance=1.0,
)
AGENCY = Kpi(
    "WF03",
    "Agency social worker rate",
    "Agency staff share.",
    "workforce",
    "percent",
    1,
    "down",
    ("WS07",),
    "HR",
    target=20.0,
    tolerance=5.0,
)


def chart_text(
    kpi: Kpi,
    values: list[tuple[float, str]],
    mean: float,
    upper: float,
    lower: float,
    baseline: tuple[dt.date, dt.date] | None = None,
    rebases: tuple = (),
) -> str:
    points = [
        TrendPoint(dt.date(2026, month, 1), value, Status.AMBER, spc, mean, upper, lower, None)
        for month, (value, spc) in enumerate(values, start=1)
    ]
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_page()
    draw_trend(pdf, Trend(kpi, points, None, None, None, baseline), 20, 20, 170, 60, rebases)
    return " ".join(PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text().split())  # lines joined


def test_a_kpi_well_above_zero_gets_round_ticks_near_its_figures_and_the_chart_says_so():
    text = chart_text(CASELOAD, [(16.5, "common"), (17.5, "common"), (18.0, "improvement")], 17.0, 19.5, 14.5)
    assert "The value axis starts at 14, not at zero, so that changes show." in text
    for tick in ("14", "16", "18", "20"):
        assert tick in text.split()
    assert "dotted green: target 16.0" in text and "triangle: special cause: improvement" in text
    assert "dot: common cause" in text  # every shape on the chart is named in the key


def test_a_kpi_reaching_towards_zero_keeps_its_axis_from_zero():
    text = chart_text(AGENCY, [(31.0, "common"), (9.0, "concern")], 20.0, 35.0, 5.0)
    assert "0%" in text.split() and "not at zero" not in text
    assert "square: special cause: concern" in text


def test_the_key_says_which_months_the_limits_come_from():
    values = [(31.0, "common"), (29.0, "common")]
    assert "The mean and limits are worked out from April 2021 to November 2022 and extended forward." in chart_text(
        AGENCY, values, 30.0, 35.0, 25.0, baseline=(dt.date(2021, 4, 1), dt.date(2022, 11, 1))
    )
    assert "worked out from" not in chart_text(AGENCY, values, 30.0, 35.0, 25.0)


def test_a_rebasing_within_the_chart_is_drawn_and_named_in_the_key_and_one_before_it_is_not():
    def rebase(month: int, year: int, reason: str) -> Rebase:
        return Rebase(1, "WF03", dt.date(year, month, 1), reason, "6 months below", "Ann", dt.datetime(2026, 6, 1))

    values = [(31.0, "common"), (29.0, "common"), (24.0, "improvement")]
    text = chart_text(AGENCY, values, 30.0, 35.0, 25.0, rebases=(rebase(3, 2026, "New model"), rebase(1, 2025, "Old")))
    assert "dark dashed vertical line: limits re-based from March 2026: New model; 6 months below" in text
    assert text.count("limits re-based") == 2 and "Old" not in text  # the label on the rule, and the key
