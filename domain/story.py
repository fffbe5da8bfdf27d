"""One KPI's story for one month, worked out once: the figure, its changes, the direction of travel, what SPC says,
the status and why, and the plain-English summary. The scorecard, the KPI trend page, the workstreams, the CSV
downloads and the committee pack all show this object and work out none of it themselves, so they cannot disagree.

A story is told from figures already prepared for the viewer: the members' figures, or the public's with small
numbers suppressed (domain.suppression), so the public's story never uses what it may not show.

**Direction of travel** is judged by statistical process control (Making Data Count), not month on month: a
one-month change is usually noise, and calling it "improving" one month and "worsening" the next is what makes
members chase it. The direction says whether the month is a significant change against the KPI's process limits:

- Improving / Worsening: special-cause variation in the better / worse direction (the KPI's polarity);
- Higher than usual / Lower than usual: special cause for a context measure, where neither direction is better;
- No significant change: common-cause variation, within the limits;
- Too few months: fewer than 13 months with a figure, too few to work out limits from.

The changes since last month and since last year are shown beside it as numbers, never as a direction.
"""

import datetime as dt
from dataclasses import dataclass, replace

from domain import brag, spc
from domain.brag import Status
from domain.catalogue import Kpi
from domain.months import add_months, month_label
from domain.suppression import SUPPRESSED
from domain.trends import Trend, build_trend
from domain.units import format_change, format_value
from domain.values import ValueIndex

IMPROVING, WORSENING, NO_CHANGE = "Improving", "Worsening", "No significant change"
HIGHER, LOWER, TOO_FEW = "Higher than usual", "Lower than usual", "Too few months"
NO_DATA, NOT_SHOWN = "No data", "Not shown"
DIRECTIONS = (IMPROVING, WORSENING, NO_CHANGE, HIGHER, LOWER, TOO_FEW, NO_DATA, NOT_SHOWN)
JUDGED = (IMPROVING, WORSENING, NO_CHANGE, HIGHER, LOWER)  # the directions SPC gave a verdict for
SPECIAL_CAUSES = (IMPROVING, WORSENING, HIGHER, LOWER)
# Making Data Count's assurance: where the target sits against the process limits, so whether it will be met
MET, HIT_AND_MISS, MISSED = "Target consistently met", "Target hit and miss", "Target consistently missed"
ASSURANCE_WORDS = {"pass": MET, "hit_or_miss": HIT_AND_MISS, "fail": MISSED}
DIRECTION_MEANING = {
    IMPROVING: "a significant change for the better (special-cause improvement)",
    WORSENING: "a significant change for the worse (special-cause concern)",
    NO_CHANGE: "within the process limits (common-cause variation)",
    HIGHER: "significantly higher than usual (a special cause; neither direction is better)",
    LOWER: "significantly lower than usual (a special cause; neither direction is better)",
    TOO_FEW: f"fewer than {spc.MIN_POINTS} months with a figure, too few to judge",
    NO_DATA: "no figure for the month",
    NOT_SHOWN: "a small number, not shown in the public view",
}


