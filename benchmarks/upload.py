"""Benchmark: how long a monthly return takes to check and commit, against openpyxl merely reading it.

    python -m benchmarks.upload [--repeat 15]

Measures, on this machine:
- raw parse: openpyxl opening the workbook (data_only) and reading every cell's value, the goal's yardstick; and,
  for comparison, our own reader (loaders.xlsx_cells) doing the same, which the upload uses;
- check + commit: the whole upload path (file checks, hash, parse, validation against 66 months of history,
  preview, then the transaction) into a database holding the demo history;
- a ten-year backfill workbook (46 KPIs x 120 months) checked and committed into an empty database.
Goal: check + commit within 1.5x the raw parse; the backfill in a few seconds. Prints a table; not a test.
"""

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from accounts.roles import Actor, Role
from config import current
from database.connection import open_store
from domain.catalogue import load_catalogue
from domain.months import add_months, month_range, parse_month_key
from domain.workstreams import load_workstreams
from loaders.bootstrap import prepare_database
from loaders.ingest import check_upload, commit_upload
from loaders.return_writer import write_backfill
from loaders.versions import rollback
from loaders.xlsx_cells import Workbook

BENCHMARK = Actor("benchmark", Role.PERFORMANCE, "benchmark")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def raw_parse(path: Path) -> None:
    workbook = load_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.value  # noqa: B018 - reading is the point
    workbook.close()


def lean_parse(path: Path) -> None:
    with Workbook(path) as workbook:
        for name in workbook.sheetnames:
            for row in workbook[name].iter_rows():
                for cell in row:
                    cell.value  # noqa: B018 - reading is the point


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=15)
    repeat = arguments.parse_args().repeat
    catalogue = load_catalogue(current().catalogue)
    demo = sorted(current().demo_dir.glob("monthly_return_*.xlsx"))
    latest = demo[-1]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        history_db = folder / "history.duckdb"
        shutil.copy(latest, folder / "latest.xlsx")
        prepare_database(history_db, catalogue, load_workstreams(current().workstreams), current().demo_dir)

        raw, lean, check, commit = [], [], [], []
        with open_store(history_db) as con:
            for _ in range(repeat):  # each round times every step, so the machine's drift weighs on all alike
                raw.append(timed(lambda: raw_parse(latest)))
                lean.append(timed(lambda: lean_parse(latest)))
                # The database already holds this file: roll that version back so the same bytes load again.
                latest_upload = con.execute(
                    "SELECT submission_id FROM submissions WHERE status = 'accepted' "
                    "AND kind = 'kpi_return' ORDER BY submission_id DESC LIMIT 1"
                ).fetchone()[0]
                rollback(con, latest_upload, BENCHMARK)
                outcome = {}

                def checking(outcome=outcome):
                    outcome["checked"] = check_upload(con, folder / "latest.xlsx", catalogue, reason="benchmark")

                check.append(timed(checking))
                assert outcome["checked"].parsed is not None and not outcome["checked"].errors
                checked = outcome["checked"]
                commit.append(
                    timed(
                        lambda checked=checked: commit_upload(
                            con, checked, BENCHMARK, "benchmark", confirm_warnings=True
                        )
                    )
                )

        last = demo_month(latest)
        months = month_range(add_months(last, -119), last)  # ten years up to the latest demo month
        values = {(kpi.code, month): float(position % 50) for position, month in enumerate(months) for kpi in catalogue}
        backfill = folder / "backfill.xlsx"
        write_backfill(backfill, catalogue, values)
        backfill_raw = statistics.median(timed(lambda: raw_parse(backfill)) for _ in range(3))
        with open_store(folder / "empty.duckdb") as con:
            started = time.perf_counter()
            checked = check_upload(con, backfill, catalogue)
            assert not checked.errors, checked.errors[:3]
            commit_upload(con, checked, BENCHMARK, confirm_warnings=True)
            backfill_seconds = time.perf_counter() - started

    raw_ms, lean_ms, check_ms, commit_ms = (statistics.median(v) * 1000 for v in (raw, lean, check, commit))
    print(f"Monthly return: {latest.name}, median of {repeat} runs")
    print(f"{'step':<44}{'ms':>9}{'x raw':>8}")
    print(f"{'raw parse (openpyxl, every cell)':<44}{raw_ms:>9.1f}{1:>8.2f}")
    print(f"{'  our reader, every cell (part of check)':<44}{lean_ms:>9.1f}{lean_ms / raw_ms:>8.2f}")
    print(f"{'check (file checks, parse, rules, preview)':<44}{check_ms:>9.1f}{check_ms / raw_ms:>8.2f}")
    print(f"{'commit (one transaction)':<44}{commit_ms:>9.1f}{commit_ms / raw_ms:>8.2f}")
    total = check_ms + commit_ms
    verdict = "meets" if total <= 1.5 * raw_ms else "misses"
    print(f"{'check + commit':<44}{total:>9.1f}{total / raw_ms:>8.2f}   goal 1.5x: {verdict}")
    print(
        f"Ten-year backfill ({len(catalogue)} KPIs x {len(months)} months = {len(values)} figures): "
        f"raw parse {backfill_raw:.2f} s; check + commit {backfill_seconds:.2f} s "
        f"({backfill_seconds / backfill_raw:.2f} x raw)"
    )


def demo_month(path: Path):
    return parse_month_key(path.stem.rsplit("_", 1)[1])


if __name__ == "__main__":
    main()
