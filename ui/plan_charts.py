"""The action status chart, drawn on the server as SVG (see ui.svg): how many actions had each BRAG status in each
snapshot, as stacked bars, Blue at the bottom and Red on top. Each segment tall enough carries its status's symbol,
so that the stack reads without colour; hovering over a bar shows its counts."""

from collections import Counter

from domain.months import day_label
from domain.plan import ACTION_STATUSES, MEANINGS, Snapshot
from ui.svg import Plot, image

HEIGHT = 330
STACK_ORDER = tuple(reversed(ACTION_STATUSES))  # Blue at the bottom, Red on top


def status_label(status) -> str:
    return f"{status.text}: {MEANINGS[status]}"


def _swatch(status):
    """The key's sample of a status: its colour with its symbol, as drawn in the bars."""

    def draw(x: float, y: float) -> str:
        return (
            f'<rect x="{x - 7}" y="{y - 7}" width="14" height="14" fill="{status.value.background}"/>'
            f'<text x="{x}" y="{y + 4}" font-size="11" text-anchor="middle" fill="{status.value.text}">'
            f"{status.value.symbol}</text>"
        )

    return draw


def status_svg(history: list[tuple[Snapshot, Counter]], alt_text: str) -> str:
    """Stacked bars of action counts by status, one bar per snapshot month; empty when there is no snapshot."""
    if not history:
        return ""
    totals = [sum(counts[s] for s in STACK_ORDER) for _, counts in history]
    plot = Plot(HEIGHT, [snapshot.month for snapshot, _ in history], totals, legend_rows=1, top=16)
    parts = plot.axes("Actions", centre_months=True)
    spots = []
    for (snapshot, counts), total in zip(history, totals, strict=True):
        left = plot.x(snapshot.month) + 1.5
        width = max(plot.x(snapshot.month.replace(day=28)) - left - 1.5, 2.0)
        below = 0
        for status in STACK_ORDER:
            if not counts[status]:
                continue
            top, bottom = plot.y(below + counts[status]), plot.y(below)
            parts.append(
                f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{bottom - top:.1f}" '
                f'fill="{status.value.background}" stroke="#ffffff" stroke-width="0.5"/>'
            )
            if bottom - top >= 14 and width >= 11:
                parts.append(
                    f'<text x="{left + width / 2:.1f}" y="{(top + bottom) / 2 + 4:.1f}" font-size="11" '
                    f'text-anchor="middle" fill="{status.value.text}">{status.value.symbol}</text>'
                )
            below += counts[status]
        words = ", ".join(f"{counts[s]} {MEANINGS[s]}" for s in reversed(STACK_ORDER))
        spots.append((left + width / 2, plot.y(total / 2), f"{day_label(snapshot.as_at)}: {total} actions: {words}"))
    parts += plot.key([("BRAG status", [(_swatch(s), status_label(s)) for s in reversed(STACK_ORDER)])])
    return image(parts, HEIGHT, alt_text, spots, "plan-chart")
