"""The Definitions page lists the catalogue and the BRAG rule."""

from tests.pages.conftest import all_text, app, html_tables


def open_definitions(at):
    at.run()
    at.switch_page("pages/definitions.py").run()
    assert not at.exception
    return at


def kpi_rows(at) -> list[list[str]]:
    """The rows of the topics' tables of KPI definitions."""
    return [
        row for table in html_tables(at) if table["caption"].endswith("KPI definitions") for row in table["rows"][1:]
    ]


def test_definitions_list_every_kpi_with_its_bands(fixture_app):
    at = open_definitions(app())
    assert at.title[0].value == "Definitions"
    rows = {row[0].split()[0]: row for row in kpi_rows(at)}
    assert set(rows) == {"AGENCY", "CIC", "VISITS"}
    assert rows["AGENCY"][1] == "percentage; better when: lower"
    assert rows["AGENCY"][2].startswith("Green at most 20.0%; Amber above 20.0% up to 25.0%; Red above 25.0%")
    assert rows["AGENCY"][3] == "Agency social workers (FTE) ÷ All social workers (FTE) × 100"
    assert rows["AGENCY"][4].startswith(
        "HR Compares with: no published equivalent Latest figure: October 2026, loaded "
    )
    assert rows["CIC"][2] == "Not rated (context measure)"
    text = all_text(at)
    for word in ("Blue", "Green", "Amber", "Red", "Not rated", "No data"):
        assert f"**{word}**" in text


def test_definitions_follow_the_workstream_filter(fixture_app):
    at = app()
    at.query_params["workstream"] = "WS01 Workforce"
    at = open_definitions(at)
    codes = {row[0].split()[0] for row in kpi_rows(at)}
    assert codes == {"AGENCY", "CIC"}
    workstreams = next(t for t in html_tables(at) if t["caption"] == "Improvement plan workstreams")
    assert [row[0].split()[0] for row in workstreams["rows"][1:]] == ["WS01"]
    assert "2 of 3 KPIs in the chosen workstreams." in all_text(at)
