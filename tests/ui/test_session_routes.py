"""Where signing in sends the browser back to: a page of the app, never another site."""

import pytest

from ui.navigation import return_address
from ui.session_routes import safe_next, sign_in_address


@pytest.mark.parametrize(
    "asked",
    [
        "/kpi?kpi=WF03+Agency+social+worker+rate&month=October+2026",
        "/history",
        "/?month=March+2023&workstreams=WS01&workstreams=WS02",
    ],
)
def test_a_page_of_the_app_is_kept(asked):
    assert safe_next(asked) == asked


@pytest.mark.parametrize(
    "asked",
    [
        None,
        "",
        "//evil.example/",
        "https://evil.example/",
        "evil.example",
        "/\\evil.example",
        "/\t/evil.example",  # browsers drop tabs and line breaks: this would become //evil.example
        "/\n/evil.example",
        "/\r/evil.example",
        "/ /evil.example",
        "/\x7f",
    ],
)
def test_anything_else_goes_to_the_landing_page(asked):
    assert safe_next(asked) == "/"


def test_the_sign_in_form_address_carries_the_page_to_come_back_to():
    assert sign_in_address("/kpi?kpi=WF03+Agency") == "/session/sign-in?next=%2Fkpi%3Fkpi%3DWF03%2BAgency"
    assert sign_in_address("/") == sign_in_address(None) == sign_in_address("//evil.example") == "/session/sign-in"


def test_the_address_to_come_back_to_is_the_page_with_its_choices():
    query = {"kpi": ["WF03 Agency social worker rate"], "workstreams": ["WS01", "WS02"]}
    assert return_address("kpi", query) == "/kpi?kpi=WF03+Agency+social+worker+rate&workstreams=WS01&workstreams=WS02"
    assert return_address("", {}) == "/"  # the landing page
    # on the sign-in page: where it was opened from, if that is a page of the app
    assert return_address("sign_in", {"next": ["/history"]}) == "/history"
    assert return_address("sign_in", {"next": ["https://evil.example/"]}) == "/"
