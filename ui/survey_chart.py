"""The survey results chart, drawn on the server as SVG (see ui.svg): the share who said yes each month, one line per
group asked, told apart by dash and marker shape as well as colour; hovering over a point shows how many answered."""

from domain.months import month_label, month_range
from domain.units import format_value
from domain.voice import SurveyMonth
from ui.svg import Plot, image, lines, sample, shape

HEIGHT = 340
STYLES = [("#1d70b8", "", "circle"), ("#8a5a00", "7 5", "square")]  # colour, dash, marker for each group in turn


def survey_svg(groups: dict[str, list[SurveyMonth]], decimals: int, alt_text: str) -> str:
    """`groups`: each group asked (children, parents and carers) with its monthly results, oldest first; scores are
    percentages written with `decimals` places."""
    drawn = {who: results for who, results in groups.items() if results}
    if not drawn:
        return ""
    known = sorted({r.month for results in drawn.values() for r in results})
    months = month_range(known[0], known[-1])
    plot = Plot(HEIGHT, months, [0.0], legend_rows=1, top=16, upper=100.0)
    parts = plot.axes("Said yes", "%")
    spots, key = [], []
    for (who, results), (colour, dash, marker) in zip(drawn.items(), STYLES, strict=False):
        by_month = {r.month: r for r in results}
        parts.append(
            lines(
                [
                    (plot.x(m), plot.y(by_month[m].score)) if m in by_month and by_month[m].score is not None else None
                    for m in months
                ],
                colour,
                2.5,
                dash,
            )
        )
        for result in results:
            if result.score is not None:
                x, y = plot.x(result.month), plot.y(result.score)
                parts.append(shape(marker, x, y, colour, size=4.5))
                spots.append(
                    (
                        x,
                        y,
                        f"{who}, {month_label(result.month)}: "
                        f"{format_value(result.score, 'percent', decimals)} said yes"
                        + (f" ({result.answered} answered)" if result.answered is not None else ""),
                    )
                )
        key.append((sample(marker, colour, dash=dash), who))
    parts += plot.key([("Who answered", key)])
    return image(parts, HEIGHT, alt_text, spots, "survey-chart")
