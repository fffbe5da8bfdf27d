"""A return records whose figures it holds; one database can hold several councils' figures apart."""

from domain.store import councils_held, current_figures, current_rows
from loaders.ingest import check_upload, commit_upload
from loaders.return_writer import Figure, write_return
from loaders.versions import rollback
from tests.actors import officer
from tests.loaders.conftest import MONTH, TEAMS, TODAY


def _load(con, path, catalogue, other_councils=False):
    checked = check_upload(con, path, catalogue, today=TODAY, other_councils=other_councils)
    assert checked.errors == [], [str(p) for p in checked.errors]
    return checked, commit_upload(con, checked, officer("p.team"), confirm_warnings=True)


def test_a_return_for_the_dashboards_own_council_is_stored_as_its_figures(con, tmp_path, catalogue, known_figures):
    path = tmp_path / "return.xlsx"
    write_return(path, catalogue, MONTH, known_figures, teams=TEAMS, council="Herefordshire Council")
    checked, outcome = _load(con, path, catalogue)
    assert checked.council == "884"
    assert con.execute(
        "SELECT council FROM submissions WHERE submission_id = ?", [outcome.submission_id]
    ).fetchone() == ("884",)
    assert councils_held(con) == ["884"]


def test_a_dashboard_for_several_councils_keeps_each_councils_figures_apart(con, tmp_path, catalogue, known_figures):
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    write_return(ours, catalogue, MONTH, known_figures, teams=TEAMS)
    write_return(
        theirs,
        catalogue,
        MONTH,
        {**known_figures, "CIC01": Figure(value=999.0)},
        teams=TEAMS,
        council="Shropshire Council",
    )
    _load(con, ours, catalogue)
    checked, outcome = _load(con, theirs, catalogue, other_councils=True)
    # the same month for another council is new figures, not a revision of ours
    assert checked.council == "893" and not outcome.is_revision
    assert councils_held(con) == ["884", "893"]
    ours_cic01 = {row[2] for row in current_figures(con) if row[0] == "CIC01"}
    theirs_cic01 = {row[2] for row in current_figures(con, "893") if row[0] == "CIC01"}
    assert theirs_cic01 == {999.0} and ours_cic01 != {999.0}
    assert len(current_rows(con, council="893")) == len(current_rows(con))
    rollback(con, outcome.submission_id, officer("p.team"))
    assert current_figures(con, "893") == [] and councils_held(con) == ["884"]
