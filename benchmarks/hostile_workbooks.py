"""Benchmark: how long the workbook reader takes to read or refuse the hostile and the largest workbooks it meets.

    python -m benchmarks.hostile_workbooks [--repeat 3]

The tests check these cases' outcome and memory; their time is measured here, untraced, because a wall-clock bound
in a test fails on a slow or busy machine rather than on slow code. Cases:
- a formatted empty cell at XFD1048576 and at H1048576 (read: left out of the sheet's extent);
- a figure at XFD1048576 (refused, SHEET_TOO_LARGE, naming the cell);
- 250,000 shared-text entries used by no cell (refused, WORKBOOK_TOO_LARGE, at the 100,000th entry);
- the largest sheet the reader accepts, 500 x 500 numbers (read whole).
Goal: each within a few seconds (before the reader's limits: 59 s, a MemoryError, 14.6 s). Prints a table.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from loaders.xlsx_cells import UnreadableWorkbook, Workbook
from tools.crafted_workbooks import excel_style_workbook, far_cell_sheet, grid_sheet, with_shared_text


def cases(folder: Path) -> dict[str, Path]:
    return {
        "formatted empty cell at XFD1048576 (read)": excel_style_workbook(
            folder / "a.xlsx", sheet_xml=far_cell_sheet("XFD1048576", False)
        ),
        "formatted empty cell at H1048576 (read)": excel_style_workbook(
            folder / "b.xlsx", sheet_xml=far_cell_sheet("H1048576", False)
        ),
        "a figure at XFD1048576 (refused)": excel_style_workbook(
            folder / "c.xlsx", sheet_xml=far_cell_sheet("XFD1048576", True)
        ),
        "250,000 shared-text entries (refused)": with_shared_text(excel_style_workbook(folder / "d.xlsx"), 250_000),
        "500 x 500 numbers (read whole)": excel_style_workbook(folder / "e.xlsx", sheet_xml=grid_sheet(500)),
    }


def read_or_refuse(path: Path) -> str:
    try:
        with Workbook(path) as workbook:
            for name in workbook.sheetnames:
                for row in workbook[name].iter_rows():
                    for cell in row:
                        cell.value  # noqa: B018 - reading is the point
    except UnreadableWorkbook as refusal:
        return f"refused: {refusal.rule}"
    return "read"


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    repeat = arguments.parse_args().repeat
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'workbook':<46}{'outcome':<30}{'median s':>9}")
        for name, path in cases(Path(folder)).items():
            timings, outcome = [], ""
            for _ in range(repeat):
                started = time.perf_counter()
                outcome = read_or_refuse(path)
                timings.append(time.perf_counter() - started)
            print(f"{name:<46}{outcome:<30}{statistics.median(timings):>9.2f}")


if __name__ == "__main__":
    main()
