"""Statistical process control: XmR charts with NHS England's "Making Data Count" rules.

    result = analyse(values, improvement="down", target=20.0)

- Limits: mean +/- 2.66 x the mean moving range, for each partition (the series is split after each point in
  `recalc_after`); moving ranges are not screened and never span a recalculation. With `baseline`, each
  partition's limits come from its first `baseline` points (all of them if it has fewer) and are extended forward:
  Making Data Count's baseline, and after a re-basing a new baseline from the re-based month.
- Limits, special causes and icons need at least 13 points to compute limits from (MIN_POINTS); with fewer, every
  point is common cause and the limits are None.
- Special cause: a point beyond a limit; 6 consecutive points on one side of the mean (a point on the mean breaks the
  run); 6 consecutive points each strictly higher, or each strictly lower, than the one before (a tie breaks it; all
  6 are marked); 2 of 3 consecutive points beyond the same 2-sigma line with all 3 on that side of the mean (only the
  points beyond 2 sigma are marked; a point beyond 3 sigma does not count towards this rule). Shift, trend and
  two-of-three may run across a recalculation; each point is compared with its own partition's lines.
- A special-cause point is improvement or concern by the side of the mean it lies on, for the improvement direction;
  a trend's points by the trend's direction; where rules disagree, improvement wins. With no preferred direction
  ("neither") special-cause points are "neither".
- Assurance (latest partition): for "up", target at or below the lower limit passes, at or above the upper limit
  fails, otherwise hit or miss; mirrored for "down".
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

SIGMA_FACTOR = 2.66  # 3 / d2, with d2 = 1.128 for moving ranges of two points
MIN_POINTS = 13
RUN_LENGTH = 6
DIRECTIONS = ("up", "down", "neither")


@dataclass(frozen=True)
class SpcResult:
    mean: list[float | None]
    upper: list[float | None]
    lower: list[float | None]
    points: list[str]  # 'common', 'improvement', 'concern' or 'neither', one per point
    variation: str | None  # icon for the last point, e.g. 'improvement_low'; None with too few points
    assurance: str | None  # 'pass', 'fail', 'hit_or_miss', or None
    source: range | None = None  # the points the last point's limits were worked out from; None without limits


def _partitions(count: int, recalc_after: Sequence[int]) -> list[range]:
    cuts = sorted({int(p) for p in recalc_after if 0 < int(p) < count})
    bounds = [0, *cuts, count]
    return [range(start, end) for start, end in itertools.pairwise(bounds)]


def _limits(values: Sequence[float]) -> tuple[float, float, float] | None:
    if len(values) < MIN_POINTS:
        return None
    mean = sum(values) / len(values)
    moving = [abs(b - a) for a, b in itertools.pairwise(values)]
    spread = SIGMA_FACTOR * sum(moving) / len(moving)
    return mean, mean + spread, mean - spread


def _check(values, improvement, recalc_after, baseline) -> None:
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be one of {', '.join(DIRECTIONS)}, not {improvement!r}")
    for position, value in enumerate(values, start=1):
        if value is None or not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
            raise ValueError(
                f"point {position} is missing or not a number ({value!r}); SPC needs a complete series "
                "with no gaps: leave gaps out of the analysis or fill them first"
            )
    if baseline is not None and not 1 <= baseline <= len(values):
        raise ValueError(f"baseline must be between 1 and the number of points ({len(values)}), not {baseline}")
    for point in recalc_after or []:
        if not 1 <= int(point) < len(values):
            raise ValueError(f"recalc_after point {point} is outside the series of {len(values)} points")


def analyse(
    values: Sequence[float],
    improvement: str,
    target: float | None = None,
    recalc_after: Sequence[int] | None = None,
    baseline: int | None = None,
) -> SpcResult:
    """Analyse a complete series of values in time order. See the module's documentation for the rules."""
    values = list(values)
    _check(values, improvement, recalc_after, baseline)
    count = len(values)
    mean: list[float | None] = [None] * count
    upper: list[float | None] = [None] * count
    lower: list[float | None] = [None] * count
    last_source = None
    for part in _partitions(count, recalc_after or []):
        source = range(part.start, part.stop if baseline is None else min(part.start + baseline, part.stop))
        limits = _limits(values[source.start : source.stop])
        last_source = source if limits else None
        if limits:
            for index in part:
                mean[index], upper[index], lower[index] = limits
    flags: list[set[str]] = [set() for _ in values]  # 'high'/'low' side evidence per point
    _beyond_limits(values, mean, upper, lower, flags)
    _shifts(values, mean, flags)
    _trends(values, mean, flags)
    _two_of_three(values, mean, upper, flags)
    points = [_classify(improvement, f) for f in flags]
    has_limits = mean[-1] is not None if values else False
    variation = _variation(improvement, flags[-1], points[-1]) if has_limits else None
    assurance = _assurance(improvement, target, upper[-1], lower[-1]) if has_limits else None
    return SpcResult(mean, upper, lower, points, variation, assurance, last_source)


