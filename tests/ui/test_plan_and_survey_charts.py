"""The action status chart and the survey chart drawn as SVG: bars and lines follow the figures, hover shows them."""

import datetime as dt
import re
from collections import Counter

from domain.brag import Status
from domain.plan import Snapshot
from domain.voice import SurveyMonth
from tests.ui.test_trend_svg import hover_titles, svg_of
from ui.plan_charts import status_svg
from ui.survey_chart import survey_svg


def snapshot(month: int) -> Snapshot:
    return Snapshot(dt.date(2026, month, 28), dt.date(2026, month, 1), ())


def test_status_bars_stack_each_snapshots_counts_and_hover_gives_them_in_words():
    history = [
        (snapshot(9), Counter({Status.RED: 1, Status.AMBER: 1, Status.BLUE: 2})),
        (snapshot(10), Counter({Status.RED: 2, Status.BLUE: 2})),
    ]
    chart = status_svg(history, alt_text="Stacked bar chart of actions by status. By 28 October ...")
    svg = svg_of(chart)
    segments = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})" stroke="#ffffff"', svg)
    assert segments == ["#1d70b8", "#ffdd00", "#d4351c", "#1d70b8", "#d4351c"]  # Blue at the bottom, Red on top
    assert hover_titles(chart) == [
        "28 September 2026: 4 actions: 1 off track, 1 at risk, 0 on track, 2 complete",
        "28 October 2026: 4 actions: 2 off track, 0 at risk, 0 on track, 2 complete",
    ]
    assert ">■ Red: off track<" in svg and ">★ Blue: complete<" in svg  # the key, with each status's symbol
    assert 'alt="Stacked bar chart of actions by status. By 28 October ..."' in chart
    assert status_svg([], alt_text="") == ""


def test_survey_lines_one_per_group_broken_where_a_month_has_no_result():
    children = [SurveyMonth(dt.date(2026, m, 1), s, 20) for m, s in ((1, 70.0), (2, 75.5), (4, 80.0), (5, 82.0))]
    parents = [SurveyMonth(dt.date(2026, m, 1), 60.0, None) for m in (1, 2, 3)]
    chart = survey_svg(
        {"Children and young people": children, "Parents and carers": parents, "Nobody": []},
        1,
        alt_text="Survey results by month",
    )
    svg = svg_of(chart)
    children_runs = re.findall(r'<polyline [^>]*stroke="#1d70b8" stroke-width="2.5"/>', svg)
    assert len(children_runs) == 3  # January-February, April-May, and the key's sample
    titles = hover_titles(chart)
    assert "Children and young people, February 2026: 75.5% said yes (20 answered)" in titles
    assert "Parents and carers, March 2026: 60.0% said yes" in titles
    months = [dt.datetime.strptime(t.split(", ")[1].split(":")[0], "%B %Y") for t in titles]
    assert months == sorted(months)  # in order across the chart, as the arrow keys move
    assert len(titles) == 7 and ">Nobody<" not in svg
    assert survey_svg({"Children and young people": []}, 0, alt_text="") == ""
