"""Benchmark: how long a Herefordshire-sized Annex A takes to check and commit (goal: under 2 s, issue 22).

    python -m benchmarks.annex_a [--repeat 7] [--scale 1.0]

A synthetic Annex A from the seeded generator (tools/synthetic_annex_a.py: at scale 1 about 4,000 contacts a year,
150 children on plans and 400 looked after), written as a case-management system would, then on this machine:
- raw parse: openpyxl opening the workbook (data only) and reading every cell, for a yardstick;
- check, from the file's bytes as the app reads an upload: file checks, hash, reading every list, the row rules,
  the 24 definitions in an in-memory DuckDB, the preview against last month and the typed return;
- commit: the figures, row counts and problems in one transaction;
into a database holding the demo history. Each round rolls the last upload back so the same file loads again.
Prints a table; not a test.
"""

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks.upload import BENCHMARK, raw_parse, timed
from config import current
from database.connection import open_store
from domain.catalogue import load_catalogue
from domain.months import parse_month_key
from domain.workstreams import load_workstreams
from loaders.annex_a_ingest import check_annex_a, commit_annex_a
from loaders.bootstrap import prepare_database
from loaders.versions import rollback
from tools.synthetic_annex_a import generate, write_workbook

GOAL_SECONDS = 2.0


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=7)
    arguments.add_argument("--scale", type=float, default=1.0, help="1.0 is Herefordshire-sized")
    options = arguments.parse_args()
    catalogue = load_catalogue(current().catalogue)
    latest = sorted(current().demo_dir.glob("monthly_return_*.xlsx"))[-1]
    month = parse_month_key(latest.stem.rsplit("_", 1)[1])  # the demo's last month: a return is loaded for it
    made = generate(month, 1, options.scale)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        workbook = folder / "annex_a.xlsx"
        write_workbook(made, workbook)
        size_kb = workbook.stat().st_size / 1024
        database = folder / "history.duckdb"
        prepare_database(database, catalogue, load_workstreams(current().workstreams), current().demo_dir)
        raw, check, commit = [], [], []
        with open_store(database) as con:
            for _ in range(options.repeat):
                raw.append(timed(lambda: raw_parse(workbook)))
                outcome = {}

                def checking(outcome=outcome):  # from the upload's bytes in memory, as the app checks it
                    outcome["checked"] = check_annex_a(con, workbook.read_bytes(), catalogue, "annex_a.xlsx")

                check.append(timed(checking))
                checked = outcome["checked"]
                assert checked.parsed is not None and not checked.errors, checked.errors[:3]
                done = {}

                def committing(checked=checked, done=done):
                    done["outcome"] = commit_annex_a(con, checked, BENCHMARK, confirm_warnings=True)

                commit.append(timed(committing))
                rollback(con, done["outcome"].submission_id, BENCHMARK)
    rows = sum(len(r) for r in made.rows.values())
    raw_s, check_s, commit_s = (statistics.median(v) for v in (raw, check, commit))
    total = check_s + commit_s
    print(
        f"Annex A for {month:%B %Y} at scale {options.scale}: {rows:,} rows in {len(made.rows)} lists "
        f"({size_kb:,.0f} KB), median of {options.repeat} runs"
    )
    print(f"{'step':<52}{'s':>8}")
    print(f"{'raw parse (openpyxl, every cell), for comparison':<52}{raw_s:>8.3f}")
    print(f"{'check (read, row rules, definitions, preview)':<52}{check_s:>8.3f}")
    print(f"{'commit (one transaction)':<52}{commit_s:>8.3f}")
    verdict = "meets" if total < GOAL_SECONDS else "misses"
    print(f"{'check + commit':<52}{total:>8.3f}   goal under {GOAL_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
