"""Re-basing a KPI's SPC limits: recorded by the performance team with a reason and the evidence of a sustained
change, never automatic, kept with its history, and told in the KPI's story from its month."""

import datetime as dt

import pytest

from accounts.roles import NotAllowed, Role
from database.connection import open_store
from domain import rebasing, story
from domain.months import add_months
from domain.rebasing import RebaseRefused
from tests.actors import officer, person
from tests.domain.test_story import CATALOGUE, START, index_of, wobble

AGENCY = CATALOGUE["AGENCY"]  # lower is better; target 20.0%
SHIFT = add_months(START, 20)  # the baseline is the first 20 months, around 30.0%


@pytest.fixture
def con(tmp_path):
    with open_store(tmp_path / "rebase.duckdb") as connection:
        yield connection


def shifted(months_after: int, level: float = 25.0):
    return wobble(30.0, 20) + wobble(level, months_after)


def test_six_months_on_one_side_of_the_mean_is_evidence_and_five_is_not():
    assert rebasing.evidence(AGENCY, index_of("AGENCY", shifted(6)), SHIFT) == (
        "6 months running below the mean of 30.0%"
    )
    with pytest.raises(RebaseRefused, match=r"found 5 on one side"):
        rebasing.evidence(AGENCY, index_of("AGENCY", shifted(5)), SHIFT)


def test_a_steady_run_of_rises_is_evidence_too():
    values = [*wobble(30.0, 20), 28.8, 29.4, 30.1, 30.6, 31.2, 31.8]  # rising through the mean
    assert rebasing.evidence(AGENCY, index_of("AGENCY", values), SHIFT) == (
        "6 months running each higher than the one before"
    )


def test_too_early_or_a_month_without_a_figure_is_refused():
    with pytest.raises(RebaseRefused, match="the limits need 13 before a re-basing"):
        rebasing.evidence(AGENCY, index_of("AGENCY", shifted(12)), add_months(START, 10))
    values = shifted(8)
    values[20] = None
    with pytest.raises(RebaseRefused, match="no figure for September 2024"):
        rebasing.evidence(AGENCY, index_of("AGENCY", values), SHIFT)


def test_recording_needs_the_performance_team_a_reason_and_writes_an_audit_record(con):
    index = index_of("AGENCY", shifted(10))
    with pytest.raises(NotAllowed):
        rebasing.record_rebase(con, person(Role.DIRECTOR), AGENCY, index, SHIFT, "A new recruitment model")
    with pytest.raises(RebaseRefused, match="Say why"):
        rebasing.record_rebase(con, officer(), AGENCY, index, SHIFT, "because")
    assert con.execute("SELECT count(*) FROM spc_rebases").fetchone() == (0,)
    made = rebasing.record_rebase(con, officer("j.smith"), AGENCY, index, SHIFT, "A new  recruitment model")
    assert made.reason == "A new recruitment model" and made.evidence == "10 months running below the mean of 30.0%"
    assert rebasing.rebases(con) == {"AGENCY": (made,)}
    assert con.execute("SELECT actor, action, subject FROM audit_log").fetchall() == [
        ("j.smith", "re-base limits", "AGENCY from September 2024")
    ]
    with pytest.raises(RebaseRefused, match="already re-based from September 2024"):
        rebasing.record_rebase(con, officer(), AGENCY, index, SHIFT, "A new recruitment model")


def test_withdrawing_keeps_the_record_and_the_limits_go_back(con):
    index = index_of("AGENCY", shifted(10))
    made = rebasing.record_rebase(con, officer(), AGENCY, index, SHIFT, "A new recruitment model")
    rebasing.withdraw_rebase(con, officer(), made.rebase_id)
    assert rebasing.rebases(con) == {}
    assert [r.status for r in rebasing.history(con, "AGENCY")] == ["withdrawn"]
    with pytest.raises(
        RebaseRefused, match=r"is not in force \(withdrawn already\?\), so there is nothing to withdraw"
    ):
        rebasing.withdraw_rebase(con, officer(), made.rebase_id)


def test_the_story_uses_the_new_baseline_from_its_month_and_says_so(con):
    values = shifted(24)
    index = index_of("AGENCY", values)
    last = add_months(START, len(values) - 1)
    before = story.tell(AGENCY, index, last)
    assert before.direction == story.IMPROVING  # against the old baseline, 24 months below its mean
    made = rebasing.record_rebase(con, officer(), AGENCY, index, SHIFT, "A new recruitment model")
    after = story.tell(AGENCY, index, last, (made,))
    assert after.direction == story.NO_CHANGE  # the new process, judged against itself
    assert after.trend.baseline == (SHIFT, add_months(SHIFT, 19)) and after.rebase == made
    assert after.trend.rebased == (SHIFT,) and after.rebases == (made,)  # drawn on the chart from SHIFT
    assert "worked out from September 2024 to April 2026 (20 months with a figure)" in after.summary
    assert "The limits were re-based from September 2024 by the performance team, after 24 months running below" in (
        after.summary
    )
    earlier = story.tell(AGENCY, index, add_months(SHIFT, -1), (made,))  # a month before it: the old limits
    assert earlier.trend.baseline == (START, add_months(START, 19)) and earlier.rebase is None
    assert earlier.trend.rebased == () and earlier.rebases == ()


def test_the_first_month_of_a_rebasing_boundary(con):
    """The re-based month is the first judged against the new limits; the month before keeps the old ones."""
    index = index_of("AGENCY", shifted(24))
    made = rebasing.record_rebase(con, officer(), AGENCY, index, SHIFT, "A new recruitment model")
    trend = story.tell(AGENCY, index, add_months(START, 43), (made,)).trend
    by_month = {p.month: p for p in trend.points}
    assert by_month[add_months(SHIFT, -1)].mean == pytest.approx(30.0, abs=0.05)
    assert by_month[SHIFT].mean == pytest.approx(25.0, abs=0.05)
    assert isinstance(made.decided_at, dt.datetime)
