"""The KPI trend chart drawn as SVG: what it draws, what hovering shows, and what it must never show."""

import base64
import datetime as dt
import re
from html import unescape

import pytest

from domain.benchmarks import PublishedYear
from domain.brag import Status
from domain.catalogue import Kpi
from domain.chart_scale import nice_ticks
from domain.events import Event
from domain.rebasing import Rebase
from domain.trends import Trend, TrendPoint
from ui.trend_svg import trend_svg

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
CHILDREN = Kpi("CIC01", "Children in care", "At month end.", "care", "count", 0, "neither", ("WS05",), "CMS")


def point(
    month: int,
    value: float | None,
    spc: str | None = "common",
    status: Status = Status.RED,
    commentary: str | None = None,
) -> TrendPoint:
    return TrendPoint(
        dt.date(2026, month, 1), value, status, spc if value is not None else None, 30.0, 40.0, 20.0, commentary
    )


def trend(kpi: Kpi, points: list[TrendPoint]) -> Trend:
    return Trend(kpi, points, None, None, None)


def svg_of(html: str) -> str:
    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    return base64.b64decode(source).decode()


def hover_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="spot[^"]*"[^>]*data-tip="([^"]*)"', html)]


def test_points_lines_and_hover_titles_follow_the_figures():
    chart = trend_svg(
        trend(
            AGENCY,
            [
                point(1, 31.0),
                point(2, 29.5, "improvement", Status.AMBER, "Campaign <2>"),
                point(3, None, status=Status.NO_DATA),
                point(4, 22.0),
                point(5, 21.0),
            ],
        ),
        [],
        alt_text="Chart of agency rate. It fell.",
    )
    svg = svg_of(chart)
    # the figure's line breaks at the missing month: one run for January-February, one for April-May
    figure_lines = re.findall(r'<polyline points="[^"]*" fill="none" stroke="#0b0c0c" stroke-width="2.5"', svg)
    assert len(figure_lines) == 2
    # three common-cause circles and one improvement triangle, each shape once more in the key below the plot
    assert svg.count("<circle") == 4 and svg.count('fill="#1d70b8"') == 2
    assert 'stroke="#00703c" stroke-width="2.5" stroke-dasharray="3 3"' in svg  # the target
    assert hover_titles(chart) == [
        "January 2026: 31.0%, ■ Red, Common cause",
        "February 2026: 29.5%, ▲ Amber, Special cause: improvement. Campaign <2>",
        "April 2026: 22.0%, ■ Red, Common cause",
        "May 2026: 21.0%, ■ Red, Common cause",
    ]
    assert 'alt="Chart of agency rate. It fell. The value axis starts at 20%, not at zero' in chart
    # one Tab stop: the first point (the arrow keys move on), each named for screen readers by its text
    assert re.findall(r'tabindex="(-?\d)"', chart) == ["0", "-1", "-1", "-1"]
    assert 'aria-label="January 2026: 31.0%, ■ Red, Common cause"' in chart
    assert ">Jan 2026<" in svg and ">Percentage<" in svg


def test_a_suppressed_figure_has_no_point_and_no_hover_title():
    chart = trend_svg(trend(AGENCY, [point(1, 31.0), point(2, 3.0, status=Status.SUPPRESSED), point(3, 30.0)]), [])
    assert [t.split(":")[0] for t in hover_titles(chart)] == ["January 2026", "March 2026"]
    assert ">3.0%" not in chart and "3.0%" not in svg_of(chart)


def test_events_are_numbered_and_published_figures_drawn_except_englands_total_of_a_count():
    published = [PublishedYear(dt.date(2026, 3, 31), 380.0, 83_630.0, 6_000.0, 400.0, 350.0, 450.0, 10)]
    events = [
        Event(dt.date(2026, 2, 10), "Practice model launched", "launch", "", ""),
        Event(dt.date(2025, 1, 1), "Before the chart", "launch", "", ""),
    ]
    chart = trend_svg(trend(CHILDREN, [point(m, 370.0 + m) for m in range(1, 6)]), events, published)
    titles = hover_titles(chart)
    assert "1. 10 February 2026: Practice model launched" in titles
    assert not [t for t in titles if "Before the chart" in t]
    assert "Council (published), 31 March 2026: 380" in titles
    assert "Statistical neighbours' median, 31 March 2026: 400" in titles
    assert not [t for t in titles if t.startswith("England")]  # 83,630 would flatten a council's 370s
    assert ">England<" not in svg_of(chart)
    assert 'stroke-dasharray="3 3"' not in svg_of(chart)  # a context measure has no target line


def test_a_rebasing_within_the_chart_is_a_labelled_rule_with_its_reason_and_one_outside_it_is_not_drawn():
    def rebase(month: dt.date, reason: str) -> Rebase:
        evidence = "6 months running below the mean of 30.0%"
        return Rebase(1, "WF03", month, reason, evidence, "Ann", dt.datetime(2026, 6, 1))

    chart = trend_svg(
        trend(AGENCY, [point(m, 30.0 - m) for m in range(1, 6)]),
        [],
        rebases=(rebase(dt.date(2025, 1, 1), "Before the chart"), rebase(dt.date(2026, 3, 1), "New model")),
    )
    svg = svg_of(chart)
    assert svg.count(">limits re-based</text>") == 1 and 'stroke-dasharray="8 4"' in svg
    assert "Limits re-based from March 2026: New model; 6 months running below the mean of 30.0%" in hover_titles(chart)
    assert not [t for t in hover_titles(chart) if "Before the chart" in t]


def test_a_trend_with_no_months_draws_nothing():
    assert trend_svg(trend(AGENCY, []), []) == ""


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 56.4, [0, 20, 40, 60]),
        (0, 412, [0, 100, 200, 300, 400, 500]),
        (0, 0.8, [0, 0.2, 0.4, 0.6, 0.8]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_value_axis_ticks_are_round_and_cover_the_figures(low, high, expected):
    assert nice_ticks(low, high) == pytest.approx(expected)


def axis_labels(chart: str) -> list[str]:
    return re.findall(r'text-anchor="end" font-size="14" fill="#0b0c0c">([^<]+)</text>', svg_of(chart))


def test_a_kpi_moving_well_above_zero_gets_an_axis_near_its_figures_and_says_so():
    points = [
        TrendPoint(dt.date(2026, m, 1), v, Status.AMBER, "common", 17.0, 19.5, 14.5, None)
        for m, v in [(1, 16.5), (2, 17.5), (3, 18.0)]
    ]
    chart = trend_svg(trend(CHILDREN, points), [], alt_text="Chart of caseloads.")
    assert axis_labels(chart)[0] == "14" and "0" not in axis_labels(chart)
    note = "The value axis starts at 14, not at zero, so that changes show."
    assert f'<p class="svg-note">{note}</p>' in chart  # said on the page, and to screen readers in the alt text
    assert f'alt="Chart of caseloads. {note}"' in chart


def test_a_kpi_reaching_towards_zero_keeps_its_axis_from_zero():
    chart = trend_svg(trend(AGENCY, [point(1, 31.0), point(2, 9.0)]), [], alt_text="Chart.")
    assert axis_labels(chart)[0] == "0%" and 'class="svg-note"' not in chart
