"""Re-basing a KPI's SPC limits: a decision the performance team records, never automatic.

*Making Data Count* re-bases limits only after a sustained change, so that the new limits describe the process as
it now is. Here a re-basing is recorded with its month, its reason in the team's words and the evidence worked out
from the figures at the time (for example "9 months running below the mean of 30.2%"); from that month the limits
take a new baseline. It is kept with its history: withdrawing one marks it withdrawn, and both are in the audit log.

The evidence required is one of Making Data Count's rules for a sustained shift, starting at the chosen month:
at least 6 months running on one side of the mean, or at least 6 months running each higher (or each lower) than
the one before. A single unusual month is not enough."""

import datetime as dt
import itertools
from dataclasses import dataclass, replace

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from config import clock, current
from database.connection import transaction
from domain import spc
from domain.catalogue import Kpi
from domain.months import first_of_month, month_label
from domain.trends import build_trend
from domain.units import format_value
from domain.values import ValueIndex


class RebaseRefused(ValueError):
    """The re-basing cannot be recorded: the message says why, in words for the performance team."""


@dataclass(frozen=True)
class Rebase:
    rebase_id: int
    kpi_code: str
    from_month: dt.date
    reason: str
    evidence: str
    decided_by: str
    decided_at: dt.datetime
    status: str = "active"

    @property
    def label(self) -> str:
        """As the chart and the summary say it, e.g. 'limits re-based from April 2024: new recruitment model; ...'
        (without the reason in the public's version)."""
        reason = f": {self.reason}" if self.reason else ""
        return f"limits re-based from {month_label(self.from_month)}{reason}; {self.evidence}"

    def for_the_public(self) -> "Rebase":
        """Without the team's reason, which is their own words and, like commentary, not published (the evidence
        is worked out from figures the public sees)."""
        return replace(self, reason="")


def evidence(kpi: Kpi, index: ValueIndex, from_month: dt.date, rebased: tuple[dt.date, ...] = ()) -> str:
    """The sustained change from `from_month`, against the limits in force before it, in words; RebaseRefused if
    there is none."""
    from_month = first_of_month(from_month)
    trend = build_trend(kpi, index, rebased_from=tuple(m for m in rebased if m < from_month))
    before = [p for p in trend.points if p.month < from_month and p.value is not None]
    after = [p for p in trend.points if p.month >= from_month and p.value is not None]
    if len(before) < spc.MIN_POINTS or before[-1].mean is None:
        raise RebaseRefused(
            f"{kpi.code} has {len(before)} months with a figure before {month_label(from_month)}: the limits need "
            f"{spc.MIN_POINTS} before a re-basing can be judged."
        )
    if not after or after[0].month != from_month:
        raise RebaseRefused(f"{kpi.code} has no figure for {month_label(from_month)} to re-base from.")
    mean = before[-1].mean

    def run(test) -> int:
        count = 0
        for point in after:
            if not test(point):
                break
            count += 1
        return count

    above = run(lambda p: p.value > mean)
    below = run(lambda p: p.value < mean)
    rising = 1 + run_of_steps(after, 1)
    falling = 1 + run_of_steps(after, -1)
    shown_mean = format_value(mean, kpi.unit, kpi.decimals)
    if max(above, below) >= spc.RUN_LENGTH:
        side = "above" if above > below else "below"
        return f"{max(above, below)} months running {side} the mean of {shown_mean}"
    if max(rising, falling) >= spc.RUN_LENGTH:
        way = "higher" if rising > falling else "lower"
        return f"{max(rising, falling)} months running each {way} than the one before"
    raise RebaseRefused(
        f"From {month_label(from_month)}, {kpi.code} shows no sustained change to re-base on: that needs at least "
        f"{spc.RUN_LENGTH} months running on one side of the mean of {shown_mean}, or each higher (or each lower) "
        f"than the one before (found {max(above, below)} on one side, {max(rising, falling)} in a row moving one way)."
    )