@dataclass(frozen=True)
class KpiStory:
    kpi: Kpi
    month: dt.date
    value: float | None  # None when missing or not shown
    value_text: str
    change_month: float | None  # the change since last month as shown (rounded), None when missing or not shown
    change_month_text: str
    change_year: float | None
    change_year_text: str
    direction: str  # one of DIRECTIONS
    target_text: str
    status: Status
    status_reason: str  # e.g. "Red: 34.0% against a target of at most 20.0%, 14.0 points worse, ..."
    trend: Trend  # every month up to this one, with the process limits the direction is judged against
    rebase: object  # the recorded re-basing the latest limits come from (domain.rebasing.Rebase), or None
    rebases: tuple  # every recorded re-basing the limits use (drawn on the chart), oldest first
    summary: str
    commentary: str | None

    @property
    def limits_text(self) -> str:
        return limits_text(self.trend)

    @property
    def variation(self) -> str | None:
        """Making Data Count's variation icon for the month ('improvement_low', 'common_cause', ...), None where
        there is no verdict (too few months, no figure, not shown)."""
        return self.trend.variation if self.direction in JUDGED else None

    @property
    def assurance(self) -> str:
        """Whether the process will meet the target in force (one of ASSURANCE_WORDS' values), as the summary says
        it; empty where there is no verdict: no target, a context measure, no SPC verdict this month, or limits that
        predate a significant change (the summary says they can be re-based)."""
        if self.direction not in JUDGED or not self.kpi.is_rated:
            return ""
        met = self.status in brag.TARGET_MET
        return ASSURANCE_WORDS.get(assurance_verdict(self.trend, self.direction, met), "")

    def recent(self, months: int = 24) -> Trend:
        """The last `months` months of the trend, ending with this one (for sparklines and the pack's chart)."""
        return self.trend.since(add_months(self.month, -months + 1))

    def recent_text(self, months: int = 24) -> str:
        """A sparkline of the recent months in words, e.g. 'Last 24 months: from 42.8% in November 2024 to 34.0% in
        October 2026, between 31.2% and 42.8%; target at most 15.0%.' Suppressed figures are left out."""
        shown = [p for p in self.recent(months).points if p.value is not None and p.status is not Status.SUPPRESSED]
        if len(shown) < 2:
            return f"Last {months} months: too few figures to draw."
        kpi = self.kpi

        def text(value: float) -> str:
            return format_value(value, kpi.unit, kpi.decimals)

        values = [p.value for p in shown]
        words = (
            f"Last {months} months: from {text(values[0])} in {month_label(shown[0].month)} to {text(values[-1])} in "
            f"{month_label(shown[-1].month)}, between {text(min(values))} and {text(max(values))}"
        )
        rated = self.target_text not in ("Context measure", "No target")
        return words + (f"; target {self.target_text}." if rated else ".")


def target_text(kpi: Kpi) -> str:
    if kpi.polarity == "neither":
        return "Context measure"
    if kpi.target is None:
        return "No target"
    word = "at least" if kpi.polarity == "up" else "at most"
    return f"{word} {format_value(kpi.target, kpi.unit, kpi.decimals)}"


def target_history_text(kpi: Kpi) -> str:
    """Every target the KPI has had, in words, e.g. 'at most 25.0% (tolerance 2.0 points) to March 2025; at most
    20.0% (tolerance 2.0 points) from April 2025, moving to 15.0% by March 2027'. Empty for one unchanging target."""
    periods = kpi.target_periods()
    if len(periods) < 2:
        return ""
    parts = []
    for number, period in enumerate(periods):
        judged = replace(kpi, target=period.target, tolerance=period.tolerance, targets=())
        text = f"{target_text(judged)} (tolerance {amount_text(period.tolerance, kpi)})"
        if period.path_to is not None:
            text += (
                f", moving month by month to {format_value(period.path_to, kpi.unit, kpi.decimals)} by "
                f"{month_label(period.path_by)}"
            )
        if number == 0:
            text += f" to {month_label(add_months(periods[1].start, -1))}"
        else:
            text = f"from {month_label(period.start)}: " + text
        parts.append(text)
    return "; ".join(parts)


def amount_text(amount: float, kpi: Kpi, before_noun: bool = False) -> str:
    """A distance between two figures in the KPI's unit: '14.0 points', '2.5 per 10,000', '3 days', '12'; with
    `before_noun`, as an adjective ('the 2.0-point tolerance')."""
    number = f"{abs(amount):,.{kpi.decimals}f}"
    word = {"percent": "point", "days": "day"}.get(kpi.unit)
    if word:
        if before_noun:
            return f"{number}-{word}"
        return f"{number} {word}{'' if number in ('1', '1.0', '1.00') else 's'}"
    if kpi.unit == "rate_per_10k":
        return f"{number} per 10,000"
    return number


