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

from openpyxl.utils import get_column_letter

from loaders.xlsx_cells import UnreadableWorkbook, Workbook
from tools.crafted_workbooks import MAIN, excel_style_workbook, replace_part


def _sheet(rows: str) -> str:
    return f"<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>"


def _far(cell: str, value: bool) -> str:
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    far = f'<c r="{cell}"><v>5</v></c>' if value else f'<c r="{cell}" s="1"/>'
    return _sheet(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{row}">{far}</row>')


def cases(folder: Path) -> dict[str, Path]:
    letters = [get_column_letter(c) for c in range(1, 501)]
    grid = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>{r}</v></c>' for x in letters) + "</row>" for r in range(1, 501)
    )
    built = {
        "formatted empty cell at XFD1048576 (read)": excel_style_workbook(
            folder / "a.xlsx", sheet_xml=_far("XFD1048576", False)
        ),
        "formatted empty cell at H1048576 (read)": excel_style_workbook(
            folder / "b.xlsx", sheet_xml=_far("H1048576", False)
        ),
        "a figure at XFD1048576 (refused)": excel_style_workbook(folder / "c.xlsx", sheet_xml=_far("XFD1048576", True)),
        "500 x 500 numbers (read whole)": excel_style_workbook(folder / "e.xlsx", sheet_xml=_sheet(grid)),
    }
    strings = excel_style_workbook(folder / "d.xlsx")
    entries = "".join(f"<si><t>text number {n}</t></si>" for n in range(250_000))
    replace_part(strings, "xl/sharedStrings.xml", lambda _: f"<sst {MAIN}>{entries}</sst>".encode())
    built["250,000 shared-text entries (refused)"] = strings
    return built


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
