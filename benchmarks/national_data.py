"""Generates a national-scale database: every council in England x ten years of months x every catalogue KPI, plus
each council's improvement-plan action log, loaded through the loaders' own storing code.

    python -m benchmarks.national_data OUT.duckdb [--councils 153] [--months 120]

For each council: a backfill of the first years (one submission, as the performance team would load history), then
one monthly return per month for the last year, then the action log's monthly snapshots (the demo plan's, as
every council's). Figures are invented (seeded, so the same every time) around each KPI's target, scaled per council,
and marked as demonstration data. The "bulk variant" of the real loader path: `loaders.ingest.store_return` and the
action log's insert, the code an upload commits with, given returns built in memory instead of parsed from Excel.
The 153 councils are DfE's list without the City of London and the Isles of Scilly, whose figures DfE publishes
with their neighbours'.
"""

import argparse
import datetime as dt
import hashlib
import time
from pathlib import Path

import numpy as np

from accounts.roles import Actor, Role
from config import current
from database.connection import open_store, transaction
from domain.catalogue import Catalogue, Kpi, load_catalogue
from domain.councils import councils as all_councils
from domain.months import add_months, month_range
from domain.workstreams import load_workstreams
from loaders import action_log_ingest
from loaders.action_log import ParsedActionLog, read_action_log
from loaders.ingest import store_return
from loaders.monthly_return import ParsedReturn, ReturnRow

GENERATOR = Actor("national data generator", Role.PERFORMANCE, "benchmark")
LAST_MONTH = dt.date(2026, 10, 1)
MONTHLY = 12  # the last year arrives as monthly returns; the years before as one backfill
LEFT_OUT = {"201", "420"}  # City of London, Isles of Scilly
SEED = 153


def council_codes(count: int) -> list[str]:
    codes = [c.code for c in all_councils() if c.code not in LEFT_OUT]
    return codes[:count]


def _series(kpi: Kpi, months: int, rng: np.random.Generator) -> list[float]:
    """A plausible monthly series: a council-specific level near the target, drifting, with noise."""
    if kpi.unit in ("percent",):
        centre = kpi.target if kpi.target is not None else 50.0
        level = np.clip(centre + rng.normal(0, 8) + np.cumsum(rng.normal(0, 1.0, months)), 0, 100)
        return [round(float(v), 1) for v in level]
    centre = kpi.target if kpi.target is not None else 100.0
    level = max(centre, 1.0) * rng.uniform(0.5, 1.5) * np.exp(np.cumsum(rng.normal(0, 0.02, months)))
    whole = kpi.unit == "count"
    return [float(round(v)) if whole else round(float(v), 1) for v in level]


def council_figures(catalogue: Catalogue, months: list[dt.date], rng: np.random.Generator) -> list[ReturnRow]:
    rows = []
    for kpi in catalogue:
        for month, value in zip(months, _series(kpi, len(months), rng), strict=True):
            rows.append(ReturnRow(kpi.code, month, value, None, None, None, "generated"))
    return rows


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def load_council(
    con, code: str, catalogue: Catalogue, months: list[dt.date], plans: list[ParsedActionLog], rng: np.random.Generator
) -> int:
    """Store one council's history; returns how many submissions it took."""
    by_month: dict[dt.date, list[ReturnRow]] = {}
    for row in council_figures(catalogue, months, rng):
        by_month.setdefault(row.month, []).append(row)
    history, recent = months[:-MONTHLY], months[-MONTHLY:]
    backfill = [row for month in history for row in by_month[month]]
    store_return(
        con,
        ParsedReturn(f"backfill_{code}.xlsx", history, backfill, is_backfill=True),
        _digest(code, "backfill"),
        GENERATOR,
        is_demo=True,
        council=code,
    )
    for month in recent:
        monthly = by_month[month]
        store_return(
            con,
            ParsedReturn(f"monthly_return_{code}_{month:%Y-%m}.xlsx", [month], monthly),
            _digest(code, month),
            GENERATOR,
            is_demo=True,
            council=code,
        )
    for plan in plans:
        with transaction(con):
            action_log_ingest._insert(con, plan, _digest(code, "plan", plan.as_at), GENERATOR, True, None, code)
    return 1 + len(recent) + len(plans)


def generate(out: Path, count: int, month_count: int) -> None:
    workstreams = load_workstreams(current().workstreams)
    catalogue = load_catalogue(current().catalogue, set(workstreams))
    months = month_range(add_months(LAST_MONTH, -(month_count - 1)), LAST_MONTH)
    plans = [
        read_action_log(path, catalogue, workstreams, today=LAST_MONTH + dt.timedelta(days=60))
        for path in sorted((current().demo_dir / "plan").glob("action_log_*.xlsx"))
    ]
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    submissions = 0
    with open_store(out) as con:
        if con.execute("SELECT count(*) FROM submissions").fetchone()[0]:
            raise SystemExit(f"{out} already holds submissions; give a new file")
        codes = council_codes(count)
        for number, code in enumerate(codes, start=1):
            submissions += load_council(con, code, catalogue, months, plans, rng)
            if number % 25 == 0 or number == len(codes):
                print(
                    f"{number} councils, {submissions} submissions, {time.perf_counter() - started:.0f} s", flush=True
                )
        figures = con.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
        actions = con.execute("SELECT count(*) FROM plan_actions").fetchone()[0]
    print(
        f"Wrote {out}: {len(codes)} councils x {len(months)} months x {len(catalogue)} KPIs = {figures} figures, "
        f"{actions} action rows, {submissions} submissions, in {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("out", type=Path)
    arguments.add_argument("--councils", type=int, default=153)
    arguments.add_argument("--months", type=int, default=120)
    args = arguments.parse_args()
    generate(args.out, args.councils, args.months)


if __name__ == "__main__":
    main()
