"""Links from tables to other pages: their addresses, and the mark that lets the app open them without a reload."""

from ui.app_links import anchor, href


def test_an_address_keeps_the_set_parameters_and_repeats_lists():
    assert href("kpi", kpi="WF03 Agency social worker rate", month="March 2023", workstream=[]) == (
        "kpi?kpi=WF03+Agency+social+worker+rate&month=March+2023"
    )
    assert href("workstreams", open="WS07 Workforce", workstream=["WS01 Front door", "WS07 Workforce"]) == (
        "workstreams?open=WS07+Workforce&workstream=WS01+Front+door&workstream=WS07+Workforce"
    )
    assert href("kpi") == "kpi"


def test_a_link_is_an_ordinary_link_marked_for_the_script():
    link = anchor("kpi?kpi=A&month=March+2023", "Agency &amp; bank staff")
    assert link == ('<a href="kpi?kpi=A&amp;month=March+2023" target="_self" data-app-link>Agency &amp; bank staff</a>')
