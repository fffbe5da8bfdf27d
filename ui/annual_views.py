"""The table an annual return's measures are shown in, on the Check an annual return page and on History: each
measure beside the DfE's published figure and the dashboard's (its March figure for a figure at 31 March, its 12
months to March for a count or rate over the year), with the gap in words."""

from html import escape

from domain.annual_returns import YearCompared
from domain.units import format_value
from ui.html import STYLE, table

HEADERS = ["Measure", "From the return", "Published by the DfE", "Dashboard: March, or the 12 months", "Compared"]


def _shown(row: YearCompared, value) -> str:
    return escape(format_value(value, row.kpi.unit, row.kpi.decimals))


def comparison_table(compared: list[YearCompared], caption: str) -> str:
    rows = [
        [
            escape(f"{row.kpi.code} {row.kpi.title}"),
            _shown(row, row.from_return),
            _shown(row, row.published),
            _shown(row, row.monthly),
            escape(row.sentence()),
        ]
        for row in compared
    ]
    return STYLE + table(caption, HEADERS, rows, numeric={1, 2, 3}, widths=[28, 13, 13, 13, 33])
