"""Charts drawn on the server as SVG: the shared parts (value axis, month axis, markers, lines, key, hover spots).

Drawn here rather than by Vega-Lite in the browser because a Vega chart took about 300-400 ms of each page view to
load and draw (docs/benchmarks.md), more than the rest of the page. A chart is an image (Streamlit's st.html removes
inline SVG) whose alt text is the chart's summary in words; hovering over a mark shows its details (a transparent
spot with a title, placed over the image in percentages so that it follows the image's size). Every chart also has a
table alternative on its page.
"""

import base64
import datetime as dt
from collections.abc import Callable
from html import escape

from domain.chart_scale import tick_decimals, value_ticks
from domain.units import format_number

WIDTH = 960
LEFT, RIGHT, TOP = 78, 24, 46  # room for the value labels, and for event numbers above the plot
AXIS_ROOM, LEGEND_ROW = 40, 24  # below the plot: month labels, then one row of the key per kind of mark
FONT = "font-family=\"'Source Sans Pro', Arial, sans-serif\""
INK, GREY, LIGHT = "#0b0c0c", "#505a5f", "#d9dadb"

CSS = """
<style>
.svg-scroll { overflow-x: auto; margin: 0.5rem 0 0.75rem 0; padding-top: 0.25rem; }
.chart-cue { display: none; color: #505a5f; font-size: 0.85rem; margin: 0.5rem 0 0 0; }
.chart-cue:has(+ .svg-scroll[data-overflows]) { display: block; }
.svg-note { color: #505a5f; font-size: 0.875rem; margin: -0.5rem 0 0.75rem 0; }
.svg-chart { position: relative; width: 100%; max-width: 960px; min-width: 720px; }
.svg-chart img { width: 100%; height: auto; display: block; }
.svg-chart .spot { position: absolute; width: 24px; height: 24px; margin: -12px 0 0 -12px; border-radius: 50%;
  border: 0; padding: 0; background: transparent; cursor: pointer; }
.svg-chart .spot:hover, .svg-chart .spot:focus { outline: 3px solid #0b0c0c; box-shadow: 0 0 0 6px #ffdd00;
  z-index: 2; }
.svg-chart .spot:hover::after, .svg-chart .spot:focus::after { content: attr(data-tip); position: absolute;
  bottom: calc(100% + 8px); left: 50%; transform: translateX(-50%); width: max-content; max-width: 18rem;
  padding: 0.3rem 0.5rem; background: #0b0c0c; color: #ffffff; font-size: 0.85rem; line-height: 1.35;
  text-align: left; border-radius: 0.2rem; white-space: normal; z-index: 3; }
.svg-chart .spot.start::after { left: 0 !important; transform: none !important; }
.svg-chart .spot.end::after { left: auto !important; right: 0; transform: none !important; }
.svg-chart .spot.high::after { bottom: auto !important; top: calc(100% + 8px); }
.svg-chart .spot[data-quiet]::after { display: none !important; }
</style>
"""

Spot = tuple[float, float, str]  # x, y and the words shown on hovering there
Draw = Callable[[float, float], str]  # draws a key's sample mark centred on (x, y)


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
        return (
            f'<path d="M{x - arm:.1f} {y:.1f}H{x + arm:.1f}M{x:.1f} {y - arm:.1f}V{y + arm:.1f}" '
            f'stroke="{colour}" stroke-width="3" fill="none"/>'
        )
    d = size * 1.3
    corners = {
        "diamond": [(x, y - d), (x + d, y), (x, y + d), (x - d, y)],
        "triangle-up": [(x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)],
        "triangle-down": [(x, y + d), (x + d, y - d * 0.8), (x - d, y - d * 0.8)],
    }[kind]
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in corners)}" {paint}/>'


def sample(kind: str, colour: str, filled: bool = True, dash: str | None = None) -> Draw:
    """A key's sample of a mark: the marker, on a short line (solid, or dashed by `dash`) when dash is not None."""

    def draw(x: float, y: float) -> str:
        line = lines([(x - 8, y), (x + 8, y)], colour, 2.5, dash) if dash is not None else ""
        return line + shape(kind, x, y, colour, filled=filled, size=4.5 if dash is not None else 5.5)

    return draw


def lines(points: list[tuple[float, float] | None], colour: str, width: float, dash: str = "") -> str:
    """Polylines through consecutive known points; a missing point (None) breaks the line."""
    runs, run = [], []
    for point in [*points, None]:
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


