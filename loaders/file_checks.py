"""Checks an uploaded file is a plain Excel workbook before anything parses it.

Refused, with a clear message: files over the size limit; old .xls, binary .xlsb and macro-enabled .xlsm
workbooks; encrypted (password-protected) workbooks; corrupt files and other files renamed to .xlsx; zip bombs (judged
from the sizes the zip declares, before anything is unpacked); XML with document type declarations or entities
(the "billion laughs" attack). The reader (loaders.xlsx_cells) parses through defusedxml with document types
forbidden, as a second line of defence that no encoding can get round, and refuses formulas that have no saved
result (read_workbook), wherever the XML puts them.
"""

import zipfile
from pathlib import Path

from loaders.opc import CONTENT_TYPES, MAX_PART_BYTES, DamagedPackage, Package
from loaders.problems import Problem
from loaders.upload_source import Source, name_of, opened, size_of

MAX_FILE_BYTES = 20_000_000  # 20 MB, as the rule's message says; .streamlit/config.toml's maxUploadSize matches
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_RATIO = 200  # unpacked size / packed size for any one part over 1 MB
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # old .xls files and encrypted workbooks
ZIP_SIGNATURE = b"PK\x03\x04"


def _refused(rule: str, message: str) -> list[Problem]:
    return [Problem(rule, message)]


def check_file(source: Source, file_name: str | None = None) -> list[Problem]:
    """Problems that mean the file must not be parsed at all; an empty list means it is safe to open."""
    file_name = name_of(source, file_name)
    suffix = Path(file_name).suffix.lower()
    size = size_of(source)
    if size > MAX_FILE_BYTES:
        return _refused(
            "FILE_TOO_LARGE", f"the file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB"
        )
    if size == 0:
        return _refused("FILE_EMPTY", "the file is empty")
    with opened(source) as handle:
        head = handle.read(8)
        ole_body = handle.read() if head == OLE_SIGNATURE else b""
    if head == OLE_SIGNATURE:
        if "EncryptedPackage".encode("utf-16-le") in ole_body:
            return _refused("FILE_ENCRYPTED", "the workbook is password-protected; save a copy without a password")
        return _refused(
            "FILE_OLD_FORMAT", "this is an old-style Excel file (.xls); save it as an Excel Workbook (.xlsx)"
        )
    if suffix == ".xls":
        return _refused("FILE_OLD_FORMAT", "the file is named .xls; save it as an Excel Workbook (.xlsx)")
    if not head.startswith(ZIP_SIGNATURE):
        return _refused("FILE_NOT_EXCEL", "this is not an Excel workbook (.xlsx), whatever its name says")
    try:
        with opened(source) as handle, zipfile.ZipFile(handle) as archive:
            return _check_archive(archive, suffix)
    except zipfile.BadZipFile:
        return _refused("FILE_CORRUPT", "the workbook is damaged and cannot be opened; save it again from Excel")


def _check_archive(archive: zipfile.ZipFile, suffix: str) -> list[Problem]:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        return _refused("FILE_ZIP_BOMB", f"the workbook has {len(entries)} parts; a monthly return has far fewer")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        return _refused("FILE_ZIP_BOMB", f"the workbook would unpack to {unpacked / 1e6:.0f} MB; too large to open")
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            return _refused("FILE_ZIP_BOMB", f"part {entry.filename} is compressed suspiciously well; not opened")
    for entry in entries:
        if entry.file_size > MAX_PART_BYTES and entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            return _refused(
                "WORKBOOK_TOO_LARGE",
                f"part {entry.filename} would unpack to {entry.file_size / 1e6:.0f} MB; a return's parts are far "
                f"smaller (the limit is {MAX_PART_BYTES / 1e6:.0f} MB). Delete the rows and columns beyond the "
                "figures and save again",
            )
    try:
        for entry in entries:
            if entry.filename.lower().endswith((".xml", ".rels", ".vml")):
                data = archive.read(entry)
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    return _refused("FILE_XML_ENTITIES", f"part {entry.filename} declares XML entities; not opened")
        package = Package(archive)
        main = package.main_part()
    except DamagedPackage as damaged:
        return _refused("FILE_CORRUPT", f"{damaged}; save the workbook again from Excel")
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError) as error:
        return _refused("FILE_CORRUPT", f"the workbook is damaged ({error}); save it again from Excel")
    keys = set(package.parts)
    if suffix == ".xlsb" or (main or "").endswith(".bin") or any(k.endswith("/workbook.bin") for k in keys):
        return _refused("FILE_BINARY_FORMAT", "this is a binary workbook (.xlsb); save it as an Excel Workbook (.xlsx)")
    if suffix == ".xlsm" or any(k.endswith("vbaproject.bin") for k in keys):
        return _refused("FILE_MACROS", "the workbook contains macros (.xlsm); save it as an Excel Workbook (.xlsx)")
    if not package.has(CONTENT_TYPES) or main is None:
        return _refused("FILE_NOT_EXCEL", "this zip file is not an Excel workbook")
    return []
