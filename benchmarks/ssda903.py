"""Benchmark: how long an SSDA903 return takes to read, check and work out the year's measures (goal: England-sized,
about 85,000 children looked after, under 30 s; issue 22).

    python -m benchmarks.ssda903 [--repeat 3] [--children 85000]

A synthetic return from the seeded generator (tools/synthetic_ssda903.py: Episodes, UASC, OC3 and Header tables as
CSV, the columns the measures do not read included), Herefordshire-sized (400 children looked after) and at the size
asked for; each read from the files' bytes (every check: identifiers, dates, codes, end before start) and every
definition in data/annual_return_kpis.toml run in an in-memory DuckDB. Prints a table; not a test.
"""

import argparse
import datetime as dt
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from config import current
from domain.annual_returns import compute_year, load_annual_definitions
from domain.catalogue import load_catalogue
from domain.months import day_label
from loaders.ssda903 import read_ssda903
from tools.synthetic_ssda903 import generate, write_tables

GOAL_SECONDS = 30.0
YEAR_END = dt.date(2026, 3, 31)


def measure(children: int, repeat: int, catalogue, definitions) -> dict:
    made = generate(YEAR_END, 1, children)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_tables(made, Path(folder))
        size_mb = sum(p.stat().st_size for p in paths.values()) / 2**20
        data = {name: path.read_bytes() for name, path in paths.items()}
        reads, computes = [], []
        for _ in range(repeat):  # timed without tracemalloc, which slows Python down several times
            started = time.perf_counter()
            parsed = read_ssda903(data)
            read_at = time.perf_counter()
            figures, _ = compute_year("ssda903", parsed.tables, parsed.year_end, 10_000_000.0, definitions, catalogue)
            computes.append(time.perf_counter() - read_at)
            reads.append(read_at - started)
            assert not parsed.errors and figures
        tracemalloc.start()  # then once more for the peak of Python's allocations (DuckDB's own are not counted)
        parsed = read_ssda903(data)
        compute_year("ssda903", parsed.tables, parsed.year_end, 10_000_000.0, definitions, catalogue)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    looked_after = made.truth["CIC01"]
    return {
        "rows": len(made.episodes),
        "looked_after": looked_after,
        "size_mb": size_mb,
        "read": statistics.median(reads),
        "compute": statistics.median(computes),
        "peak_mb": peak / 2**20,
        "figures": len(figures),
    }


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument("--children", type=int, default=85_000, help="looked after at 31 March, about")
    options = arguments.parse_args()
    catalogue = load_catalogue(current().catalogue)
    definitions = load_annual_definitions(catalogue=catalogue)
    print(f"SSDA903 for the year to {day_label(YEAR_END)}, median of {options.repeat} runs")
    print(f"{'size':<16}{'looked after':>13}{'episodes':>10}{'CSV MB':>8}{'read s':>8}{'compute s':>10}{'total s':>9}")
    for children in (400, options.children):
        m = measure(children, options.repeat, catalogue, definitions)
        total = m["read"] + m["compute"]
        label = "Herefordshire" if children == 400 else f"{children:,}"
        print(
            f"{label:<16}{m['looked_after']:>13,}{m['rows']:>10,}{m['size_mb']:>8.1f}{m['read']:>8.2f}"
            f"{m['compute']:>10.2f}{total:>9.2f}   Python memory peak {m['peak_mb']:,.0f} MB"
        )
    verdict = "meets" if total < GOAL_SECONDS else "misses"
    print(f"Goal: {options.children:,} children under {GOAL_SECONDS:.0f} s: {verdict} ({m['figures']} measures)")


if __name__ == "__main__":
    main()
