"""Small-number suppression for the public view, following DfE's practice.

Primary: a count of children from 1 to the threshold (4 by default) is replaced by "c": the value of a count KPI,
or the numerator or denominator of a ratio KPI, whose catalogue entry has suppress_small_numbers (the default).
Zero is shown: it identifies nobody.

Secondary: where figures add up (the catalogue's [[sum]] groups: total = part + part ...), a group with exactly one
hidden figure would give it away by subtraction, so the smallest other part is hidden too, repeated until no
group has exactly one hidden figure. A ratio (percentage, rate or
average) is hidden when its numerator or denominator is. Changes over time are only ever worked out from shown
figures, so a difference cannot reveal a hidden one.

Unknown parts: a ratio of children stored without its numerator or denominator (a backfill stores values only) is
hidden, since nothing shows its parts are not small: 1 of 40 shown as 2.5% beside its denominator gives the 1 back.

Complement: where the catalogue says the denominator minus the numerator counts people too (suppress_complement: a
survey's "answered but did not say yes"), a small difference hides the ratio as well.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from domain.catalogue import Catalogue, Kpi
from domain.values import ValueIndex, reported_figures

SUPPRESSED = "c"  # what the public sees instead of a hidden figure (DfE's symbol)


@dataclass(frozen=True)
class Figure:
    """One KPI's figures for one month, as stored."""

    code: str
    month: dt.date
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


def _small(number: float | None, threshold: int) -> bool:
    return number is not None and 0 < number <= threshold


def _cells(kpi: Kpi, figure: Figure) -> dict[str, float | None]:
    """The counts a figure is made of, named as in [[sum]] groups ('CODE', 'CODE.numerator', ...)."""
    if kpi.is_ratio:
        return {f"{kpi.code}.numerator": figure.numerator, f"{kpi.code}.denominator": figure.denominator}
    if kpi.unit == "count":
        return {kpi.code: figure.value}
    return {}


def _ratio_markers(kpi: Kpi, figure: Figure, threshold: int) -> set[str]:
    """Why a ratio of children must be hidden although neither part is small: its parts are unknown, or the
    difference between them is a small count of people."""
    if not kpi.is_ratio:
        return set()
    if figure.numerator is None or figure.denominator is None:
        return {f"{kpi.code}.parts_unknown"} if figure.value is not None else set()
    if kpi.suppress_complement and _small(figure.denominator - figure.numerator, threshold):
        return {f"{kpi.code}.complement"}
    return set()


def hidden_cells(figures: Iterable[Figure], catalogue: Catalogue, threshold: int) -> set[str]:
    """The counts to hide for one month's figures: primary, then secondary suppression."""
    counts: dict[str, float | None] = {}
    hidden: set[str] = set()
    for figure in figures:
        kpi = catalogue.kpis.get(figure.code)
        if kpi is None:
            continue
        cells = _cells(kpi, figure)
        counts.update(cells)
        if kpi.suppress_small_numbers:
            hidden |= {name for name, number in cells.items() if _small(number, threshold)}
            hidden |= _ratio_markers(kpi, figure, threshold)
    changed = True
    while changed:
        changed = False
        for group in catalogue.sums:
            members = [group.total, *group.parts]
            if any(counts.get(m) is None for m in members):
                continue  # a missing figure: the sum cannot be used to work anything out
            if sum(m in hidden for m in members) != 1:
                continue
            shown_parts = [p for p in group.parts if p not in hidden]  # never empty: a group has two or more parts
            hidden.add(min(shown_parts, key=lambda name: (counts[name], name)))
            changed = True
    return hidden


def is_hidden(kpi: Kpi, hidden: set[str]) -> bool:
    """Whether a KPI's value must be hidden, given the month's hidden counts."""
    if kpi.is_ratio:
        return any(
            f"{kpi.code}.{part}" in hidden for part in ("numerator", "denominator", "parts_unknown", "complement")
        )
    return kpi.code in hidden


def suppress(figures: Iterable[Figure], catalogue: Catalogue, threshold: int) -> tuple[list[Figure], set]:
    """The figures as the public may see them (hidden ones with value, numerator and denominator None), and the
    (code, month) keys of the hidden values."""
    by_month: dict[dt.date, list[Figure]] = {}
    for figure in figures:
        by_month.setdefault(figure.month, []).append(figure)
    shown, suppressed = [], set()
    for month, month_figures in by_month.items():
        hidden = hidden_cells(month_figures, catalogue, threshold)
        for figure in month_figures:
            kpi = catalogue.kpis.get(figure.code)
            if kpi is not None and is_hidden(kpi, hidden):
                suppressed.add((figure.code, month))
                shown.append(Figure(figure.code, month, None))
            else:
                shown.append(figure)
    return shown, suppressed


def public_index(rows: Iterable[tuple], catalogue: Catalogue, threshold: int) -> ValueIndex:
    """The public's view of current figures, from (code, month, value, commentary, numerator, denominator,
    commentary_public) rows: hidden figures suppressed, and only the commentary marked public (never beside a
    hidden figure, which it might describe). Only figures in their KPI's reporting period are shown
    (domain.values.reported_figures), but what to hide is worked out from every figure held: a figure held and not
    shown would otherwise leave a sum that gives a small number away."""
    rows = list(rows)
    figures = [
        Figure(code, month, value, numerator, denominator) for code, month, value, _, numerator, denominator, *_ in rows
    ]
    public_commentary = {(row[0], row[1]): row[3] for row in rows if len(row) > 6 and row[6] and row[3]}
    shown, suppressed = suppress(figures, catalogue, threshold)
    reported = set(reported_figures([(f.code, f.month) for f in shown], catalogue))
    shown = [f for f in shown if (f.code, f.month) in reported]
    return ValueIndex(
        (
            (
                f.code,
                f.month,
                f.value,
                None if (f.code, f.month) in suppressed else public_commentary.get((f.code, f.month)),
                f.numerator,
                f.denominator,
            )
            for f in shown
        ),
        suppressed & reported,
    )
