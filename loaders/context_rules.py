"""Checks that need what is already loaded: months in the future, months already loaded, implausible figures."""

import datetime as dt
import statistics

from domain import brag
from domain.brag import Status
from domain.catalogue import Catalogue
from domain.councils import Councils
from domain.months import add_months, first_of_month, month_label, span_label
from domain.preview import CommentaryChange, plural
from domain.units import format_value
from domain.values import ValueIndex
from loaders.monthly_return import ParsedReturn
from loaders.problems import Problem
from loaders.return_layout import BACKFILL_SHEET

HISTORY_MONTHS = 12
MIN_HISTORY = 6


def recent_median(index: ValueIndex):
    """For the percentage check: the median of a KPI's last 12 months before a month, or None."""

    def median(code: str, month: dt.date) -> float | None:
        history = index.history(code, month, HISTORY_MONTHS)
        return statistics.median(history) if history else None

    return median


def future_months(parsed: ParsedReturn, today: dt.date) -> list[Problem]:
    this_month = first_of_month(today)
    return [
        Problem("MONTH_FUTURE", f"{month_label(m)} has not started yet; returns are for months that have", "Cover")
        for m in parsed.months
        if m > this_month
    ]


def already_loaded(loaded: list[dt.date], reason: str | None) -> list[Problem]:
    if not loaded or (reason and reason.strip()):
        return []
    months = ", ".join(month_label(m) for m in loaded[:6]) + (" and more" if len(loaded) > 6 else "")
    return [
        Problem(
            "MONTH_ALREADY_LOADED",
            f"figures for {months} are already loaded. To replace them, upload this file as a revision and give a "
            "reason; the earlier figures are kept and can be restored",
        )
    ]


def implausible(parsed: ParsedReturn, index: ValueIndex, catalogue: Catalogue) -> list[Problem]:
    """Warnings for figures far outside the range of the KPI's last 12 months (with at least 6 of them)."""
    incoming = {(r.kpi_code, r.month): r for r in parsed.rows}
    problems = []
    for (code, month), row in incoming.items():
        if row.value is None:
            continue
        kpi = catalogue[code]
        history = index.history(code, month, HISTORY_MONTHS)
        if len(history) < MIN_HISTORY:
            continue
        low, high = min(history), max(history)
        width = max(high - low, 0.1 * abs(statistics.median(history)), 10**-kpi.decimals)
        if low - width <= row.value <= high + width:
            continue
        shown = format_value(row.value, kpi.unit, kpi.decimals)
        span = f"{format_value(low, kpi.unit, kpi.decimals)} to {format_value(high, kpi.unit, kpi.decimals)}"
        sheet, _, cell = row.source_cell.partition("!")
        problems.append(
            Problem(
                "VALUE_IMPLAUSIBLE",
                f"{code} {kpi.title}: {shown} in {month_label(month)} is far outside the last 12 months ({span}); "
                "please check it before confirming",
                sheet.strip("'"),
                cell or None,
            )
        )
    return problems


def red_without_commentary(
    parsed: ParsedReturn,
    index: ValueIndex,
    catalogue: Catalogue,
    computed: dict[tuple[str, dt.date], float | None] | None = None,
) -> list[Problem]:
    """Warnings for KPIs that turn Red this month (Red now, not Red the month before) with no commentary, judged on
    the figure members will see: the one computed from Annex A where `computed` has it (domain.store
    .computed_figures), since that is shown instead of the typed one.

    Monthly returns only: a backfill of history has no commentary column."""
    if parsed.is_backfill:
        return []
    computed = computed or {}
    problems = []
    for row in parsed.rows:
        key = (row.kpi_code, row.month)
        value = computed.get(key, row.value)
        if value is None or row.commentary:
            continue
        kpi = catalogue[row.kpi_code]
        before = add_months(row.month, -1)
        recent_before = index.recent(row.kpi_code, before, brag.SUSTAINED_MONTHS)
        if brag.status(kpi, [value, *recent_before[:-1]], row.month) is not Status.RED:
            continue
        if brag.status(kpi, recent_before, add_months(row.month, -1)) is Status.RED:
            continue
        sheet, _, cell = row.source_cell.partition("!")
        shown = " (the figure computed from Annex A, which is the one shown)" if key in computed else ""
        problems.append(
            Problem(
                "RED_WITHOUT_COMMENTARY",
                f"{kpi.code} {kpi.title} turns Red in {month_label(row.month)}{shown}: please add commentary saying "
                "why and what is being done",
                sheet.strip("'"),
                cell.split(":")[0] or None,
            )
        )
    return problems


def backfill_replaces_detail(
    parsed: ParsedReturn, loaded: list[dt.date], with_parts: set[tuple[str, dt.date]], notes: list[CommentaryChange]
) -> list[Problem]:
    """A warning when a backfill (values only) revises months already loaded whose figures shown have commentary or
    a numerator and denominator: the backfill's figures would replace them, without either. `with_parts`: the figures
    shown with parts (domain.store.figures_with_parts); `notes`: what the revision does to the commentary."""
    if not parsed.is_backfill or not loaded:
        return []
    parts = len(with_parts & {(row.kpi_code, row.month) for row in parsed.rows})
    removed = sum(note.kind == "Removed" for note in notes)
    if not parts and not removed:
        return []
    lost = " and ".join(
        words
        for count, words in (
            (removed, f"the commentary of {plural(removed, 'figure')}"),
            (parts, f"the numerators and denominators of {plural(parts, 'figure')}"),
        )
        if count
    )
    return [
        Problem(
            "BACKFILL_REPLACES_DETAIL",
            f"this backfill revises {plural(len(loaded), 'month')} already loaded ({span_label(loaded)}): {lost} "
            "there are not in a backfill, so they would no longer be shown, and the public view shows a percentage "
            "of children without its numerator and denominator as c. To keep them, upload those months' returns "
            "instead",
            BACKFILL_SHEET,
        )
    ]


def council_of(
    text: object, where: tuple[str | None, str | None], councils: Councils, home: str, other_councils: bool = False
) -> tuple[str | None, list[Problem]]:
    """The DfE LA code of the council a return's Cover names (`text`, at sheet and cell `where`), and any problem
    with it. A blank (or a backfill, which has no Cover) means this dashboard's own council. Another council's
    return is refused unless the dashboard holds several councils' figures (`other_councils`)."""
    if text is None or not str(text).strip():
        return home, []
    sheet, cell = where
    council = councils.find(text)
    if council is None:
        example = councils.by_code.get(home)
        hint = f" (for example '{example.short_name}' or {example.code})" if example else ""
        return None, [
            Problem(
                "COUNCIL_UNKNOWN",
                f"'{text}' is not a council in England that we know: write the council's name or its DfE LA code{hint}",
                sheet,
                cell,
            )
        ]
    if council.code != home and not other_councils:
        this = councils.label(home)
        return None, [
            Problem(
                "COUNCIL_NOT_THIS_DASHBOARD",
                f"this return is {council.short_name}'s; this dashboard "
                f"holds {this}'s figures. Check you chose the right file",
                sheet,
                cell,
            )
        ]
    return council.code, []