def _beyond_limits(values, mean, upper, lower, flags) -> None:
    for index, value in enumerate(values):
        if mean[index] is None:
            continue
        if value > upper[index]:
            flags[index].add("high")
        elif value < lower[index]:
            flags[index].add("low")


def _side(value: float, centre: float | None) -> int:
    if centre is None or value == centre:
        return 0
    return 1 if value > centre else -1


def _mark_runs(sides: list[int], flags, names: dict[int, str]) -> None:
    """Mark every run of RUN_LENGTH or more equal, non-zero entries of `sides`."""
    start = 0
    for index in range(1, len(sides) + 1):
        if index == len(sides) or sides[index] != sides[start] or sides[index] == 0:
            if sides[start] != 0 and index - start >= RUN_LENGTH:
                for position in range(start, index):
                    flags[position].add(names[sides[start]])
            start = index


def _shifts(values, mean, flags) -> None:
    _mark_runs([_side(v, m) for v, m in zip(values, mean, strict=True)], flags, {1: "high", -1: "low"})


def _trends(values, mean, flags) -> None:
    """Runs of RUN_LENGTH points, each strictly above (or below) the one before, among points with limits."""
    steps = [0] + [_side(b, a) for a, b in itertools.pairwise(values)]
    # steps[i] compares point i with point i-1; a run of 6 points is 5 equal steps, plus the point it starts from.
    start = 1
    for index in range(2, len(values) + 1):
        if index == len(values) or steps[index] != steps[start] or steps[index] == 0:
            if steps[start] != 0 and index - start + 1 >= RUN_LENGTH:
                for position in range(start - 1, index):
                    if mean[position] is not None:
                        flags[position].add("rising" if steps[start] > 0 else "falling")
            start = index


def _two_of_three(values, mean, upper, flags) -> None:
    def zone(index: int) -> int:
        """+1 beyond the upper 2-sigma line (but not the limit), -1 likewise below, else 0."""
        centre = mean[index]
        if centre is None:
            return 0
        sigma = (upper[index] - centre) / 3
        distance = values[index] - centre
        if 2 * sigma < distance <= 3 * sigma:
            return 1
        if -3 * sigma <= distance < -2 * sigma:
            return -1
        return 0

    zones = [zone(i) for i in range(len(values))]
    for start in range(len(values) - 2):
        window = range(start, start + 3)
        for side in (1, -1):
            beyond = [i for i in window if zones[i] == side]
            if len(beyond) >= 2 and all(_side(values[i], mean[i]) == side for i in window):
                for i in beyond:
                    flags[i].add("high" if side == 1 else "low")


def _classify(improvement: str, flags: set[str]) -> str:
    if not flags:
        return "common"
    if improvement == "neither":
        return "neither"
    good = {"up": ("high", "rising"), "down": ("low", "falling")}[improvement]
    return "improvement" if flags & set(good) else "concern"


def _variation(improvement: str, flags: set[str], point: str) -> str:
    if point == "common":
        return "common_cause"
    if improvement == "neither":
        return "neither_high" if flags & {"high", "rising"} else "neither_low"
    if point == "improvement":
        return "improvement_high" if improvement == "up" else "improvement_low"
    return "concern_low" if improvement == "up" else "concern_high"


def _assurance(improvement: str, target: float | None, upper: float, lower: float) -> str | None:
    if target is None or improvement == "neither":
        return None
    if improvement == "up":
        return "pass" if target <= lower else "fail" if target >= upper else "hit_or_miss"
    return "pass" if target >= upper else "fail" if target <= lower else "hit_or_miss"
