"""Writes a monthly return workbook in the layout of loaders.return_layout, from the KPI catalogue."""

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.catalogue import Catalogue
from domain.months import month_label
from domain.units import UNITS
from loaders.return_layout import (
    COLUMN_INDEX,
    COVER_FIELDS,
    COVER_LABELS,
    COVER_SHEET,
    HEADER_ROW,
    TOPIC_MONTH_CELL,
)

COLUMN_WIDTHS = {"Code": 9, "KPI": 60, "Unit": 22, "Value": 10, "Numerator": 12, "Denominator": 13, "Commentary": 50}
CALCULATED_FILL = PatternFill("solid", fgColor="DDDDDD")
# Fixed document times keep generated files byte-stable, so regenerating unchanged data changes nothing in git.
FIXED_TIME = dt.datetime(2020, 1, 1)


@dataclass
class Figure:
    """One KPI's entry on a return: either a value, or a numerator and denominator."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    commentary: str | None = None


def write_return(
    path: Path,
    catalogue: Catalogue,
    month: dt.date,
    figures: dict[str, Figure],
    council: str = "Herefordshire Council",
    prepared_by: str = "Performance team",
) -> None:
    workbook = Workbook()
    cover = workbook.active
    cover.title = COVER_SHEET
    cover["A1"] = "Children's services monthly performance return"
    cover["A1"].font = Font(bold=True, size=14)
    values = {"council": council, "month": month, "prepared_by": prepared_by}
    for field, cell in COVER_FIELDS.items():
        cover[cell.replace("B", "A")] = COVER_LABELS[field]
        cover[cell] = values[field]
    cover[COVER_FIELDS["month"]].number_format = "mmmm yyyy"
    cover.column_dimensions["A"].width = 16
    cover.column_dimensions["B"].width = 28

    for topic, title in catalogue.topics.items():
        sheet = workbook.create_sheet(title)
        sheet["A1"] = f"{title}: {month_label(month)}"
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = "Month"
        sheet[TOPIC_MONTH_CELL] = month
        sheet[TOPIC_MONTH_CELL].number_format = "mmmm yyyy"
        for name, column in COLUMN_INDEX.items():
            sheet.cell(HEADER_ROW, column, name).font = Font(bold=True)
        for row, kpi in enumerate(catalogue.in_topic(topic), start=HEADER_ROW + 1):
            figure = figures.get(kpi.code, Figure())
            sheet.cell(row, COLUMN_INDEX["Code"], kpi.code)
            sheet.cell(row, COLUMN_INDEX["KPI"], kpi.title)
            sheet.cell(row, COLUMN_INDEX["Unit"], UNITS[kpi.unit].label)
            if kpi.is_ratio:
                sheet.cell(row, COLUMN_INDEX["Value"]).fill = CALCULATED_FILL
                sheet.cell(row, COLUMN_INDEX["Numerator"], figure.numerator)
                sheet.cell(row, COLUMN_INDEX["Denominator"], figure.denominator)
            else:
                sheet.cell(row, COLUMN_INDEX["Value"], figure.value)
                for name in ("Numerator", "Denominator"):
                    sheet.cell(row, COLUMN_INDEX[name]).fill = CALCULATED_FILL
            sheet.cell(row, COLUMN_INDEX["Commentary"], figure.commentary)
        for name, column in COLUMN_INDEX.items():
            sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTHS[name]

    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = prepared_by
    workbook.save(path)
    _fix_zip_times(Path(path))


def _fix_zip_times(path: Path) -> None:
    """Give every part of the .xlsx (a zip file) and its 'modified' property a fixed time, so identical content
    gives identical bytes (openpyxl stamps the save time)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts = [
        (name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data) if name == "docProps/core.xml" else data)
        for name, data in parts
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
