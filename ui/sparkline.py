"""Sparklines: a tiny trend line drawn as SVG, described in words for screen readers.

Hand-written because a chart library would need a separate chart object per table cell; this is one small string.
Streamlit's st.html removes inline <svg>, so a drawing must be an image. A table's sparklines are one image (a
`SparklineSheet`), each row showing its own slice: Chromium takes in every SVG image as a document of its own, and
57 sparklines as 57 images took 260 ms to draw against 40 ms as one (docs/benchmarks.md, issue 19).
"""

import hashlib
from html import escape

from domain.brag import Status
from domain.story import KpiStory
from ui.svg import data_uri, lines

WIDTH, HEIGHT, PAD = 120, 30, 3


def drawing(values: list[float | None], targets: list[float | None] | None = None) -> str | None:
    """The SVG shapes of a line through the values (None leaves a gap; a lone figure between gaps is a short
    stroke, as on the trend charts), with the last figure marked, and the target as it stood each month as a dotted
    green line where `targets` are given (no target that month leaves a gap); None if fewer than two figures."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return None
    aimed = [t for t in targets or [] if t is not None]
    low, high = min(known + aimed), max(known + aimed)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def points(series: list[float | None]) -> list[tuple[float, float] | None]:
        return [
            None if v is None else (PAD + i * step, HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD))
            for i, v in enumerate(series)
        ]

    figures = points(values)
    x, y = next(point for point in reversed(figures) if point is not None)
    target = lines(points(targets), "#00703c", 1.5, "2 2") if aimed else ""  # first: the figures drawn over it
    return target + lines(figures, "#0b0c0c", 1.5) + f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#0b0c0c"/>'


def _svg(shapes: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">'
        f"{shapes}</svg>"
    )


def _note(label: str) -> str:
    return f'<span class="note">{escape(label)}</span>'


def _story_line(story: KpiStory, months: int) -> tuple[list, list, str]:
    """The KPI's last `months` months as the story tells them (the public's without suppressed figures), the target
    as it stood, and the story's words for them."""
    trend = story.recent(months)
    values = [p.value if p.status is not Status.SUPPRESSED else None for p in trend.points]
    return values, trend.targets(), f"{story.kpi.title}. {story.recent_text(months)}"


class SparklineSheet:
    """The sparklines of one HTML block (a table's rows, a list's items) drawn as one image, stacked; each cell is
    an element named by its words (role="img") that shows its slice of the image, scaled with the cell. Put `style`
    into the same HTML block as the cells."""

    def __init__(self, stories: list[KpiStory], months: int = 24):
        lines = [_story_line(story, months) for story in stories]
        shapes = [drawing(values, targets) for values, targets, _ in lines]
        drawn = [s for s in shapes if s is not None]
        stacked = "".join(f'<g transform="translate(0,{i * HEIGHT})">{s}</g>' for i, s in enumerate(drawn))
        sheet = _svg(stacked, HEIGHT * max(len(drawn), 1))
        self.name = "spark-" + hashlib.sha256(sheet.encode()).hexdigest()[:12]
        self.style = f"<style>.{self.name} {{ background-image: url('{data_uri(sheet)}'); }}</style>" if drawn else ""
        self.cells, position = [], 0
        for (_, _, label), shape in zip(lines, shapes, strict=True):
            if shape is None:
                self.cells.append(_note(label))
                continue
            # CSS reads a percentage position as a share of the image's height beyond the cell's (0% top, 100%
            # bottom): slice i of n is at i / (n - 1), whatever width the cell is given
            share = 100 * position / (len(drawn) - 1) if len(drawn) > 1 else 0
            position += 1
            self.cells.append(
                f'<span class="spark {self.name}" role="img" aria-label="{escape(label)}" '
                f'style="background-position: 0 {share:.4f}%"></span>'
            )
