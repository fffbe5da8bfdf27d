"""Workbooks built part by part, as Excel writes them, for the reader's tests and the hostile-workbook benchmark:
shared strings, a stylesheet with custom number formats, absolute and relative part targets, and a way to rewrite
one part (to make a workbook hostile: a far cell, a huge shared-text table, a truncated sheet)."""

import zipfile
from collections.abc import Callable

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELATIONS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def excel_style_workbook(path, mac_calendar=False, sheet_xml=None):
    """Parts as Excel writes them: shared strings, a stylesheet with custom formats, absolute and relative targets."""
    calendar = ' date1904="1"' if mac_calendar else ""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>'
            f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{SHEET_TYPE}"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{TYPE}officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f"<workbook {MAIN} {RELATIONS}><workbookPr{calendar}/><sheets>"
            '<sheet name="Cover" sheetId="1" r:id="rId1"/><sheet name="Child protection" sheetId="2" r:id="rId2"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{TYPE}worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{TYPE}worksheet" Target="/xl/worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{TYPE}styles" Target="styles.xml"/>'
            f'<Relationship Id="rId4" Type="{TYPE}sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<styleSheet {MAIN}><numFmts count="2"><numFmt numFmtId="164" formatCode="mmm\\-yy"/>'
            '<numFmt numFmtId="165" formatCode="#,##0.0"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="6">'
            '<xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/>'
            '<xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/>'
            '<xf numFmtId="27" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
        "xl/sharedStrings.xml": (
            f'<sst {MAIN} count="4" uniqueCount="4"><si><t>Month</t></si>'
            '<si><r><rPr><b/></rPr><t>Herefordshire </t></r><r><t xml:space="preserve">Council </t></r></si>'
            '<si><t>CP03</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>'
            "<si><t>n/a_x005F_x000D_</t></si></sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            f"<worksheet {MAIN}><sheetData>"
            '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>46296</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" s="2"><v>0.235</v></c></row>'
            '<row><c><v>12</v></c><c s="3"><v>1234.5</v></c><c t="b"><v>1</v></c></row>'
            '<row r="6"><c r="A6" t="e"><v>#N/A</v></c><c r="B6" t="str"><f>A1&amp;"x"</f><v>Monthx</v></c>'
            '<c r="D6" s="4"><v>45200</v></c><c r="E6" s="5"><v>7</v></c><c r="F6" t="inlineStr"><is><t>typed</t>'
            '</is></c><c r="G6" t="d"><v>2026-10-01T00:00:00</v></c><c r="H6" s="2"/></row>'
            '</sheetData><mergeCells count="1"><mergeCell ref="A8:J9"/></mergeCells></worksheet>'
        ),
        "xl/worksheets/sheet2.xml": sheet_xml
        or (
            f'<worksheet {MAIN}><sheetData><row r="2"><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c>'
            "</row></sheetData></worksheet>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def replace_part(path, name: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part (file) inside a workbook's zip with `change`, keeping the others as they are."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def sheet_of(rows: str) -> str:
    """A worksheet part holding `rows` (row elements) and nothing else."""
    return f"<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>"


def far_cell_sheet(cell: str, value: bool) -> str:
    """A1 holding 1, and at `cell` either a figure (5) or only a format, as Excel leaves after formatting a column."""
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    far = f'<c r="{cell}"><v>5</v></c>' if value else f'<c r="{cell}" s="1"/>'
    return sheet_of(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{row}">{far}</row>')


def grid_sheet(size: int) -> str:
    """`size` rows by `size` columns, every cell a number (its row's number)."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, size + 1)]
    return sheet_of(
        "".join(
            f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>{r}</v></c>' for x in letters) + "</row>"
            for r in range(1, size + 1)
        )
    )


def with_shared_text(path, entries: int):
    """Replace the workbook's shared text with `entries` distinct entries that no cell uses."""
    text = "".join(f"<si><t>text number {n}</t></si>" for n in range(entries))
    replace_part(path, "xl/sharedStrings.xml", lambda _: f"<sst {MAIN}>{text}</sst>".encode())
    return path
