"""Text that is safe to open in a spreadsheet: no formula injection (OWASP's CSV injection advice)."""

import numbers

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    if isinstance(value, numbers.Number):
        return value
    return value
