"""What an upload would change, KPI by KPI, before it is committed: new, changed and unchanged figures, and the
statuses that would change colour against what members last saw: for a new month, the month before it (September's
Amber becoming October's Red); for a revision, the figures it replaces."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from domain import brag
from domain.brag import Status
from domain.catalogue import Catalogue, Kpi
from domain.months import add_months, month_label
from domain.values import ValueIndex


@dataclass(frozen=True)
class Change:
    kpi: Kpi
    month: dt.date
    old: float | None
    new: float | None
    kind: str  # 'new' (no figure before), 'changed' or 'unchanged'
    old_status: Status  # what members last saw: the month before for a new figure, else this month as loaded
    new_status: Status
    compared_with: dt.date | None = None  # the month old_status is from (the month itself for a revision)

    @property
    def status_changed(self) -> bool:
        return self.old_status is not self.new_status


def same_figure(kpi: Kpi, a: float | None, b: float | None) -> bool:
    """The same as shown at the KPI's decimals, or both missing."""
    if a is None or b is None:
        return a is b
    return round(a, kpi.decimals) == round(b, kpi.decimals)


def compare(incoming: dict[tuple[str, dt.date], float | None], index: ValueIndex, catalogue: Catalogue) -> list[Change]:
    """One Change per incoming figure, in catalogue then month order."""

    def after(code: str, month: dt.date) -> float | None:
        return incoming[(code, month)] if (code, month) in incoming else index.value(code, month)

    def recent(lookup, code: str, month: dt.date) -> list[float | None]:
        return [lookup(code, add_months(month, -step)) for step in range(brag.SUSTAINED_MONTHS)]

    changes = []
    order = {code: position for position, code in enumerate(catalogue.kpis)}
    for code, month in sorted(incoming, key=lambda key: (order.get(key[0], len(order)), key[1])):
        kpi = catalogue[code]
        old, new = index.value(code, month), incoming[(code, month)]
        if not index.has(code, month):
            kind = "new"
        else:
            kind = "unchanged" if same_figure(kpi, old, new) else "changed"
        before = add_months(month, -1) if kind == "new" else month
        lookup = after if kind == "new" else index.value  # a new month is compared with the month before it
        changes.append(
            Change(
                kpi,
                month,
                old,
                new,
                kind,
                brag.status(kpi, recent(lookup, code, before), before),
                brag.status(kpi, recent(after, code, month), month),
                before,
            )
        )
    return changes


def summary(changes: list[Change]) -> str:
    counts = Counter(change.kind for change in changes)
    colour = sum(change.status_changed for change in changes)
    changes_colour = f"{colour} {'status changes' if colour == 1 else 'statuses change'} colour"
    months = sorted({change.month for change in changes})
    if changes and counts["new"] == len(changes):
        if len(months) == 1:
            return (
                f"New month: {plural(len(changes), 'figure')}; compared with "
                f"{month_label(add_months(months[0], -1))}: {changes_colour}."
            )
        return f"New months: {plural(len(changes), 'figure')}; compared with the month before each: {changes_colour}."
    return (
        f"{counts['new']} new, {counts['changed']} changed and {counts['unchanged']} unchanged figures; "
        f"{changes_colour}."
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
