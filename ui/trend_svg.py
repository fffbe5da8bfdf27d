"""The KPI trend chart, drawn on the server as SVG (see ui.svg): the monthly figure, the SPC mean and process limits,
special-cause points (each signal with its own shape as well as colour), the target, published annual figures,
numbered improvement events and the months the limits were re-based from."""

from html import escape

from domain.benchmarks import PublishedYear
from domain.brag import Status
from domain.chart_scale import axis_note, axis_suffix, limit_line, starts_above_zero, target_steps
from domain.events import Event
from domain.months import day_label
from domain.trends import SPC_WORDS, Trend
from domain.units import UNITS, format_value
from ui.charts import events_in_range
from ui.svg import GREY, INK, LEFT, Plot, image, lines, sample, shape

HEIGHT = 460
GREEN, EVENT, EVENT_TEXT, REBASE = "#00703c", "#b58840", "#594d00", "#383f43"

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


def trend_svg(
    trend: Trend,
    events: list[Event],
    published: list[PublishedYear] | None = None,
    alt_text: str = "",
    rebases: tuple = (),
) -> str:
    """The chart as HTML: an image described by `alt_text`, with a hover title on each point, published figure,
    event and re-basing (`rebases`: domain.rebasing.Rebase, each drawn as a dark dashed rule labelled "limits
    re-based"). Empty when the trend has no months. A figure suppressed in the public view has no point and no
    title."""
    kpi, points = trend.kpi, trend.points
    if not points:
        return ""
    shown = [p for p in points if p.value is not None and p.status is not Status.SUPPRESSED]
    # England's figure for a count is the whole country's (80,000 children in care beside a council's 300): it would
    # flatten the council's line, so the chart leaves it out; the table of published figures keeps it
    england = [] if kpi.unit == "count" else [("England", "england")]
    annual = [
        (year.reference_date, series, getattr(year, field))
        for year in (published or [])
        if trend.covers(year.reference_date)
        for series, field in [
            ("Council (published)", "council"),
            *england,
            ("Statistical neighbours' median", "neighbour_median"),
        ]
        if getattr(year, field) is not None
    ]
    spc_used = [words for words in SPC_STYLE if any(SPC_WORDS.get(p.spc) == words for p in shown)]
    series_used = [series for series in PUBLISHED_STYLE if any(s == series for _, s, _ in annual)]
    rebased = [r for r in rebases if trend.covers(r.from_month)]
    key = [
        (title, [(sample(styles[w][1], styles[w][0], filled), w) for w in used])
        for title, used, styles, filled in (
            ("Points", spc_used, SPC_STYLE, True),
            ("Published (annual)", series_used, PUBLISHED_STYLE, False),
        )
        if used
    ]

    values = [v for p in points for v in (p.mean, p.upper, p.lower) if v is not None]
    values += [p.value for p in shown] + [v for _, _, v in annual]
    targets = trend.targets()
    values += [t for t in targets if t is not None]
    axis_from_zero = not starts_above_zero(values)
    plot = Plot(HEIGHT, [p.month for p in points], values, legend_rows=len(key), from_zero=axis_from_zero)
    suffix = axis_suffix(kpi.unit)
    parts = plot.axes(UNITS[kpi.unit].label.capitalize(), suffix)
    spots = []

    for number, event in events_in_range(trend, events):  # a vertical rule, its number above the plot
        x, row = plot.x(event.date), plot.top - (26 if number % 2 else 10)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{plot.top - 4}" y2="{plot.bottom}" stroke="{EVENT}" '
            f'stroke-width="1.5"/><text x="{x + 4:.1f}" y="{row + 4}" font-size="14" font-weight="700" '
            f'fill="{EVENT_TEXT}">{number}</text>'
        )
        spots.append((x + 8, row, f"{number}. {day_label(event.date)}: {event.title}"))
    for rebase in rebased:  # a dark dashed rule where the limits took a new baseline, labelled inside the plot
        x = plot.x(rebase.from_month)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{plot.top}" y2="{plot.bottom}" stroke="{REBASE}" '
            f'stroke-width="2" stroke-dasharray="8 4"/><text x="{x + 5:.1f}" y="{plot.top + 16}" font-size="13" '
            f'fill="{REBASE}" stroke="white" stroke-width="4" paint-order="stroke">limits re-based</text>'
        )
        spots.append((x + 40, plot.top + 12, rebase.label[0].upper() + rebase.label[1:]))

    def through(values) -> list[tuple[float, float] | None]:
        return [(plot.x(p.month), plot.y(v)) if v is not None else None for p, v in zip(points, values, strict=True)]

    for limit, dash in (("mean", ""), ("upper", "6 5"), ("lower", "6 5")):  # each baseline's limits stand alone
        drawn = []
        for at in limit_line(trend, limit):
            drawn.append(None if at is None else (plot.x(points[at[0]].month), plot.y(at[1])))
        parts.append(lines(drawn, GREY, 1.5, dash))
    if kpi.is_rated:  # the target as it stood each month: a step where it changed
        steps = [(plot.x(points[n].month), plot.y(target)) for n, target in target_steps(targets)]
        if len(steps) == 1:
            steps = [(LEFT, steps[0][1]), (LEFT + plot.width, steps[0][1])]
        parts.append(lines(steps, GREEN, 2.5, "3 3"))
    parts.append(lines(through(p.value if p in shown else None for p in points), INK, 2.5))
    for point in shown:
        words = SPC_WORDS.get(point.spc, "Common cause")
        colour, kind = SPC_STYLE.get(words, SPC_STYLE["Common cause"])
        x, y = plot.x(point.month), plot.y(point.value)
        parts.append(shape(kind, x, y, colour))
        spots.append(
            (
                x,
                y,
                f"{point.month:%B %Y}: {point.value_text(kpi)}, {point.status.text}, {words}"
                + (f". {point.commentary}" if point.commentary else ""),
            )
        )
    for day, series, value in annual:
        colour, kind = PUBLISHED_STYLE[series]
        x, y = plot.x(day), plot.y(value)
        parts.append(shape(kind, x, y, colour, filled=False, size=6.5))
        spots.append((x, y, f"{series}, {day_label(day)}: {format_value(value, kpi.unit, kpi.decimals)}"))
    parts += plot.key(key)
    if axis_from_zero:
        return image(parts, HEIGHT, alt_text, spots, "trend-chart")
    note = axis_note(plot.ticks, kpi.unit)
    return (
        image(parts, HEIGHT, f"{alt_text} {note}".strip(), spots, "trend-chart")
        + f'<p class="svg-note">{escape(note)}</p>'
    )
