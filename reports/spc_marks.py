"""Making Data Count's variation and assurance icons as small SVG drawings, for the screen (ui.spc_icons wraps them
as images) and the committee pack's PDF (reports.pack_pdf), so that both draw the same marks.

- Variation: a filled circle. Blue with H or L: special-cause improvement, high or low. Red with H or L: special-cause
  concern. Purple with H or L: a special cause where neither direction is better. Grey with a level line: common
  cause. The colours are the trend chart's, with white marks at a contrast of at least 4.5:1.
- Assurance: a ring with a letter. Blue P: the target will consistently be met (pass). Red F: it will consistently be
  missed (fail). Grey ?: it will be met in some months and missed in others (hit and miss).

Each is always shown beside its words (the story's direction, or its assurance words), never alone.
"""

from domain.story import HIT_AND_MISS, MET, MISSED

BLUE, RED, PURPLE, GREY = "#1d70b8", "#d4351c", "#4c2c92", "#505a5f"
VARIATION = {  # trend.variation: (colour, mark)
    "improvement_high": (BLUE, "H"),
    "improvement_low": (BLUE, "L"),
    "concern_high": (RED, "H"),
    "concern_low": (RED, "L"),
    "neither_high": (PURPLE, "H"),
    "neither_low": (PURPLE, "L"),
    "common_cause": (GREY, "~"),
}
ASSURANCE = {MET: (BLUE, "P"), MISSED: (RED, "F"), HIT_AND_MISS: (GREY, "?")}


def _svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22" viewBox="0 0 22 22">{body}</svg>'


def _letter(mark: str, colour: str) -> str:
    return (
        f'<text x="11" y="15.5" text-anchor="middle" font-family="Arial, sans-serif" font-size="13" '
        f'font-weight="700" fill="{colour}">{mark}</text>'
    )


def variation_svg(variation: str | None) -> str:
    """The icon for a trend's variation ('improvement_low', 'common_cause', ...); empty for none."""
    if variation not in VARIATION:
        return ""
    colour, mark = VARIATION[variation]
    body = f'<circle cx="11" cy="11" r="10.5" fill="{colour}"/>'
    if mark == "~":
        return _svg(body + '<path d="M5 11 H17" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round"/>')
    return _svg(body + _letter(mark, "#ffffff"))


def assurance_svg(assurance: str) -> str:
    """The icon for a story's assurance words (domain.story.MET, HIT_AND_MISS, MISSED); empty for none."""
    if assurance not in ASSURANCE:
        return ""
    colour, mark = ASSURANCE[assurance]
    return _svg(
        f'<circle cx="11" cy="11" r="9.5" fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>' + _letter(mark, colour)
    )
