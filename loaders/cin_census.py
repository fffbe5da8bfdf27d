"""The children in need census: read the DfE's XML in memory and check it, for the year's measures
(domain.annual_returns).

The census is one XML file: a header (the collection's reference date, 31 March, and the council's LA code) and one
<Child> per child, each with its CIN episodes (<CINdetails>: referral, assessments, section 47 enquiries, child
protection plans). It is read a child at a time and each child's element dropped once read, so memory stays bounded
whatever the file's size. Only the dates, counts and flags the measures need are kept; names, UPNs, dates of birth,
ethnicity and disabilities are never kept. A file that declares a DOCTYPE or entities is refused unread (the census
never needs them; they are how an XML bomb works). A problem names the child and episode by position, never by
identifier.

A large council's census can be over the upload box's 20 MB, so the file may also come zipped (.zip holding the one
XML file, or .gz): it is unzipped in memory, a piece at a time, and refused as soon as it would pass MAX_FILE_BYTES,
so a small file that unzips to something huge (a zip bomb) costs nothing. XML compresses about tenfold.

    parsed = read_cin_census(data, "cin_2026.xml")
"""

import datetime as dt
import gzip
import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

import pandas as pd

from loaders.problems import CappedProblems, Problem

MAX_FILE_BYTES = 500 * 1024 * 1024  # England's largest councils' census files are tens of MB
CHUNK = 1024 * 1024


class _TooLarge(Exception):
    pass


def _read_capped(stream) -> bytes:
    """All of a decompressing stream, read a piece at a time: the size an archive declares may be false."""
    out, size = [], 0
    while piece := stream.read(CHUNK):
        size += len(piece)
        if size > MAX_FILE_BYTES:
            raise _TooLarge
        out.append(piece)
    return b"".join(out)


def _unzipped(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) != 1 or not members[0].filename.lower().endswith(".xml"):
            raise zipfile.BadZipFile(f"it holds {len(members)} files; a zipped census holds the one XML file")
        with archive.open(members[0]) as member:
            return _read_capped(member)


