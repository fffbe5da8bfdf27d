"""Spotting personal data in free text, so that impact statements, commentary and action updates never carry
identifying details.

It looks for what can be recognised by pattern: dates (such as a date of birth), phone numbers, e-mail addresses,
UK postcodes, and the numbers that identify a child in the records a performance officer copies from: the NHS number
(ten digits, never starting with 0, whose last is the check digit of the others by NHS Digital's modulus 11 rule)
and the unique pupil number (a letter and twelve characters, as the DfE issues them). Names cannot be recognised
reliably; the templates ask for none, and text is read by the performance team before upload.

It also finds small counts of children in words ("3 children", "two young people"), which commentary shown in the
public view must not give, since the public view hides those numbers in its figures.
"""

import re
from collections.abc import Callable

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
    "an NHS number": re.compile(r"(?<![\d,.])[1-9]\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d,.]\d)"),
    "a unique pupil number": re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b", re.IGNORECASE),
}


def _is_nhs_number(found: str) -> bool:
    """Whether ten digits pass the NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits; 11
    less the remainder of their sum by 11 is the tenth digit (11 counts as 0; 10 is never issued)."""
    digits = [int(d) for d in found if d.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return check != 10 and (check % 11) == digits[9]


_CHECKS: dict[str, Callable[[str], bool]] = {"an NHS number": _is_nhs_number}

CONTACT_DETAILS = ("an e-mail address", "a phone number")
IDENTIFYING_NUMBERS = ("an NHS number", "a unique pupil number")
CONTACTS_AND_IDENTIFIERS = CONTACT_DETAILS + IDENTIFYING_NUMBERS  # for commentary and action updates, which may
# name dates and places


def personal_data_in(text: str, kinds: tuple[str, ...] = tuple(PATTERNS)) -> list[str]:
    """What kinds of personal data the text seems to contain, e.g. ['a phone number']; empty if none.

    `kinds` limits the search, e.g. to CONTACTS_AND_IDENTIFIERS for action updates and commentary."""
    return [kind for kind in kinds if _contains(kind, text)]


def _contains(kind: str, text: str) -> bool:
    is_one = _CHECKS.get(kind, lambda found: True)  # a pattern with a check digit must pass it
    return any(is_one(match.group()) for match in PATTERNS[kind].finditer(text))


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_PEOPLE = (
    r"child(?:ren)?|young (?:people|person)|bab(?:y|ies)|infants?|famil(?:y|ies)|siblings?|boys?|girls?|"
    r"teenagers?|adolescents?|care leavers?|young carers?|pupils?|mothers?|fathers?|parents?"
)
_NOT_BETWEEN = r"(?:and|or|but|in|on|at|per|to|from|than|months?|weeks?|days?|years?|hours?|times?|points?|percent)"
_COUNT = rf"(?<![\d.,])(?<!\bin\s)(?<!\bof\s)\b(\d+|{'|'.join(_NUMBER_WORDS)})"  # not "1 in 4", "3 of 4"
_BETWEEN = rf"(?:(?!{_NOT_BETWEEN}\b)[a-z-]+\s+){{0,2}}?"  # up to two words: "3 more", "two unaccompanied"
_SMALL_COUNT = re.compile(rf"{_COUNT}\s+{_BETWEEN}({_PEOPLE})\b", re.IGNORECASE)


def small_counts_in(text: str, threshold: int) -> list[str]:
    """The phrases in the text that count from 1 to `threshold` children, young people or families ("3 children",
    "two unaccompanied young people"): the public view hides such counts (domain.suppression), so commentary shown
    there must not give them."""
    found = []
    for match in _SMALL_COUNT.finditer(text):
        number = match.group(1).lower()
        count = int(number) if number.isdigit() else _NUMBER_WORDS.index(number) + 1
        if 1 <= count <= threshold:
            found.append(match.group(0))
    return found
