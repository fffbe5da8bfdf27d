"""The SPC engine against NHS England's Making Data Count test data, point by point, plus edge cases."""

import pandas as pd
import pytest

from domain.spc import MIN_POINTS, analyse
from tests.conftest import FIXTURES

COLOURS = {"grey": "common", "blue": "improvement", "orange": "concern", "purple": "neither"}
REFERENCE = FIXTURES / "spc" / "mdc_cases_tidy.csv"


def reference_cases():
    assert REFERENCE.exists(), f"the SPC reference data is expected at {REFERENCE}"
    data = pd.read_csv(REFERENCE)
    return [(name, rows.sort_values("point")) for name, rows in data.groupby("case", sort=False)]


CASES = reference_cases()


def _int(value):
    return None if pd.isna(value) else int(value)


@pytest.mark.parametrize("name, rows", CASES, ids=[name for name, _ in CASES])
def test_every_point_of_the_official_test_data(name, rows):
    first = rows.iloc[0]
    recalc = [_int(first.recalc_after_point)] if _int(first.recalc_after_point) else None
    result = analyse(
        rows.value.astype(float).tolist(), first.direction, recalc_after=recalc, baseline=_int(first.baseline_points)
    )
    for position, row in enumerate(rows.itertuples()):
        suspect = isinstance(row.note, str) and "likely CSV error" in row.note
        if not suspect:
            assert result.points[position] == COLOURS[row.expected_colour], f"{name}: point {row.point}"
        if pd.isna(row.computed_mean):
            assert result.mean[position] is None
        else:
            assert result.mean[position] == pytest.approx(row.computed_mean, abs=1e-3)
            assert result.upper[position] == pytest.approx(row.computed_upl, abs=1e-3)
            assert result.lower[position] == pytest.approx(row.computed_lpl, abs=1e-3)


def test_all_official_cases_ran():
    assert len(CASES) == 35 and sum(len(rows) for _, rows in CASES) == 765


def steady(count=20, level=50.0):
    """A series with no special cause: small alternating wobble around a level."""
    return [level + (1 if i % 2 else -1) * (i % 3) for i in range(count)]


def test_twelve_points_have_no_limits_and_thirteen_do():
    twelve, thirteen = analyse(steady(12), "up"), analyse(steady(13), "up")
    assert twelve.mean == [None] * 12 and twelve.variation is None and twelve.assurance is None
    assert set(twelve.points) == {"common"}
    assert all(m is not None for m in thirteen.mean) and thirteen.variation == "common_cause"


def test_all_equal_series_is_common_cause_with_limits_on_the_mean():
    result = analyse([7.0] * 15, "down", target=5.0)
    assert set(result.points) == {"common"} and result.upper[0] == result.lower[0] == 7.0
    assert result.assurance == "fail"  # the process sits above a lower-is-better target


def test_a_point_exactly_on_a_limit_is_not_beyond_it():
    base = [9.0, 11.0] * 6 + [10.0]
    upper = analyse(base, "up").upper[0]  # the limits a baseline of these 13 points extends forward
    assert analyse([*base, upper], "up", baseline=13).points[-1] == "common"
    assert analyse([*base, upper + 0.01], "up", baseline=13).points[-1] == "improvement"


def test_a_point_on_the_mean_breaks_a_shift():
    base = [9.0, 11.0] * 6 + [10.0]  # mean exactly 10; limits from these 13 points only
    unbroken = analyse(base + [11.0] * 7, "up", baseline=13)
    assert unbroken.mean[-1] == 10 and unbroken.points[-7:] == ["improvement"] * 7
    broken = analyse([*base, 11.0, 11.0, 11.0, 10.0, 11.0, 11.0, 11.0], "up", baseline=13)
    assert broken.points[-7:] == ["common"] * 7


def test_a_tie_breaks_a_trend_and_six_rising_points_are_all_marked():
    base = [20.0, 22, 19, 21, 20, 22, 19, 21, 20, 22, 19, 21, 20]
    rising = analyse([*base, 21, 22, 23, 24, 25], "down")  # 20 then five rises: six points
    assert rising.points[-6:] == ["concern"] * 6
    tied = analyse([*base, 21, 22, 22, 24, 25], "down")
    assert set(tied.points) == {"common"}


def test_improvement_wins_when_rules_disagree():
    # A falling trend (concern for "up") whose last points are far above the limit (improvement).
    values = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 60, 50, 40, 30, 25, 20]
    result = analyse(values, "up")
    assert result.points[13] == "improvement"


def test_recalculation_and_baseline_limits():
    values = steady(15, 20.0) + steady(15, 40.0)
    recalculated = analyse(values, "up", recalc_after=[15])
    assert recalculated.mean[0] == pytest.approx(sum(values[:15]) / 15)
    assert recalculated.mean[-1] == pytest.approx(sum(values[15:]) / 15)
    based = analyse(values, "up", baseline=15)
    assert based.mean[-1] == pytest.approx(sum(values[:15]) / 15)
    assert based.points[-1] == "improvement"


def test_a_short_partition_after_a_recalculation_has_no_limits():
    values = steady(20, 20.0) + steady(5, 40.0)
    result = analyse(values, "up", recalc_after=[20])
    assert result.mean[-1] is None and result.variation is None and result.points[-5:] == ["common"] * 5


@pytest.mark.parametrize(
    "improvement, target, expected",
    [
        ("up", 10.0, "pass"),
        ("up", 90.0, "fail"),
        ("up", 50.0, "hit_or_miss"),
        ("down", 90.0, "pass"),
        ("down", 10.0, "fail"),
        ("down", 50.0, "hit_or_miss"),
        ("neither", 50.0, None),
        ("up", None, None),
    ],
)
def test_assurance(improvement, target, expected):
    assert analyse(steady(20), improvement, target=target).assurance == expected


@pytest.mark.parametrize(
    "improvement, tail, icon",
    [
        ("up", [200.0], "improvement_high"),
        ("down", [200.0], "concern_high"),
        ("up", [-100.0], "concern_low"),
        ("down", [-100.0], "improvement_low"),
        ("neither", [200.0], "neither_high"),
        ("neither", [-100.0], "neither_low"),
    ],
)
def test_variation_icons(improvement, tail, icon):
    assert analyse(steady(19) + tail, improvement).variation == icon


@pytest.mark.parametrize("bad", [[1.0, None, 3.0], [1.0, float("nan"), 3.0], [1.0, "x", 3.0]])
def test_missing_values_are_refused_with_a_clear_error(bad):
    with pytest.raises(ValueError, match="point 2 is missing or not a number"):
        analyse(bad, "up")


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="improvement must be one of"):
        analyse(steady(), "sideways")
    with pytest.raises(ValueError, match="baseline must be between"):
        analyse(steady(), "up", baseline=99)
    with pytest.raises(ValueError, match="outside the series"):
        analyse(steady(), "up", recalc_after=[20])


def test_minimum_is_thirteen():
    assert MIN_POINTS == 13
