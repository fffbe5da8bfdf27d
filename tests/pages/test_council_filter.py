"""The Council filter: shown only when the database holds several councils' figures; every page then shows the
chosen council's figures, and only the dashboard's own council has published comparisons, events and packs."""

import datetime as dt

from accounts.roles import Role
from database.connection import connect
from domain.catalogue import load_catalogue
from loaders.ingest import check_upload, commit_upload
from loaders.return_writer import Figure, write_return
from tests.actors import officer
from tests.pages.conftest import all_text, app, html_tables, open_page


def _add_shropshire(folder):
    catalogue = load_catalogue(folder / "kpis.toml")
    path = folder / "shropshire.xlsx"
    write_return(
        path,
        catalogue,
        dt.date(2026, 10, 1),
        {
            "AGENCY": Figure(numerator=11.0, denominator=100.0),
            "CIC": Figure(value=512.0),
            "VISITS": Figure(numerator=80.0, denominator=100.0),
        },
        council="Shropshire Council",
    )
    con = connect(folder / "fixture.duckdb")
    checked = check_upload(con, path, catalogue, other_councils=True)
    assert not checked.errors
    commit_upload(con, checked, officer(), confirm_warnings=True)
    con.close()


def _latest(at, code):
    return next(
        row[1]
        for table in html_tables(at)
        if table["caption"].startswith("WS")
        for row in table["rows"][1:]
        if row[0].split()[0] == code
    )


def test_one_council_means_no_council_filter(fixture_app):
    at = app().run()
    assert not at.exception
    assert [s.label for s in at.selectbox] == ["Month"]


def test_choosing_another_council_shows_its_figures_and_a_link_can_choose_it(fixture_app):
    _add_shropshire(fixture_app)
    at = open_page("pages/scorecard.py")
    council = at.selectbox(key="council")
    assert council.options == ["Herefordshire", "Shropshire"] and council.value == "Herefordshire"
    assert _latest(at, "CIC") == "340"
    council.select("Shropshire").run()
    assert not at.exception
    assert _latest(at, "CIC") == "512"
    assert _latest(open_page("pages/scorecard.py", {"council": "Shropshire"}), "CIC") == "512"
    assert _latest(open_page("pages/scorecard.py", {"council": "Nowhere"}), "CIC") == "340"  # unknown: our own


def test_another_councils_pages_have_no_events_or_packs_of_ours(fixture_app):
    _add_shropshire(fixture_app)
    theirs = open_page("pages/timeline.py", {"council": "Shropshire"}, role=Role.PERFORMANCE)
    assert "Shropshire's events are not recorded here" in all_text(theirs)
    assert "Change the events" not in all_text(theirs)  # the events editor is for our own council's events only
    at = open_page("pages/packs.py", {"council": "Shropshire"})
    assert "Committee packs are Herefordshire's" in all_text(at)
    ours = open_page("pages/timeline.py", {"council": "Herefordshire"}, role=Role.PERFORMANCE)
    assert "not recorded here" not in all_text(ours) and "Change the events" in all_text(ours)


def test_the_history_lists_the_chosen_councils_uploads(fixture_app):
    _add_shropshire(fixture_app)
    ours = open_page("pages/history.py", role=Role.PERFORMANCE)
    theirs = open_page("pages/history.py", {"council": "Shropshire"}, role=Role.PERFORMANCE)
    files = [[row[4].split()[0] for row in html_tables(at)[-1]["rows"][1:]] for at in (ours, theirs)]
    assert files == [["return_2026-10.xlsx", "return_2026-09.xlsx", "return_2026-08.xlsx"], ["shropshire.xlsx"]]
    assert "**Shropshire's figures.** Choose another council" in all_text(theirs)
    assert "**Herefordshire's figures.** Choose another council in the Council filter." in all_text(ours)


def test_pages_the_council_does_not_change_show_neither_the_filter_nor_the_line(fixture_app):
    _add_shropshire(fixture_app)
    upload = open_page("pages/upload.py", {"council": "Shropshire"}, role=Role.PERFORMANCE)
    assert not upload.sidebar.selectbox and "figures.** Choose another council" not in all_text(upload)
    history = open_page("pages/history.py", {"council": "Shropshire"}, role=Role.PERFORMANCE)
    assert [box.label for box in history.sidebar.selectbox] == ["Council"]
