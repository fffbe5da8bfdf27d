"""Spotting personal data in free text, so that impact statements never carry identifying details.

It looks for what can be recognised by pattern: dates (such as a date of birth), phone numbers, e-mail addresses and
UK postcodes. Names cannot be recognised reliably; the template asks for none, and statements are read by the
performance team before upload.
"""

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
PATTERNS = {
    "an e-mail address": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "a phone number": re.compile(r"(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b"),
    "a postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "a date": re.compile(
        rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\b|"
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
        re.IGNORECASE,
    ),
}


CONTACT_DETAILS = ("an e-mail address", "a phone number")


def personal_data_in(text: str, kinds: tuple[str, ...] = tuple(PATTERNS)) -> list[str]:
    """What kinds of personal data the text seems to contain, e.g. ['a phone number']; empty if none.

    `kinds` limits the search, e.g. to CONTACT_DETAILS for action updates, where dates are expected."""
    return [kind for kind in kinds if PATTERNS[kind].search(text)]
