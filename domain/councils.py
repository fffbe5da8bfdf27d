"""The councils of England that run children's services, and which one this dashboard is for.

`data/councils.csv` lists them (DfE's old LA code, the ONS code, DfE's name, region), written by
`python -m tools.published` from DfE's published statistics (Open Government Licence v3.0). The dashboard's own
council is `council_code` in data/published_measures.toml (`config.Settings.home_council`): the council its
published comparisons, events and committee packs belong to. Every submission records the council whose figures it
holds, so one database can hold a consortium's or the whole country's returns; every query reads one council.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from config import current, modified_time

# Words that differ between how DfE names a council and how councils name themselves on a cover sheet.
_NOISE = {"council", "county", "of", "the", "city", "borough", "metropolitan", "district", "royal", "and"}


@dataclass(frozen=True)
class Council:
    code: str  # DfE's old LA code, e.g. '884'
    name: str  # as DfE names it, e.g. 'Herefordshire, County of'
    ons_code: str  # e.g. 'E06000019'
    region: str

    @property
    def short_name(self) -> str:
        """'Herefordshire, County of' -> 'Herefordshire'; 'Bristol, City of' -> 'Bristol'."""
        return self.name.split(",")[0]


def name_key(text: str) -> str:
    """A council's name reduced to the words that identify it: 'Herefordshire Council' and 'Herefordshire, County
    of' both give 'herefordshire'."""
    words = re.sub(r"[^a-z ]", " ", str(text).lower()).split()
    return " ".join(word for word in words if word not in _NOISE)


class Councils:
    def __init__(self, councils: list[Council]):
        self.by_code = {c.code: c for c in councils}
        self._by_key = {}
        for council in councils:
            for key in (council.code, council.ons_code.lower(), name_key(council.name)):
                self._by_key[key] = council

    def __iter__(self):
        return iter(self.by_code.values())

    def __len__(self) -> int:
        return len(self.by_code)

    def find(self, text: object) -> Council | None:
        """The council a cover sheet names: by DfE's LA code (884), ONS code (E06000019) or name, in any case,
        with or without 'Council', 'County of', 'City of'."""
        text = str(text).strip()
        if text.endswith(".0") and text[:-2].isdigit():  # a code typed as a number
            text = text[:-2]
        return self._by_key.get(text.lower()) or self._by_key.get(name_key(text))

    def label(self, code: str) -> str:
        council = self.by_code.get(code)
        return council.short_name if council else code


def load_councils(path: Path) -> Councils:
    with open(path, newline="", encoding="utf-8") as handle:
        return Councils(
            [
                Council(r["old_la_code"], r["la_name"], r["new_la_code"], r["region_name"])
                for r in csv.DictReader(handle)
            ]
        )


@cache
def _councils(path: str, mtime: float) -> Councils:
    return load_councils(Path(path))


def councils() -> Councils:
    path = current().councils_file
    return _councils(str(path), modified_time(path))
