"""Making Data Count's variation and assurance icons as images (drawn by reports.spc_marks: no image files are
fetched), each shown beside its words, so never read by colour or shape alone; the image is then decorative (empty
alt text) so that a screen reader reads the words once."""

from domain.story import HIT_AND_MISS, MET, MISSED, KpiStory
from reports.spc_marks import assurance_svg, variation_svg
from ui.svg import data_uri

SIZE = 22


def _image(svg: str, css_class: str) -> str:
    if not svg:
        return ""
    source = data_uri(svg)
    return f'<img class="spc-icon {css_class}" src="{source}" width="{SIZE}" height="{SIZE}" alt="">'


def variation_icon(story: KpiStory) -> str:
    """The story's variation icon, or empty where SPC gave no verdict (the words say why)."""
    return variation_mark(story.variation)


def variation_mark(variation: str | None) -> str:
    return _image(variation_svg(variation), "variation")


def assurance_icon(story: KpiStory) -> str:
    """The story's assurance icon, or empty where there is none (no target, or no SPC verdict)."""
    return assurance_mark(story.assurance)


def assurance_mark(assurance: str) -> str:
    return _image(assurance_svg(assurance), "assurance")


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
