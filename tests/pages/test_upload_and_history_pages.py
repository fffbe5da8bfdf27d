"""The performance team's pages, rendered by the real app against the fixture database."""

from accounts.roles import Role
from tests.pages.conftest import all_text, html_tables, open_page


def test_upload_page_offers_the_template_and_waits_for_a_file(fixture_app):
    at = open_page("pages/upload.py", role=Role.PERFORMANCE)
    assert at.title[0].value == "Upload a monthly return"
    assert at.get("download_button")[0].proto.label == "Download the blank template"
    assert at.get("file_uploader")[0].proto.label == "Monthly return or backfill workbook"
    assert "The upload will be recorded as made by Test Performance team, Performance team." in [
        c.value for c in at.caption]


def test_history_lists_every_submission_newest_first(fixture_app):
    at = open_page("pages/history.py", role=Role.PERFORMANCE)
    table = next(t for t in html_tables(at) if t["caption"] == "Submissions, newest first")
    header, *rows = table["rows"]
    assert header[:4] == ["ID", "Loaded", "By", "Months"]
    assert [row[0] for row in rows] == ["3", "2", "1"]
    assert [row[3] for row in rows] == ["October 2026", "September 2026", "August 2026"]
    assert {row[6] for row in rows} == {"Current"}


def test_rollback_form_offers_only_current_uploads(fixture_app):
    # The rollback itself is exercised in tests/browser/test_upload.py: AppTest does not submit this form.
    at = open_page("pages/history.py", role=Role.PERFORMANCE)
    assert at.selectbox(key="rollback_choice").options == ["3: KPI figures, return_2026-10.xlsx (October 2026)",
                                                           "2: KPI figures, return_2026-09.xlsx (September 2026)",
                                                           "1: KPI figures, return_2026-08.xlsx (August 2026)"]
    assert not at.text_input  # the person rolling back is the signed-in user, not a typed name


def test_a_director_sees_the_history_but_cannot_roll_back(fixture_app):
    at = open_page("pages/history.py", role=Role.DIRECTOR)
    assert "Only the performance team can roll an upload back." in all_text(at)
    assert "rollback_choice" not in [s.key for s in at.selectbox]
