"""The value axis shared by the page's trend chart and the committee pack's."""

import datetime as dt
from types import SimpleNamespace

from domain.chart_scale import axis_note, axis_suffix, limit_line


def test_the_axis_note_writes_the_first_tick_as_the_axis_writes_it():
    assert axis_note([12.0, 14.0, 16.0], "count") == "The value axis starts at 12, not at zero, so that changes show."
    assert axis_note([12.0, 12.5, 13.0], "percent") == (
        "The value axis starts at 12.0%, not at zero, so that changes show."
    )
    assert axis_note([1000.0, 1500.0, 2000.0], "count").startswith("The value axis starts at 1,000, ")


def test_only_percentages_carry_a_suffix_on_the_axis():
    assert axis_suffix("percent") == "%"
    assert axis_suffix("count") == ""


def test_a_target_line_steps_where_the_target_changed():
    from domain.chart_scale import target_steps

    assert target_steps([20.0, 20.0, 18.0, 18.0]) == [(0, 20.0), (1, 20.0), (2, 20.0), (2, 18.0), (3, 18.0)]
    assert target_steps([15.0]) == [(0, 15.0)]


def test_a_limit_line_breaks_before_each_rebasing_and_at_months_without_limits():
    months = [dt.date(2026, m, 1) for m in range(1, 6)]
    means = [30.0, 30.0, None, 25.0, 25.0]
    trend = SimpleNamespace(
        points=[SimpleNamespace(month=m, mean=v) for m, v in zip(months, means, strict=True)], rebased=(months[3],)
    )
    assert limit_line(trend, "mean") == [(0, 30.0), (1, 30.0), None, None, (3, 25.0), (4, 25.0)]
