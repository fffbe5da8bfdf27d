"""Downloads that are safe to open in a spreadsheet."""

import io
import numbers

import pandas as pd

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    if isinstance(value, numbers.Number):
        return value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with a byte-order mark, so Excel reads accents correctly) with formula injection neutralised."""
    cleaned = frame.map(neutralise)
    cleaned.columns = [neutralise(str(c)) for c in cleaned.columns]
    buffer = io.StringIO()
    cleaned.to_csv(buffer, index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