def unpacked(data: bytes, file_name: str, problems: CappedProblems) -> bytes | None:
    """The census XML itself: `data` as it is, or unzipped (a .zip of the one XML file, or .gz); None, with the
    problem noted, if it cannot be unzipped or would unzip to more than MAX_FILE_BYTES."""
    try:
        if data[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as member:
                return _read_capped(member)
        if data[:4] == b"PK\x03\x04":
            return _unzipped(data)
    except _TooLarge:
        problems.add("CIN_FILE_TOO_LARGE", f"it unzips to over {MAX_FILE_BYTES // 2**20} MB", file_name)
        return None
    except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as error:
        problems.add("CIN_ARCHIVE_INVALID", f"the zipped file cannot be unzipped ({error})", file_name)
        return None
    return data


class _Stop(Exception):
    pass


def _declares_entities(data: bytes) -> bool:
    """Whether the file declares a DOCTYPE or an entity: expat reads only its prolog (whatever its encoding) and
    stops at the first element, before anything could be expanded."""
    parser, found = expat.ParserCreate(), []

    def declared(*_):
        found.append(True)
        raise _Stop

    def element(*_):
        raise _Stop

    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = declared
    parser.StartElementHandler = element
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError:
        pass  # not well formed: the reading below says so
    return bool(found)


@dataclass
class ParsedCin:
    file_name: str
    tables: dict[str, pd.DataFrame]  # in memory only: referrals, assessments, section47, cp_plans
    row_counts: dict[str, int]
    year_end: dt.date | None  # the collection's reference date (31 March)
    council: str | None  # the LA code in the header
    children: int
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _children_named(element, name: str):
    return [child for child in element if _local(child.tag) == name]


class _Reader:
    def __init__(self, file_name: str, problems: CappedProblems):
        self.file_name, self.problems = file_name, problems
        self.rows = {"referrals": [], "assessments": [], "section47": [], "cp_plans": []}

    def date(self, element, name: str, where: str) -> dt.date | None:
        text = _child_text(element, name)
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            self.problems.add("CIN_DATE_INVALID", f"{where}: {name} is not a date (yyyy-mm-dd)", self.file_name, where)
            return None

    def span(self, element, where: str, start_name: str, end_name: str) -> tuple[dt.date | None, dt.date | None]:
        """Two dates of an element, checked one by one and in order."""
        start, end = self.date(element, start_name, where), self.date(element, end_name, where)
        if start is not None and end is not None and end < start:
            self.problems.add(
                "CIN_END_BEFORE_START", f"{where}: {end_name} is before {start_name}", self.file_name, where
            )
        return start, end

    def child(self, element, number: int) -> None:
        identifiers = next(iter(_children_named(element, "ChildIdentifiers")), None)
        child_id = "" if identifiers is None else _child_text(identifiers, "LAchildID")
        if not child_id:
            self.problems.add("CIN_ID_MISSING", f"child {number}: no LAchildID", self.file_name, f"child {number}")
            return
        for episode, details in enumerate(_children_named(element, "CINdetails"), start=1):
            self.episode(child_id, details, f"child {number}, CIN episode {episode}")

    def episode(self, child_id: str, details, where: str) -> None:
        referral, closure = self.span(details, where, "CINreferralDate", "CINclosureDate")
        key = len(self.rows["referrals"])
        nfa = _child_text(details, "ReferralNFA").lower() in ("true", "1")
        self.rows["referrals"].append((child_id, key, referral, closure, nfa))
        for n, item in enumerate(_children_named(details, "Assessments"), start=1):
            here = f"{where}, assessment {n}"
            start, authorised = self.span(item, here, "AssessmentActualStartDate", "AssessmentAuthorisationDate")
            self.rows["assessments"].append((child_id, key, start, authorised))
        for n, item in enumerate(_children_named(details, "Section47"), start=1):
            here = f"{where}, section 47 enquiry {n}"
            start, icpc = self.span(item, here, "S47ActualStartDate", "DateOfInitialCPC")
            not_required = _child_text(item, "ICPCnotRequired").lower() in ("true", "1")
            self.rows["section47"].append((child_id, key, start, icpc, not_required))
        for n, item in enumerate(_children_named(details, "ChildProtectionPlans"), start=1):
            here = f"{where}, child protection plan {n}"
            start, end = self.span(item, here, "CPPstartDate", "CPPendDate")
            previous = _child_text(item, "NumberOfPreviousCPP")
            if previous and not previous.isdigit():
                self.problems.add(
                    "CIN_NUMBER_INVALID", f"{here}: NumberOfPreviousCPP is not a whole number", self.file_name, here
                )
            self.rows["cp_plans"].append((child_id, key, start, end, int(previous) if previous.isdigit() else None))

    def frames(self) -> dict[str, pd.DataFrame]:
        columns = {
            "referrals": ["child", "referral", "referral_date", "closure_date", "nfa"],
            "assessments": ["child", "referral", "assessment_start", "assessment_authorised"],
            "section47": ["child", "referral", "s47_start", "icpc_date", "icpc_not_required"],
            "cp_plans": ["child", "referral", "cp_start", "cp_end", "previous_plans"],
        }
        frames = {}
        for name, rows in self.rows.items():
            frame = pd.DataFrame(rows, columns=columns[name])
            for column in columns[name]:
                if column.endswith(("_date", "_start", "_end", "_authorised")):
                    frame[column] = pd.to_datetime(frame[column])
            if name == "cp_plans":
                frame["previous_plans"] = frame["previous_plans"].astype("Int64")
            frames[name] = frame
        return frames


def read_cin_census(data: bytes, file_name: str, year_end: dt.date | None = None) -> ParsedCin:
    """Read and check a census file. The year is `year_end`, or else the header's reference date."""
    problems = CappedProblems()
    empty = ParsedCin(file_name, {}, {}, year_end, None, 0, [])
    if len(data) > MAX_FILE_BYTES:
        problems.add("CIN_FILE_TOO_LARGE", f"over {MAX_FILE_BYTES // 2**20} MB", file_name)
        return _with(empty, problems)
    data = unpacked(data, file_name, problems)
    if data is None:
        return _with(empty, problems)
    if _declares_entities(data):
        problems.add("CIN_XML_ENTITIES", "the file declares a DOCTYPE or entities; it was not read", file_name)
        return _with(empty, problems)
    reader, header, children, holder = _Reader(file_name, problems), {}, 0, None
    try:
        # safe: _declares_entities refused any DOCTYPE or entity first, which is all defusedxml would add here
        events = ET.iterparse(io.BytesIO(data), events=("start", "end"))  # noqa: S314
        _, root = next(events)
        if _local(root.tag) != "Message":
            problems.add("CIN_NOT_CENSUS", "not a CIN census file (its first element is not <Message>)", file_name)
            return _with(empty, problems)
        for event, element in events:
            name = _local(element.tag)
            if event == "start" and name == "Children":
                holder = element
            elif event == "end" and name in ("ReferenceDate", "LEA", "Collection"):
                header[name] = (element.text or "").strip()
            elif event == "end" and name == "Child":
                children += 1
                reader.child(element, children)
                if holder is not None:
                    holder.clear()  # drop each child once read: memory stays bounded
    except ET.ParseError as error:
        problems.add("CIN_XML_INVALID", f"the XML is not well formed ({error})", file_name)
        return _with(empty, problems)
    if header.get("Collection", "CIN") != "CIN":
        problems.add("CIN_NOT_CENSUS", f"a {header['Collection']} collection, not the CIN census", file_name)
    if year_end is None and header.get("ReferenceDate"):
        try:
            year_end = dt.date.fromisoformat(header["ReferenceDate"][:10])
        except ValueError:
            problems.add("CIN_DATE_INVALID", "the header's ReferenceDate is not a date", file_name, "header")
    if children == 0:
        problems.add("CIN_NO_CHILDREN", "the file holds no <Child>", file_name)
    frames = reader.frames()
    parsed = ParsedCin(
        file_name, frames, {k: len(v) for k, v in frames.items()}, year_end, header.get("LEA"), children, []
    )
    return _with(parsed, problems)


def _with(parsed: ParsedCin, problems: CappedProblems) -> ParsedCin:
    parsed.problems = problems.finished()
    return parsed
