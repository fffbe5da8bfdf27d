"""A KPI's trend drawn straight onto a PDF page: figure, mean, process limits and target, with SPC signals marked by
shape as well as colour, so it reads in black and white."""

import itertools

from fpdf import FPDF

from domain.chart_scale import (
    axis_note,
    axis_suffix,
    limit_line,
    starts_above_zero,
    target_steps,
    tick_decimals,
    value_ticks,
)
from domain.months import month_label
from domain.trends import Trend
from domain.units import format_number, format_value

# The same shapes and colours as the KPI trend page's chart (ui/trend_svg.py), so a member reads both alike
INK, GREY, BLUE, RED, GREEN = (11, 12, 12), (111, 119, 123), (29, 112, 184), (212, 53, 28), (0, 112, 60)
REBASE = (56, 63, 67)
MARKERS = {  # SPC signal: (fill colour, shape, legend words); sized to tell apart on an A4 page printed in grey
    "common": (GREY, "dot", "common cause"),
    "improvement": (BLUE, "triangle", "special cause: improvement"),
    "concern": (RED, "square", "special cause: concern"),
    "neither": ((76, 44, 146), "diamond", "special cause"),
}


def _marker(pdf: FPDF, x: float, y: float, spc: str | None) -> None:
    colour, shape, _ = MARKERS.get(spc, MARKERS["common"])
    pdf.set_fill_color(*colour)
    if shape == "square":
        pdf.rect(x - 1.5, y - 1.5, 3.0, 3.0, style="F")
    elif shape == "diamond":
        pdf.polygon([(x, y - 2.0), (x + 2.0, y), (x, y + 2.0), (x - 2.0, y)], style="F")
    elif shape == "triangle":
        pdf.polygon([(x, y - 2.0), (x + 1.9, y + 1.4), (x - 1.9, y + 1.4)], style="F")
    else:
        pdf.circle(x, y, 1.0, style="F")


def _polyline(pdf: FPDF, points: list[tuple[float, float] | None]) -> None:
    """Lines between consecutive known points; a missing month breaks the line."""
    for a, b in itertools.pairwise(points):
        if a is not None and b is not None:
            pdf.line(a[0], a[1], b[0], b[1])


def draw_trend(pdf: FPDF, trend: Trend, x: float, y: float, width: float, height: float, rebases: tuple = ()) -> None:
    """The chart, with its key below; the key says which months the mean and limits were worked out from, and each
    re-basing in `rebases` (domain.rebasing.Rebase) within the chart's months is a dark dashed vertical line."""
    kpi, points = trend.kpi, trend.points
    if not points:
        return
    known = [v for p in points for v in (p.value, p.mean, p.upper, p.lower) if v is not None]
    targets = trend.targets()
    known += [t for t in targets if t is not None]
    from_zero = not starts_above_zero(known)
    ticks = value_ticks(known, from_zero)
    low, high, decimals = ticks[0], ticks[-1], tick_decimals(ticks)
    suffix = axis_suffix(kpi.unit)
    left, bottom = x + 16, y + height - 8  # room for the y labels and the month labels
    plot_w, plot_h = width - 18, height - 10
    step = plot_w / max(len(points) - 1, 1)

    def px(i):
        return left + i * step

    def py(v):
        return bottom - (v - low) / (high - low) * plot_h

    pdf.set_font("DejaVu", size=7)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(210, 210, 210)
    pdf.set_line_width(0.15)
    for value in ticks:  # gridlines with values
        pdf.line(left, py(value), left + plot_w, py(value))
        pdf.text(x, py(value) + 1, format_number(value, decimals) + suffix)
    for i, point in enumerate(points):
        if i % 6 == 0 or i == len(points) - 1:
            pdf.text(px(i) - 5, bottom + 5, point.month.strftime("%b %y"))

    def along(limit: str) -> list[tuple[float, float] | None]:
        return [None if at is None else (px(at[0]), py(at[1])) for at in limit_line(trend, limit)]

    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.3)
    _polyline(pdf, along("mean"))
    pdf.set_dash_pattern(dash=1.2, gap=1.0)
    for limit in ("upper", "lower"):
        _polyline(pdf, along(limit))
    if kpi.is_rated:
        pdf.set_draw_color(*GREEN)
        pdf.set_dash_pattern(dash=0.8, gap=0.8)
        pdf.set_line_width(0.6)
        steps = [(px(n), py(target)) for n, target in target_steps(targets)]  # as it stood each month
        if len(steps) == 1:
            steps = [(left, steps[0][1]), (left + plot_w, steps[0][1])]
        _polyline(pdf, steps)
    rebased = [r for r in rebases if trend.covers(r.from_month)]
    pdf.set_draw_color(*REBASE)
    pdf.set_line_width(0.4)
    pdf.set_dash_pattern(dash=2.0, gap=1.0)
    for rebase in rebased:
        at = px(next(i for i, p in enumerate(points) if p.month == rebase.from_month))
        pdf.line(at, bottom - plot_h, at, bottom)
        pdf.set_font("DejaVu", size=6.5)
        pdf.text(at + 1, bottom - plot_h + 3, "limits re-based")
    pdf.set_dash_pattern()
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.6)
    _polyline(pdf, [(px(i), py(p.value)) if p.value is not None else None for i, p in enumerate(points)])
    for i, point in enumerate(points):
        if point.value is not None:
            _marker(pdf, px(i), py(point.value), point.spc)

    legend = ["black line: the figure", "grey line: mean", "dashed grey: process limits"]
    if kpi.is_rated:
        latest = format_value(targets[-1], kpi.unit, kpi.decimals)
        legend.append(
            f"dotted green: target {latest}"
            if len(set(targets)) == 1
            else f"dotted green: target as it stood (now {latest})"
        )
    legend += [f"dark dashed vertical line: {r.label}" for r in rebased]
    used = {point.spc for point in points}
    legend += [f"{shape}: {words}" for key, (_, shape, words) in MARKERS.items() if key in used]
    pdf.set_xy(x, y + height + 1)
    pdf.set_font("DejaVu", size=7.5)
    axis = "" if from_zero else " " + axis_note(ticks, kpi.unit)
    if trend.baseline:
        first, last = trend.baseline
        axis += (
            f" The mean and limits are worked out from {month_label(first)} to {month_label(last)} and extended "
            "forward."
        )
    pdf.multi_cell(
        width,
        3.6,
        f"{month_label(points[0].month)} to {month_label(points[-1].month)}. Key: " + "; ".join(legend) + "." + axis,
    )