class Plot:
    """The plotting area of a chart `height` high with `legend_rows` rows of key below it: a value axis from the
    round ticks covering `values` (and zero, if `from_zero`), and a time axis from the first of `months` to the end
    of the last month, where a 31 March figure or a late event falls."""

    def __init__(
        self,
        height: int,
        months: list[dt.date],
        values: list[float],
        legend_rows: int = 0,
        top: int = TOP,
        upper: float | None = None,
        from_zero: bool = True,
    ):
        self.height = height
        self.bottom = height - AXIS_ROOM - LEGEND_ROW * legend_rows
        self.top, self.width = top, WIDTH - LEFT - RIGHT
        self.ticks = value_ticks(values, from_zero, upper)
        self.months = months
        self.start = months[0]
        self.end = (months[-1] + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)

    def x(self, day: dt.date) -> float:
        return LEFT + (day - self.start).days / (self.end - self.start).days * self.width

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.bottom - (value - low) / (high - low) * (self.bottom - self.top)

    def axes(self, title: str, suffix: str = "", centre_months: bool = False) -> list[str]:
        """Gridlines with their values, the value axis's title, the base line and the month labels (on each month's
        first day, or on its middle for bars)."""
        decimals = tick_decimals(self.ticks)
        parts = [
            f'<line x1="{LEFT}" x2="{LEFT + self.width}" y1="{self.y(t):.1f}" y2="{self.y(t):.1f}" '
            f'stroke="{LIGHT}" stroke-width="1"/><text x="{LEFT - 8}" y="{self.y(t) + 5:.1f}" '
            f'text-anchor="end" font-size="14" fill="{INK}">{escape(format_number(t, decimals) + suffix)}</text>'
            for t in self.ticks
        ]
        parts.append(
            f'<text transform="translate(18 {(self.top + self.bottom) / 2:.1f}) rotate(-90)" '
            f'text-anchor="middle" font-size="14" font-weight="600" fill="{INK}">{escape(title)}</text>'
        )
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + self.width}" y1="{self.bottom}" y2="{self.bottom}" stroke="{INK}"/>'
        )
        every = next(step for step in (1, 2, 3, 6, 12, 24, 60) if len(self.months) / step <= 10)
        for month in self.months:
            if labelled(month, every) or len(self.months) == 1:
                x = self.x(month + dt.timedelta(days=14)) if centre_months else self.x(month)
                parts.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{self.bottom}" y2="{self.bottom + 6}" '
                    f'stroke="{INK}"/><text x="{x:.1f}" y="{self.bottom + 22}" text-anchor="middle" '
                    f'font-size="14" fill="{INK}">{month:%b %Y}</text>'
                )
        return parts

    def key(self, rows: list[tuple[str, list[tuple[Draw, str]]]]) -> list[str]:
        """The key below the month labels: one row per kind of mark, its title then each sample and its words."""
        y = self.bottom + AXIS_ROOM + 6
        column = LEFT + max((8 * len(title) for title, _ in rows), default=0) + 18
        parts = []
        for title, entries in rows:
            parts.append(
                f'<text x="{LEFT}" y="{y + 5}" font-size="14" font-weight="600" fill="{INK}">{escape(title)}:</text>'
            )
            x = column
            for draw, words in entries:
                parts.append(
                    draw(x + 8, y) + f'<text x="{x + 22}" y="{y + 5}" font-size="14" fill="{INK}">'
                    f"{escape(words)}</text>"
                )
                x += 22 + 7.4 * len(words) + 24
            y += LEGEND_ROW
        return parts


def labelled(month: dt.date, step: int) -> bool:
    """Whether the month axis labels `month` when it labels every `step`-th month from January."""
    if step <= 12:
        return (month.month - 1) % step == 0
    return month.month == 1 and month.year % (step // 12) == 0


def data_uri(svg: str) -> str:
    """An SVG drawing as an image address (st.html removes inline <svg>, so every drawing is an image)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def image(parts: list[str], height: int, alt_text: str, spots: list[Spot], css_class: str) -> str:
    """The chart as HTML: the SVG as an image described by `alt_text`, and a point for each of `spots` that shows
    its text on hover, on focus (Tab, then the arrow keys, by ui/assets/dashboard.js) and on a tap, and is announced
    by screen readers (a button named by the text)."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" {FONT}>' + "".join(parts) + "</svg>"
    )
    source = data_uri(svg)
    points = []
    for number, (x, y, text) in enumerate(sorted(spots, key=lambda spot: spot[0])):  # in order across the chart
        side = " start" if x < WIDTH * 0.25 else " end" if x > WIDTH * 0.75 else ""
        side += " high" if y < height * 0.2 else ""
        points.append(
            f'<button type="button" class="spot{side}" style="left:{x / WIDTH * 100:.2f}%;top:{y / height * 100:.2f}%"'
            f' aria-label="{escape(text)}" data-tip="{escape(text)}" tabindex="{0 if number == 0 else -1}"></button>'
        )
    # on a narrow screen the chart keeps a readable size and scrolls sideways, and says so above it (the dashboard's
    # script marks a box the chart overflows): by keyboard, moving between its points scrolls it (a chart without
    # points takes the focus itself)
    focus = "" if points else ' tabindex="0"'
    label = "Chart: its points, with the arrow keys" if points else "Chart"
    return (
        f'{CSS}<p class="chart-cue" aria-hidden="true">Scroll the chart sideways to see every month.</p>'
        f'<div class="svg-scroll"{focus} role="group" aria-label="{label}">'
        f'<div class="svg-chart {css_class}"><img src="{source}" width="{WIDTH}" height="{height}" '
        f'alt="{escape(alt_text)}">{"".join(points)}</div></div>'
    )
