"""Sparklines: a tiny trend line drawn as SVG in an image, described in words by its alt text.

Hand-written because a chart library would need a separate chart object per table cell; this is one small string.
(Streamlit's st.html removes inline <svg>, so the drawing is an image with a data: address.)
"""

from html import escape

from domain.brag import Status
from domain.story import KpiStory
from ui.svg import data_uri

WIDTH, HEIGHT, PAD = 120, 30, 3


def sparkline(values: list[float | None], label: str, targets: list[float | None] | None = None) -> str:
    """A line through the values (None leaves a gap), with the last figure marked, and the target as it stood each
    month as a dotted green line where `targets` are given. `label` describes it in words."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return f'<span class="note">{escape(label)}</span>'
    aimed = [t for t in targets or [] if t is not None]
    low, high = min(known + aimed), max(known + aimed)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def point(position: int, value: float) -> str:
        return f"{PAD + position * step:.1f},{HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD):.1f}"

    lines, current = [], []
    for position, value in enumerate(values):
        if value is None:
            if len(current) > 1:
                lines.append(current)
            current = []
        else:
            current.append(point(position, value))
    if len(current) > 1:
        lines.append(current)
    last = max(i for i, v in enumerate(values) if v is not None)
    x, y = point(last, values[last]).split(",")
    paths = ""
    if aimed:  # the target first, so that the figure's line is drawn over it
        steps = [point(i, t) for i, t in enumerate(targets) if t is not None]
        paths += f'<polyline points="{" ".join(steps)}" fill="none" stroke="#00703c" stroke-width="1.5" ' + (
            'stroke-dasharray="2 2"/>'
        )
    paths += "".join(
        f'<polyline points="{" ".join(line)}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>' for line in lines
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}">{paths}<circle cx="{x}" cy="{y}" r="2.5" fill="#0b0c0c"/></svg>'
    )
    source = data_uri(svg)
    size = f'width="{WIDTH}" height="{HEIGHT}"'
    return f'<img class="spark" decoding="async" src="{source}" {size} alt="{escape(label)}">'


def story_sparkline(story: KpiStory, months: int = 24) -> str:
    """The KPI's last `months` months as the story tells them (the public's without suppressed figures), with the
    target as it stood, described by the story's words for them."""
    trend = story.recent(months)
    values = [p.value if p.status is not Status.SUPPRESSED else None for p in trend.points]
    targets = trend.targets()  # None every month for a KPI without a target
    return sparkline(values, f"{story.kpi.title}. {story.recent_text(months)}", targets)
