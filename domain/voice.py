"""Impact evidence from children and families: survey results with their sample sizes, and impact statements."""

import datetime as dt
from dataclasses import dataclass

import duckdb

from config import current
from domain.values import ValueIndex

SURVEYS = {"QA07": "Children and young people", "QA08": "Parents and carers"}
COMPLAINTS = {"QA04": "Stage 1", "QA09": "Stage 2", "QA10": "Stage 3", "QA11": "Ombudsman", "QA06": "Compliments"}


@dataclass(frozen=True)
class SurveyMonth:
    month: dt.date
    score: float | None  # the percentage answering positively
    answered: int | None  # how many answered: the sample size


@dataclass(frozen=True)
class ImpactStatement:
    month: dt.date
    workstream: str
    quote: str
    is_public: bool


def survey_results(index: ValueIndex, code: str) -> list[SurveyMonth]:
    """A survey KPI's monthly score with the number who answered (its denominator), oldest first. Months whose
    figures are hidden from the public are left out."""
    results = []
    for month in index.months:
        value = index.value(code, month)
        if value is not None:
            answered = index.parts(code, month)[1]
            results.append(SurveyMonth(month, value, int(answered) if answered is not None else None))
    return results


def complaint_total(index: ValueIndex, code: str, months: list[dt.date]) -> float | None:
    """The sum over the months; None if any month is hidden from the public (the total would give it away)."""
    if any(index.is_suppressed(code, month) for month in months):
        return None
    return sum(index.value(code, month) or 0 for month in months)


def impact_statements(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[ImpactStatement]:
    """For each month, the statements of the latest accepted submission that has any, for one council (this
    dashboard's own unless given); newest month first."""
    rows = con.execute(
        """SELECT month, workstream, quote, is_public FROM (
               SELECT i.*, dense_rank() OVER (PARTITION BY i.month ORDER BY i.submission_id DESC) AS newest
               FROM impact_statements AS i JOIN submissions AS s USING (submission_id)
               WHERE s.status = 'accepted' AND s.council = ?)
           WHERE newest = 1 ORDER BY month DESC, line""",
        [council or current().home_council],
    ).fetchall()
    return [ImpactStatement(*row) for row in rows]
