"""Reading what people actually type into spreadsheet cells: numbers, percentages, months and 'missing' markers."""

import datetime as dt
import re
from dataclasses import dataclass

# Text that means "no figure": stored as missing, never as zero.
MISSING_MARKERS = frozenset(
    {"n/a", "na", "n.a.", "-", "–", "—", "tbc", "tba", "tbc.", "not available", "not known", "unknown", "..", "x"}
)

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class CellNumber:
    """A number read from a cell. `error` says why a non-empty cell is not a number."""

    value: float | None = None
    missing: bool = False  # empty, or a marker such as 'n/a'
    typed_percent: bool = False  # the text carried a % sign, e.g. '23%'
    formatted_percent: bool = False  # an Excel number shown as a percentage: 0.23 shown as 23%
    error: str | None = None


def normalise_text(text) -> str:
    """Lower case, single spaces, plain dashes and quotes: for comparing titles and headings."""
    text = str(text).replace("\u00a0", " ").replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.split()).casefold()


def read_number(raw, number_format: str = "General") -> CellNumber:
    if raw is None:
        return CellNumber(missing=True)
    if isinstance(raw, bool):
        return CellNumber(error=f"'{raw}' is true/false, not a number")
    if isinstance(raw, (int, float)):
        return CellNumber(value=float(raw), formatted_percent="%" in (number_format or ""))
    if isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return CellNumber(error=f"'{raw}' is a date, not a number")
    text = str(raw).replace("\u00a0", " ").strip()
    if not text or normalise_text(text) in MISSING_MARKERS:
        return CellNumber(missing=True)
    cleaned = text.replace("−", "-").replace(" ", "")
    typed_percent = cleaned.endswith("%")
    if typed_percent:
        cleaned = cleaned[:-1]
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.match(cleaned):
        return CellNumber(error=f"'{text}' is not a number")
    return CellNumber(value=float(cleaned), typed_percent=typed_percent)


def read_month(raw) -> dt.date | None:
    """A month from an Excel date or from text such as 'Sep-23', 'September 2023', '2023-09' or '30/09/2023'."""
    if isinstance(raw, dt.datetime):
        return dt.date(raw.year, raw.month, 1)
    if isinstance(raw, dt.date):
        return dt.date(raw.year, raw.month, 1)
    if not isinstance(raw, str):
        return None
    text = normalise_text(raw).replace(".", "")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(-\d{1,2})?", text)
    if match:
        return _month(int(match[1]), int(match[2]))
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)  # UK day/month/year
    if match:
        return _month(_year(match[3]), int(match[2]))
    match = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if match:
        return _month(int(match[2]), int(match[1]))
    match = re.fullmatch(r"([a-z]+)[\s\-/']*(\d{2}|\d{4})", text)
    if match and match[1] in _MONTHS:
        return _month(_year(match[2]), _MONTHS[match[1]])
    return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _month(year: int, month: int) -> dt.date | None:
    return dt.date(year, month, 1) if 1 <= month <= 12 and 1900 <= year <= 2200 else None


def read_date(raw) -> dt.date | None:
    """A day from an Excel date or from text such as '31/03/2025', '2025-03-31' or '31 March 2025'. A month on its
    own ('March 2025', 'Mar-25') means the last day of that month, the usual reading of a due date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    text = normalise_text(raw).replace(".", "").replace(",", "")
    parts = None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        parts = int(match[1]), int(match[2]), int(match[3])
    match = match or re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)  # UK day/month/year
    if match and parts is None:
        parts = _year(match[3]), int(match[2]), int(match[1])
    match = match or re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)[\s\-]+(\d{2}|\d{4})", text)
    if match and parts is None and match[2] in _MONTHS:
        parts = _year(match[3]), _MONTHS[match[2]], int(match[1])
    if parts:
        try:
            return dt.date(*parts) if 1900 <= parts[0] <= 2200 else None
        except ValueError:
            return None
    month = read_month(raw)
    if month is None:
        return None
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
