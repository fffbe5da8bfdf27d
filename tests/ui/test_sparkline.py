"""Sparklines (ui.sparkline): each KPI's recent months drawn as a line with its target, a table's sparklines stacked
in one image that each cell shows a slice of, and every one named in words for screen readers."""

import base64
import re

from tests.domain.test_story import story_of
from ui.sparkline import HEIGHT, SparklineSheet, drawing


def image_of(sheet: SparklineSheet) -> str:
    (encoded,) = re.findall(r"url\('data:image/svg\+xml;base64,([^']+)'\)", sheet.style)
    return base64.b64decode(encoded).decode()


def test_a_line_breaks_where_a_figure_is_missing_and_the_target_is_dotted():
    shapes = drawing([1.0, 2.0, None, 3.0, 4.0], targets=[2.5] * 5)
    lines = re.findall(r'<polyline points="([^"]+)"[^>]*stroke="#0b0c0c"', shapes)
    assert [len(line.split()) for line in lines] == [2, 2]  # two pieces either side of the gap
    assert 'stroke="#00703c"' in shapes and 'stroke-dasharray="2 2"' in shapes
    assert shapes.index("#00703c") < shapes.index("#0b0c0c")  # the target under the figures
    assert drawing([None, 5.0, None]) is None


def test_a_lone_figure_between_gaps_is_drawn_and_a_month_without_a_target_breaks_the_target_line():
    shapes = drawing([1.0, 2.0, None, 3.0, None, 4.0, 5.0], targets=[2.0, 2.0, 2.0, None, 2.0, 2.0, 2.0])
    figures = re.findall(r'<polyline points="([^"]+)"[^>]*stroke="#0b0c0c"', shapes)
    assert len(figures) == 3  # before, the lone 3.0 (a short stroke about its month), after
    xs = [float(point.split(",")[0]) for point in figures[1].split()]
    assert len(xs) == 2 and abs(sum(xs) / 2 - (3 + 3 * (120 - 6) / 6)) < 0.1  # centred on its month (the 4th)
    assert len(re.findall(r'stroke="#00703c"', shapes)) == 2  # the target either side of its missing month


def test_a_tables_sparklines_are_one_image_and_each_cell_shows_its_own_slice():
    stories = [story_of("AGENCY", [20.0 + n for n in range(12)]) for _ in range(2)]
    stories.append(story_of("VISITS", [80.0 + (n % 4) for n in range(24)]))
    sheet = SparklineSheet(stories)
    image = image_of(sheet)
    assert image.count("<g transform") == 3 and f'height="{3 * HEIGHT}"' in image
    assert f"translate(0,{2 * HEIGHT})" in image
    positions = [re.search(r"background-position: 0 ([\d.]+)%", cell).group(1) for cell in sheet.cells]
    assert [float(p) for p in positions] == [0.0, 50.0, 100.0]
    assert all(f'class="spark {sheet.name}"' in cell for cell in sheet.cells)
    assert f".{sheet.name} {{ background-image" in sheet.style


def test_every_sparkline_is_named_by_the_storys_words_and_too_few_figures_are_said_not_drawn():
    drawn, short = story_of("AGENCY", [30.0, 28.0, 25.0]), story_of("AGENCY", [30.0])
    sheet = SparklineSheet([short, drawn])
    assert sheet.cells[0] == '<span class="note">AGENCY title. Last 24 months: too few figures to draw.</span>'
    label = re.search(r'role="img" aria-label="([^"]+)"', sheet.cells[1]).group(1)
    assert label == f"AGENCY title. {drawn.recent_text(24)}" and "from 30.0% in January 2023" in label
    assert image_of(sheet).count("<g transform") == 1  # the short one is not in the image
    assert "background-position: 0 0.0000%" in sheet.cells[1]


def test_a_block_with_nothing_to_draw_adds_no_image():
    sheet = SparklineSheet([story_of("AGENCY", [30.0])])
    assert sheet.style == "" and "note" in sheet.cells[0]
    assert SparklineSheet([]).cells == [] and SparklineSheet([]).style == ""


def test_suppressed_months_are_left_out_of_the_public_line():
    public = story_of("CIC", [4.0, 5.0, 12.0, 14.0], suppressed={0, 1})
    values = [p.value for p in public.recent(24).points]
    assert values[:2] != [None, None]  # the story keeps the figures; the sparkline drops them
    image = image_of(SparklineSheet([public]))
    assert len(re.findall(r"<polyline", image)) == 1
    assert len(re.search(r'points="([^"]+)"', image).group(1).split()) == 2
