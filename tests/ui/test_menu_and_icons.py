"""The dashboard's own menu of pages (valid list markup, the current page marked, filters kept) and the SPC icons,
drawn beside their words."""

import base64
import re

from domain.story import HIT_AND_MISS, MET
from ui.menu import menu_html
from ui.navigation import EVERY_FILTER, MONTH, MenuItem
from ui.spc_icons import assurance_icon, variation_icon

ITEMS = [
    MenuItem("Dashboard", "Overview", "overview", True, EVERY_FILTER),
    MenuItem("Dashboard", "Timeline", "timeline", False, frozenset()),
    MenuItem("Account", "Sign in", "sign_in", False, frozenset()),
]


def test_each_section_has_its_heading_outside_its_own_list_and_the_current_page_is_marked():
    html = menu_html(ITEMS, "Timeline", {MONTH: ("month", "October 2026")})
    nav = html[html.index("<nav") :]
    assert re.findall(r"<h2[^>]*>([^<]*)</h2><ul", nav) == ["Dashboard", "Account"]
    for body in re.findall(r"<ul[^>]*>(.*?)</ul>", nav):  # a list holds only list items
        assert re.fullmatch(r"(<li>.*?</li>)+", body)
    assert nav.count('aria-current="page"') == 1
    assert re.search(r'<a href="timeline"[^>]*aria-current="page">Timeline</a>', nav)
    # the month is kept for a page that uses it; the landing page is the app's root address
    assert 'href="./?month=October+2026"' in nav and 'href="sign_in"' in nav


class Told:
    """What the icons read of a KPI's story."""

    def __init__(self, variation=None, assurance=""):
        self.variation, self.assurance = variation, assurance


def drawn(icon: str) -> str:
    return base64.b64decode(re.search(r"base64,([^\"]+)", icon).group(1)).decode()


def test_icons_are_drawn_here_with_a_letter_and_empty_alt_text_beside_their_words():
    improvement = variation_icon(Told("improvement_low"))
    assert 'alt=""' in improvement and ">L</text>" in drawn(improvement) and "#1d70b8" in drawn(improvement)
    assert ">H</text>" in drawn(variation_icon(Told("concern_high")))
    assert "<path" in drawn(variation_icon(Told("common_cause")))  # a level line, no letter
    assert ">P</text>" in drawn(assurance_icon(Told(assurance=MET)))
    assert ">?</text>" in drawn(assurance_icon(Told(assurance=HIT_AND_MISS)))
    assert variation_icon(Told()) == "" and assurance_icon(Told()) == ""  # no verdict: the words say why


def test_the_overview_shows_the_five_worst_kpis_and_the_rest_one_click_away():
    from domain.overview import Overview
    from tests.domain.test_overview import STEADY, overview_of
    from ui.overview_view import overview_html

    red = overview_of(STEADY).attention[0]
    html = overview_html(Overview(red.month, red.month, [], [red] * 7, [], ""), {})
    shown, hidden = html.split("<details", 1)
    assert shown.count('<li><span class="what">') == 5
    assert "Show 2 more Red or Amber KPIs" in hidden and hidden.count('<li><span class="what">') == 2


def test_the_sign_in_link_brings_the_person_back_to_the_page_they_were_on():
    here = "/kpi?kpi=WF03+Agency+social+worker+rate&month=October+2026"
    nav = menu_html(ITEMS, "Timeline", {}, here)
    assert 'href="sign_in?next=%2Fkpi%3Fkpi%3DWF03%2BAgency%2Bsocial%2Bworker%2Brate%26month%3DOctober%2B2026"' in nav
    assert 'href="sign_in"' in menu_html(ITEMS, "Timeline", {}, "/")  # from the landing page: nothing to carry
    assert nav.count("next=") == 1  # only the Sign in link carries it
