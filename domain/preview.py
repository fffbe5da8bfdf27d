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


@dataclass(frozen=True)
class CommentaryChange:
    """A KPI's commentary for a month that a revision would add, change, take away, or show to a different audience
    (the return's Commentary public column)."""

    kpi: Kpi
    month: dt.date
    old: tuple[str, bool] | None  # (text, public) shown now
    new: tuple[str, bool] | None  # (text, public) after the upload

    @property
    def kind(self) -> str:
        if self.old is None:
            return "Added"
        if self.new is None:
            return "Removed"
        if self.old[0] != self.new[0]:
            return "Changed"
        return "Now public" if self.new[1] else "Now for members only"

    @property
    def before(self) -> str:
        return _note_words(self.old)

    @property
    def after(self) -> str:
        return _note_words(self.new)


def _note_words(note: tuple[str, bool] | None) -> str:
    if note is None:
        return "No commentary"
    return f"{note[0]} ({'public' if note[1] else 'members only'})"


def commentary_changes(
    incoming: dict[tuple[str, dt.date], tuple[str, bool] | None],
    held: dict[tuple[str, dt.date], tuple[str, bool]],
    months: list[dt.date],
    catalogue: Catalogue,
) -> list[CommentaryChange]:
    """What a revision does to the commentary of `months` (those already loaded): `incoming` holds a (text, public)
    pair, or None, for every row of the upload; `held` the commentary shown now (domain.store.current_commentary).
    In catalogue then month order."""
    order = {code: position for position, code in enumerate(catalogue.kpis)}
    changed = [
        key for key, new in incoming.items() if key[1] in months and new != held.get(key) and key[0] in catalogue.kpis
    ]
    return [
        CommentaryChange(catalogue[code], month, held.get((code, month)), incoming[(code, month)])
        for code, month in sorted(changed, key=lambda key: (order[key[0]], key[1]))
    ]


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


def commentary_summary(changes: list[CommentaryChange]) -> str:
    """E.g. 'Commentary changes for 2 KPIs.'; empty when a revision leaves the commentary as it is."""
    kpis = len({change.kpi.code for change in changes})
    return f"Commentary changes for {plural(kpis, 'KPI')}." if kpis else ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
