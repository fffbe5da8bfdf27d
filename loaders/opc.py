"""An .xlsx file as the Open Packaging Conventions (ECMA-376 Part 2) define it: a zip of parts found through
relationships. Part names are matched as the standard says, without regard to letter case
(`xl/SharedStrings.xml` is `xl/sharedStrings.xml`), with `\\` read as `/` (some zip tools on Windows write it), and
the workbook part is the one the package's own relationships (`_rels/.rels`) name, wherever it is.

Used by the file checks (is this a workbook at all?) and by the reader (loaders.xlsx_cells)."""

import posixpath
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring

PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "[Content_Types].xml"
# The largest XML part either opens, unpacked: a return's largest sheet is well under 1 MB; 250,000 cells (the
# reader's limit for a sheet) take about 10 MB.
MAX_PART_BYTES = 16 * 1024 * 1024


class DamagedPackage(ValueError):
    """The zip is not a readable package (two parts with one name, relationships that cannot be read). Names the
    part."""

    def __init__(self, message: str, part: str | None = None):
        super().__init__(message)
        self.part = part


def part_key(name: str) -> str:
    """A part name as the standard compares them: '/' separators, no leading '/', '.' and '..' resolved, and
    letters in one case."""
    path = posixpath.normpath("/" + name.replace("\\", "/")).lstrip("/")
    return path.lower()


class Package:
    """The parts of an open zip, by their compared names."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive, self.parts = archive, {}
        for info in archive.infolist():
            if info.is_dir():
                continue
            key = part_key(info.filename)
            if key in self.parts:
                raise DamagedPackage(
                    f"the zip holds two parts named {info.filename} (letter case aside)",
                    info.filename,
                )
            self.parts[key] = info

    def has(self, name: str) -> bool:
        return part_key(name) in self.parts

    def info(self, name: str) -> zipfile.ZipInfo:
        return self.parts[part_key(name)]

    def read(self, name: str) -> bytes:
        return self.archive.read(self.info(name))

    def open(self, name: str):
        return self.archive.open(self.info(name))

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """The relationships of part `source` ('' for the package itself): id -> (type, the target's part key).
        External targets (web addresses) are left out; a missing relationships part means none."""
        folder, file = posixpath.split(part_key(source))
        rels = posixpath.join(folder, "_rels", f"{file}.rels")
        if not self.has(rels):
            return {}
        try:
            root = fromstring(self.read(rels), forbid_dtd=True)
        except ParseError as error:
            raise DamagedPackage(f"part {self.info(rels).filename} is damaged ({error})", rels) from error
        found = {}
        for relation in root.iterfind(f"{PACKAGE_RELATIONSHIPS}Relationship"):
            if relation.get("TargetMode", "Internal") == "External":
                continue
            target = relation.get("Target", "").replace("\\", "/")
            found[relation.get("Id")] = (
                relation.get("Type", ""),
                part_key(target if target.startswith("/") else posixpath.join(folder, target)),
            )
        return found

    def main_part(self) -> str | None:
        """The workbook part: the package relationships' office document, else `xl/workbook.xml` if present (as
        Excel itself falls back), else None (not a workbook)."""
        for kind, target in self.relationships("").values():
            if kind.endswith("/officeDocument") and target in self.parts:
                return target
        return "xl/workbook.xml" if self.has("xl/workbook.xml") else None
