"""The KPI trend chart drawn on the server as SVG: the monthly figure, SPC mean and process limits, special-cause
points (each signal with its own shape as well as colour), the target, published annual figures and numbered events.

Drawn here rather than by Vega-Lite in the browser because a Vega chart took about 300-400 ms of every KPI page view
to load and draw (docs/benchmarks.md), more than the rest of the page. The picture is an image (Streamlit's st.html
removes inline SVG) with the chart's summary as its alt text; hovering over a point, a published figure or an event
shows its details (a transparent spot with a title, placed over the image in percentages so it follows the image's
size). The page's table alternative holds every figure.
"""

import base64
import datetime as dt
import math
from html import escape

from domain.benchmarks import PublishedYear
from domain.brag import Status
from domain.events import Event
from domain.trends import SPC_WORDS, Trend
from domain.units import UNITS, format_number, format_value
from ui.charts import events_in_range

WIDTH, HEIGHT = 960, 460
LEFT, RIGHT, TOP = 78, 24, 46  # room for the value labels, and for the event numbers above the plot
AXIS_ROOM, LEGEND_ROW = 40, 24  # below the plot: month labels, then one legend row per kind of mark
FONT = "font-family=\"'Source Sans Pro', Arial, sans-serif\""
INK, GREY, LIGHT, GREEN, EVENT, EVENT_TEXT = "#0b0c0c", "#505a5f", "#d9dadb", "#00703c", "#b58840", "#594d00"

# Making Data Count's colours, each with its own shape so that colour is never needed to tell them apart.
SPC_STYLE = {
    "Common cause": ("#6f777b", "circle"),
    "Special cause: improvement": ("#1d70b8", "triangle-up"),
    "Special cause: concern": ("#d4351c", "square"),
    "Special cause": ("#4c2c92", "diamond"),
}
PUBLISHED_STYLE = {
    "Council (published)": ("#0b0c0c", "diamond"),
    "England": ("#b58840", "cross"),
    "Statistical neighbours' median": ("#00703c", "triangle-down"),
}

CSS = """
<style>
.trend-chart { position: relative; width: 100%; max-width: 960px; margin: 0.5rem 0 0.75rem 0; }
.trend-chart img { width: 100%; height: auto; display: block; }
.trend-chart .spot { position: absolute; width: 18px; height: 18px; margin: -9px 0 0 -9px; border-radius: 50%; }
.trend-chart .spot:hover { outline: 2px solid #0b0c0c; }
</style>
"""


