"""Impact evidence from children and families: survey results with their sample sizes, and impact statements."""

import datetime as dt
from dataclasses import dataclass

import duckdb

from config import current
from domain.catalogue import Catalogue, Kpi
from domain.months import add_months, month_label
from domain.suppression import SUPPRESSED
from domain.units import format_value
from domain.values import ValueIndex

SURVEYS = {"QA07": "Children and young people", "QA08": "Parents and carers"}
COMPLAINTS = {"QA04": "Stage 1", "QA09": "Stage 2", "QA10": "Stage 3", "QA11": "Ombudsman", "QA06": "Compliments"}
COMPLAINT_WORDS = {  # how a year's total reads in a sentence
    "QA04": "{} stage 1 complaints",
    "QA09": "{} at stage 2",
    "QA10": "{} at stage 3",
    "QA11": "{} to the Ombudsman",
    "QA06": "{} compliments",
}


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


def survey_sentence(kpi: Kpi, who: str, results: list[SurveyMonth]) -> str:
    """The latest result in words, with how many answered and a year before, e.g. 'In October 2026, 78% of the 45
    children and young people who answered said yes, compared with 70% of 40 a year before. The target is 80%.'"""
    if not results:
        return f"{who}: no survey results yet."
    latest = results[-1]
    year_ago = next((r for r in results if r.month == add_months(latest.month, -12)), None)
    sentence = (
        f"In {month_label(latest.month)}, {format_value(latest.score, kpi.unit, kpi.decimals)} of the "
        f"{latest.answered} {who.lower()} who answered said yes"
    )
    if year_ago:
        sentence += (
            f", compared with {format_value(year_ago.score, kpi.unit, kpi.decimals)} of {year_ago.answered} "
            "a year before"
        )
    judged = kpi.at(latest.month)
    if judged.target is not None:
        return sentence + f". The target is {format_value(judged.target, kpi.unit, kpi.decimals)}."
    return sentence + "."


def surveys_in(catalogue: Catalogue) -> dict[str, str]:
    """The surveys this council's catalogue carries (code -> who answers): it may carry neither."""
    return {code: who for code, who in SURVEYS.items() if code in catalogue.kpis}


def complaints_in(catalogue: Catalogue) -> dict[str, str]:
    """The complaint and compliment counts this council's catalogue carries (code -> column heading)."""
    return {code: heading for code, heading in COMPLAINTS.items() if code in catalogue.kpis}


def twelve_months_to(month: dt.date) -> list[dt.date]:
    return [add_months(month, -step) for step in range(11, -1, -1)]


def complaints_sentence(catalogue: Catalogue, index: ValueIndex, month: dt.date) -> str | None:
    """The complaints and compliments over the 12 months to `month`, in words (a total the public may not see is
    'c'; a count reported for only part of the year says which part); None if the catalogue carries none."""
    months = twelve_months_to(month)
    parts, hidden = [], False
    for code in complaints_in(catalogue):
        reported = [m for m in months if catalogue[code].reported_in(m)]
        if not reported:
            continue  # dropped before the year began, or not yet added
        total = complaint_total(index, code, reported)
        hidden = hidden or total is None
        part = COMPLAINT_WORDS[code].format(SUPPRESSED if total is None else format_value(total, "count", 0))
        if reported[-1] < month:
            part += f" (reported to {month_label(reported[-1])})"
        elif reported[0] > months[0]:
            part += f" (reported from {month_label(reported[0])})"
        parts.append(part)
    if not parts:
        return None
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
    sentence = f"In the 12 months to {month_label(month)}: {listed}."
    return sentence + (" (c: a small number, not shown in the public view.)" if hidden else "")


def voice_lines(catalogue: Catalogue, index: ValueIndex, month: dt.date) -> list[str]:
    """What children and families said up to `month`, in the sentences the Voice page gives: each survey, then
    complaints and compliments over the 12 months to `month`."""
    lines = []
    for code, who in surveys_in(catalogue).items():
        results = [r for r in survey_results(index, code) if r.month <= month]
        lines.append(survey_sentence(catalogue[code], who, results))
    complaints = complaints_sentence(catalogue, index, month)
    return lines + ([complaints] if complaints else [])


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