def status_reason(kpi: Kpi, status: Status, value: float | None, month: dt.date) -> str:
    """Why the KPI has its status this month, in one sentence a member can check against the figure."""
    label = status.value.label
    if status is Status.SUPPRESSED:
        return f"{label}: a small number, not shown in the public view to protect children's privacy."
    if status is Status.NOT_RATED:
        if kpi.polarity == "neither":
            return f"{label}: a context measure, where neither higher nor lower is better."
        return f"{label}: no target."
    if status is Status.NO_DATA:
        return f"{label}: no figure for {month_label(month)}."
    shown = format_value(value, kpi.unit, kpi.decimals)
    against = f"{shown} against a target of {target_text(kpi)}"
    gap = brag.gap(kpi, value)
    if status is Status.BLUE:
        return (
            f"{label}: {against}, better than target in this month and in each of the "
            f"{brag.SUSTAINED_MONTHS - 1} months before it."
        )
    if status is Status.GREEN:
        return f"{label}: {against}, " + ("exactly at target." if gap == 0 else f"{amount_text(gap, kpi)} better.")
    tolerance = f"the {amount_text(kpi.tolerance, kpi, before_noun=True)} tolerance"
    if status is Status.AMBER:
        return f"{label}: {against}, {amount_text(gap, kpi)} worse, within {tolerance}."
    return f"{label}: {against}, {amount_text(gap, kpi)} worse, more than {tolerance}."


def _direction(trend: Trend, month: dt.date, hidden: bool, value: float | None) -> str:
    if hidden:
        return NOT_SHOWN
    if value is None:
        return NO_DATA
    last = trend.points[-1] if trend.points else None
    if last is None or last.month != month or trend.variation is None:
        return TOO_FEW
    variation = trend.variation
    if variation == "common_cause":
        return NO_CHANGE
    if variation.startswith("improvement"):
        return IMPROVING
    if variation.startswith("concern"):
        return WORSENING
    return HIGHER if variation.endswith("high") else LOWER


def limits_text(trend: Trend) -> str:
    """Which months the process limits of the latest month were worked out from, e.g. 'April 2021 to November 2022
    (a baseline of 20 months)'."""
    if not trend.baseline:
        return ""
    first, last = trend.baseline
    count = sum(1 for p in trend.with_figures if first <= p.month <= last)
    return f"{month_label(first)} to {month_label(last)} ({count} month{'s' if count != 1 else ''} with a figure)"


def _change(kpi: Kpi, index: ValueIndex, month: dt.date, earlier: dt.date) -> tuple[float | None, str]:
    if index.is_suppressed(kpi.code, month) or index.is_suppressed(kpi.code, earlier):
        return None, SUPPRESSED
    now, then = index.value(kpi.code, month), index.value(kpi.code, earlier)
    if now is None or then is None:
        return None, "No data"
    change = round(round(now, kpi.decimals) - round(then, kpi.decimals), kpi.decimals) + 0.0  # no -0.0
    return change, format_change(change, kpi.unit, kpi.decimals)


def _change_phrase(kpi: Kpi, change: float | None, text: str, earlier: dt.date) -> str | None:
    if text == SUPPRESSED or change is None:
        return None
    if change == 0:
        return f"the same as in {month_label(earlier)}"
    word = "up" if change > 0 else "down"
    return f"{word} {amount_text(change, kpi)} on {month_label(earlier)}"


def _streak(trend: Trend) -> int:
    """How many of the latest months running met the target (Green or Blue)."""
    streak = 0
    for point in reversed(trend.points):
        if point.status not in brag.TARGET_MET:
            break
        streak += 1
    return streak


def assurance_verdict(trend: Trend, direction: str, met: bool) -> str | None:
    """What the process limits say about meeting the target ('pass', 'fail', 'hit_or_miss'), only where they
    describe the process as it is now: 'stale' after a special cause that disagrees with the target being met or
    missed; None where there is no verdict.

    After a special cause the limits describe the months they were worked out from, not the present: a verdict from
    them ("hit and miss") beside a target met for months on end would contradict it."""
    assurance = trend.assurance
    if assurance is None:
        return None
    agrees = (assurance == "pass" and met) or (assurance == "fail" and not met)
    return assurance if direction == NO_CHANGE or agrees else "stale"


def _assurance_sentence(trend: Trend, direction: str, met: bool) -> str | None:
    verdict = assurance_verdict(trend, direction, met)
    if verdict is None:
        return None
    if verdict == "hit_or_miss" and met:
        return "At the current level of variation the target will still be missed in some months."
    return {
        "pass": "At the current level of variation the target will be met consistently.",
        "fail": "At the current level of variation the target will not be met unless something changes.",
        "hit_or_miss": "At the current level of variation the target will be met in some months and missed in others.",
        "stale": "The figures have changed significantly since the months the process limits come from, so the limits "
        "cannot yet say whether the target will be met from now on; the performance team can re-base them from the "
        "month the change began.",
    }[verdict]