def shape(kind: str, x: float, y: float, colour: str, filled: bool = True, size: float = 5.5) -> str:
    """One marker: circle, square, diamond, triangle-up, triangle-down or cross, centred on (x, y)."""
    paint = f'fill="{colour}"' if filled else f'fill="white" stroke="{colour}" stroke-width="2.5"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" {paint}/>'
    if kind == "square":
        side = size * 1.75
        return f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" height="{side:.1f}" {paint}/>'
    if kind == "cross":
        arm = size * 1.2
        return (f'<path d="M{x - arm:.1f} {y:.1f}H{x + arm:.1f}M{x:.1f} {y - arm:.1f}V{y + arm:.1f}" '
                f'stroke="{colour}" stroke-width="3" fill="none"/>')
    d = size * 1.3
    corners = {
        "diamond": [(x, y - d), (x + d, y), (x, y + d), (x - d, y)],
        "triangle-up": [(x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)],
        "triangle-down": [(x, y + d), (x + d, y - d * 0.8), (x - d, y - d * 0.8)],
    }[kind]
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in corners)}" {paint}/>'


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values covering low..high, about `count` steps apart (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def _decimals(ticks: list[float]) -> int:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return 0 if float(step).is_integer() else min(3, max(1, -math.floor(math.log10(step - math.floor(step)))))


def _month_step(months: int) -> int:
    """Label every month, or every 2nd, 3rd, 6th, 12th or 24th, so that at most ten labels fit."""
    return next(step for step in (1, 2, 3, 6, 12, 24, 60) if months / step <= 10)


def _labelled(month: dt.date, step: int) -> bool:
    if step <= 12:
        return (month.month - 1) % step == 0  # January, and every step-th month after it
    return month.month == 1 and month.year % (step // 12) == 0


def _lines(points: list[tuple[float, float] | None], colour: str, width: float, dash: str = "") -> str:
    """Polylines through consecutive known points; a missing point breaks the line."""
    runs, run = [], []
    for point in points + [None]:
        if point is None:
            if len(run) > 1:
                runs.append(run)
            elif len(run) == 1:  # a lone figure between gaps still shows as a short stroke
                runs.append([(run[0][0] - 2, run[0][1]), (run[0][0] + 2, run[0][1])])
            run = []
        else:
            run.append(point)
    style = f'fill="none" stroke="{colour}" stroke-width="{width}"' + (f' stroke-dasharray="{dash}"' if dash else "")
    return "".join(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}" {style}/>' for run in runs)


def trend_svg(trend: Trend, events: list[Event], published: list[PublishedYear] | None = None,
              alt_text: str = "") -> str:
    """The chart as HTML: an SVG image described by `alt_text`, with a hover title on each point, published figure
    and event. Empty when the trend has no months."""
    kpi, points = trend.kpi, trend.points
    if not points:
        return ""
    shown = [p for p in points if p.value is not None and p.status is not Status.SUPPRESSED]
    # England's figure for a count is the whole country's (80,000 children in care beside a council's 300): it would
    # flatten the council's line, so the chart leaves it out; the table of published figures below keeps it
    england = [] if kpi.unit == "count" else [("England", "england")]
    annual = [(year.reference_date, series, getattr(year, field)) for year in (published or [])
              if trend.covers(year.reference_date)
              for series, field in [("Council (published)", "council"), *england,
                                    ("Statistical neighbours' median", "neighbour_median")]
              if getattr(year, field) is not None]
    inside = events_in_range(trend, events)  # numbered as the page lists them
    spc_used = [words for words in SPC_STYLE if any(SPC_WORDS.get(p.spc) == words for p in shown)]
    series_used = [series for series in PUBLISHED_STYLE if any(s == series for _, s, _ in annual)]
    legend_rows = [row for row in (("Points", spc_used, SPC_STYLE, True),
                                   ("Published (annual)", series_used, PUBLISHED_STYLE, False)) if row[1]]
    bottom = HEIGHT - AXIS_ROOM - LEGEND_ROW * len(legend_rows)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, bottom - TOP

    known = [v for p in points for v in (p.mean, p.upper, p.lower) if v is not None]
    known += [p.value for p in shown] + [v for _, _, v in annual]
    if kpi.is_rated and kpi.target is not None:
        known.append(kpi.target)
    ticks = nice_ticks(min([0.0, *known]), max([0.0, *known]))
    low, high = ticks[0], ticks[-1]
    # the time axis runs to the end of the last month, where a 31 March figure or a late event falls
    start, end = points[0].month, (points[-1].month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    span = (end - start).days

    def px(day: dt.date) -> float:
        return LEFT + (day - start).days / span * plot_w

    def py(value: float) -> float:
        return bottom - (value - low) / (high - low) * plot_h

    parts, spots = [], []
    decimals = _decimals(ticks)
    suffix = "%" if kpi.unit == "percent" else ""
    for tick in ticks:  # horizontal gridlines with their values
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{py(tick):.1f}" y2="{py(tick):.1f}" '
                     f'stroke="{LIGHT}" stroke-width="1"/>'
                     f'<text x="{LEFT - 8}" y="{py(tick) + 5:.1f}" text-anchor="end" font-size="14" fill="{INK}">'
                     f'{escape(format_number(tick, decimals) + suffix)}</text>')
    axis_title = UNITS[kpi.unit].label.capitalize()
    parts.append(f'<text transform="translate(18 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                 f'font-size="14" font-weight="600" fill="{INK}">{escape(axis_title)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>')
    step = _month_step(len(points))
    for point in points:
        if _labelled(point.month, step) or len(points) == 1:
            x = px(point.month)
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 6}" stroke="{INK}"/>'
                         f'<text x="{x:.1f}" y="{bottom + 22}" text-anchor="middle" font-size="14" fill="{INK}">'
                         f'{point.month:%b %Y}</text>')

    for number, event in inside:  # events: a vertical rule with its number above the plot
        x = px(event.date)
        row = TOP - 26 if number % 2 else TOP - 10
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 4}" y2="{bottom}" stroke="{EVENT}" '
                     f'stroke-width="1.5"/><text x="{x + 4:.1f}" y="{row + 4}" font-size="14" font-weight="700" '
                     f'fill="{EVENT_TEXT}">{number}</text>')
        spots.append((x + 8, row, f"{number}. {event.date:%d %B %Y}: {event.title}"))

    at = {p.month: p for p in points}
    months = [p.month for p in points]

    def series(values) -> list[tuple[float, float] | None]:
        return [(px(m), py(v)) if v is not None else None for m, v in zip(months, values)]

    parts.append(_lines(series(at[m].mean for m in months), GREY, 1.5))
    parts.append(_lines(series(at[m].upper for m in months), GREY, 1.5, "6 5"))
    parts.append(_lines(series(at[m].lower for m in months), GREY, 1.5, "6 5"))
    if kpi.is_rated and kpi.target is not None:
        parts.append(_lines([(LEFT, py(kpi.target)), (LEFT + plot_w, py(kpi.target))], GREEN, 2.5, "3 3"))
    parts.append(_lines(series(at[m].value if at[m] in shown else None for m in months), INK, 2.5))
    for point in shown:
        words = SPC_WORDS.get(point.spc, "Common cause")
        colour, kind = SPC_STYLE.get(words, SPC_STYLE["Common cause"])
        x, y = px(point.month), py(point.value)
        parts.append(shape(kind, x, y, colour))
        spots.append((x, y, f"{point.month:%B %Y}: {point.value_text(kpi)}, {point.status.text}, {words}"
                      + (f". {point.commentary}" if point.commentary else "")))
    for day, name, value in annual:
        colour, kind = PUBLISHED_STYLE[name]
        x, y = px(day), py(value)
        parts.append(shape(kind, x, y, colour, filled=False, size=6.5))
        spots.append((x, y, f"{name}, {day:%d %B %Y}: {format_value(value, kpi.unit, kpi.decimals)}"))

    y = bottom + AXIS_ROOM + 6
    column = LEFT + max((8 * len(title) for title, *_ in legend_rows), default=0) + 18
    for title, used, styles, filled in legend_rows:  # the key: each mark's shape and what it means
        parts.append(f'<text x="{LEFT}" y="{y + 5}" font-size="14" font-weight="600" fill="{INK}">{title}:</text>')
        x = column
        for words in used:
            colour, kind = styles[words]
            parts.append(shape(kind, x + 6, y, colour, filled=filled) +
                         f'<text x="{x + 18}" y="{y + 5}" font-size="14" fill="{INK}">{escape(words)}</text>')
            x += 18 + 7.4 * len(words) + 24
        y += LEGEND_ROW

    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" {FONT}>' + "".join(parts) + "</svg>")
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    hover = "".join(f'<span class="spot" style="left:{x / WIDTH * 100:.2f}%;top:{y / HEIGHT * 100:.2f}%" '
                    f'title="{escape(text)}" aria-hidden="true"></span>' for x, y, text in spots)
    return (f'{CSS}<div class="trend-chart"><img src="{source}" width="{WIDTH}" height="{HEIGHT}" '
            f'alt="{escape(alt_text)}">{hover}</div>')