def run_of_steps(points, sign: int) -> int:
    """How many of `points` after the first continue a run of steps in direction `sign` (+1 up, -1 down)."""
    count = 0
    for earlier, later in itertools.pairwise(points):
        step = later.value - earlier.value
        if step == 0 or (step > 0) != (sign > 0):
            break
        count += 1
    return count


def record_rebase(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    kpi: Kpi,
    index: ValueIndex,
    from_month: dt.date,
    reason: str,
    council: str | None = None,
) -> Rebase:
    """Record a re-basing of `kpi` from `from_month`, with the evidence worked out now, and its audit record, in one
    transaction. Only the performance team may; a reason and a sustained change are required."""
    require(actor, Permission.CHANGE_DATA)
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise RebaseRefused("Say why the limits are re-based (at least 10 characters), for the record.")
    council = council or current().home_council
    from_month = first_of_month(from_month)
    active = rebases(con, council).get(kpi.code, ())
    if any(r.from_month == from_month for r in active):
        raise RebaseRefused(f"{kpi.code}'s limits are already re-based from {month_label(from_month)}.")
    found = evidence(kpi, index, from_month, tuple(r.from_month for r in active))
    now = clock.now().replace(microsecond=0)
    with transaction(con):
        rebase_id = con.execute(
            "INSERT INTO spc_rebases (council, kpi_code, from_month, reason, evidence, decided_by, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rebase_id",
            [council, kpi.code, from_month, reason, found, actor.name, now],
        ).fetchone()[0]
        audit.record(con, actor, "re-base limits", f"{kpi.code} from {month_label(from_month)}", f"{reason}; {found}")
    return Rebase(rebase_id, kpi.code, from_month, reason, found, actor.name, now)


def withdraw_rebase(con: duckdb.DuckDBPyConnection, actor: Actor, rebase_id: int) -> None:
    """Mark a re-basing withdrawn (it is kept), with its audit record, in one transaction."""
    require(actor, Permission.CHANGE_DATA)
    row = con.execute(
        "SELECT kpi_code, from_month FROM spc_rebases WHERE rebase_id = ? AND status = 'active'", [rebase_id]
    ).fetchone()
    if row is None:
        raise RebaseRefused(
            f"re-basing {rebase_id} is not in force (withdrawn already?), so there is nothing to withdraw."
        )
    with transaction(con):
        con.execute(
            "UPDATE spc_rebases SET status = 'withdrawn', withdrawn_by = ?, withdrawn_at = ? WHERE rebase_id = ?",
            [actor.name, clock.now().replace(microsecond=0), rebase_id],
        )
        audit.record(con, actor, "withdraw re-basing", f"{row[0]} from {month_label(row[1])}", None)


def rebases(con: duckdb.DuckDBPyConnection, council: str | None = None) -> dict[str, tuple[Rebase, ...]]:
    """The council's re-basings in force, by KPI code, oldest month first."""
    rows = con.execute(
        "SELECT rebase_id, kpi_code, from_month, reason, evidence, decided_by, decided_at, status FROM spc_rebases "
        "WHERE council = ? AND status = 'active' ORDER BY kpi_code, from_month",
        [council or current().home_council],
    ).fetchall()
    found: dict[str, list[Rebase]] = {}
    for row in rows:
        found.setdefault(row[1], []).append(Rebase(*row))
    return {code: tuple(items) for code, items in found.items()}


def history(con: duckdb.DuckDBPyConnection, kpi_code: str, council: str | None = None) -> list[Rebase]:
    """Every re-basing of the KPI, withdrawn ones too, newest first."""
    rows = con.execute(
        "SELECT rebase_id, kpi_code, from_month, reason, evidence, decided_by, decided_at, status FROM spc_rebases "
        "WHERE council = ? AND kpi_code = ? ORDER BY rebase_id DESC",
        [council or current().home_council, kpi_code],
    ).fetchall()
    return [Rebase(*row) for row in rows]