def _direction_sentence(direction: str, month: dt.date, trend: Trend) -> str:
    when, limits = month_label(month), limits_text(trend)
    if direction == TOO_FEW:
        return f"Statistical process control needs at least {spc.MIN_POINTS} months with a figure."
    if direction == NO_CHANGE:
        return f"{when} is within the process limits (common-cause variation), worked out from {limits}."
    return f"Against the process limits worked out from {limits}, {when} is {DIRECTION_MEANING[direction]}."


def _summary(kpi: Kpi, month: dt.date, story: dict, trend: Trend, applied=None) -> str:
    name = kpi.title
    if story["status"] is Status.SUPPRESSED:
        return (
            f"{name}: the figure for {month_label(month)} is a small number, not shown in the public view to protect "
            "children's privacy."
        )
    if story["value"] is None:
        if not trend.with_figures:
            return f"There are no figures for {name} yet."
        return f"{name}: no figure for {month_label(month)}."
    sentence = f"{name} was {story['value_text']} in {month_label(month)}"
    changes = [
        _change_phrase(kpi, story["change_month"], story["change_month_text"], add_months(month, -1)),
        _change_phrase(kpi, story["change_year"], story["change_year_text"], add_months(month, -12)),
    ]
    changes = [c for c in changes if c]
    sentences = [sentence + (": " + " and ".join(changes) if changes else "") + "."]
    direction = story["direction"]
    sentences.append(f"Direction of travel: {direction.lower()}. " + _direction_sentence(direction, month, trend))
    if applied is not None and direction != TOO_FEW:
        sentences.append(
            f"The limits were re-based from {month_label(applied.from_month)} by the performance team, after "
            f"{applied.evidence}."
        )
    if kpi.is_rated:
        sentences.append(f"The status is {story['status_reason']}")
        met = story["status"] in brag.TARGET_MET
        streak = _streak(trend)
        if met and streak > 1:
            sentences.append(f"The target has been met for {streak} months running.")
        assurance = _assurance_sentence(trend, direction, met)
        if assurance:
            sentences.append(assurance)
    return " ".join(sentences)


def tell(kpi: Kpi, index: ValueIndex, month: dt.date, rebases: tuple = ()) -> KpiStory:
    """The story of `kpi` in `month`, from `index` (members' or the public's figures), with the KPI's recorded
    re-basings (domain.rebasing.Rebase) that start on or before `month`."""
    rebases = tuple(r for r in rebases if r.from_month <= month)
    trend = build_trend(kpi, index, last=month, rebased_from=tuple(r.from_month for r in rebases))
    applied = next((r for r in reversed(rebases) if r.from_month == trend.recalculated_from), None)
    hidden = index.is_suppressed(kpi.code, month)
    value = None if hidden else index.value(kpi.code, month)
    status = (
        Status.SUPPRESSED if hidden else brag.status(kpi, index.recent(kpi.code, month, brag.SUSTAINED_MONTHS), month)
    )
    judged = kpi.at(month)  # with the target in force this month
    change_month, change_month_text = _change(kpi, index, month, add_months(month, -1))
    change_year, change_year_text = _change(kpi, index, month, add_months(month, -12))
    facts = {
        "value": value,
        "value_text": SUPPRESSED if hidden else format_value(value, kpi.unit, kpi.decimals),
        "change_month": change_month,
        "change_month_text": change_month_text,
        "change_year": change_year,
        "change_year_text": change_year_text,
        "direction": _direction(trend, month, hidden, value),
        "status": status,
        "status_reason": status_reason(judged, status, value, month),
    }
    return KpiStory(
        kpi=kpi,
        month=month,
        rebase=applied,
        rebases=tuple(r for r in rebases if r.from_month in trend.rebased),
        target_text=target_text(judged),
        trend=trend,
        summary=_summary(kpi, month, facts, trend, applied),
        commentary=index.commentary(kpi.code, month),
        **facts,
    )
