"""Making Data Count's variation and assurance icons, drawn here (no image files are fetched) as small SVG images.

Each icon is shown beside its words (the story's direction, or its assurance words), so it is never read by colour
or shape alone; the image itself is then decorative (empty alt text) so that a screen reader reads the words once.

- Variation: a filled circle. Blue with H or L: special-cause improvement, high or low. Red with H or L: special-cause
  concern. Purple with H or L: a special cause where neither direction is better. Grey with a level line: common
  cause. The colours are the trend chart's (ui.trend_svg), with white marks at a contrast of at least 4.5:1.
- Assurance: a ring with a letter. Blue P: the target will consistently be met (pass). Red F: it will consistently be
  missed (fail). Grey ?: it will be met in some months and missed in others (hit and miss).
"""

import base64

from domain.story import HIT_AND_MISS, MET, MISSED, KpiStory

SIZE = 22
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


def _image(svg_body: str, css_class: str) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 22 22">{svg_body}</svg>'
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return f'<img class="spc-icon {css_class}" src="{source}" width="{SIZE}" height="{SIZE}" alt="">'


def _letter(mark: str, colour: str) -> str:
    return (
        f'<text x="11" y="15.5" text-anchor="middle" font-family="Arial, sans-serif" font-size="13" '
        f'font-weight="700" fill="{colour}">{mark}</text>'
    )


def variation_icon(story: KpiStory) -> str:
    """The story's variation icon, or empty where SPC gave no verdict (the words say why)."""
    return variation_mark(story.variation)


def variation_mark(variation: str | None) -> str:
    if variation not in VARIATION:
        return ""
    colour, mark = VARIATION[variation]
    body = f'<circle cx="11" cy="11" r="10.5" fill="{colour}"/>'
    if mark == "~":
        body += '<path d="M5 11 H17" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round"/>'
    else:
        body += _letter(mark, "#ffffff")
    return _image(body, "variation")


def assurance_icon(story: KpiStory) -> str:
    """The story's assurance icon, or empty where there is none (no target, or no SPC verdict)."""
    return assurance_mark(story.assurance)


def assurance_mark(assurance: str) -> str:
    if assurance not in ASSURANCE:
        return ""
    colour, mark = ASSURANCE[assurance]
    return _image(
        f'<circle cx="11" cy="11" r="9.5" fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>'
        + _letter(mark, colour),
        "assurance",
    )


KEY = [
    (variation_mark("improvement_high"), "Improving: a special cause in the better direction (H higher, L lower)"),
    (variation_mark("concern_low"), "Worsening: a special cause in the worse direction"),
    (variation_mark("neither_high"), "Higher or lower than usual: a special cause where neither is better"),
    (variation_mark("common_cause"), "No significant change: within the process limits"),
    (assurance_mark(MET), "Target consistently met, as the process now runs"),
    (assurance_mark(HIT_AND_MISS), "Target hit and miss: met in some months, missed in others"),
    (assurance_mark(MISSED), "Target consistently missed unless something changes"),
]


def icon_key() -> str:
    """The icons and what each means, as a list for the page's key."""
    return "".join(f'<li><span class="verdict">{icon}{words}</span></li>' for icon, words in KEY)
