"""A seeded generator of synthetic SSDA903 returns (the children looked after return's CSV tables) whose true measures
it knows, for tests and the benchmark. Every identifier, date and postcode is invented.

    made = generate(dt.date(2026, 3, 31), seed=1, children=400)   # Herefordshire-sized; 85_000 for England
    write_tables(made, folder)                                     # episodes.csv, uasc.csv, oc3.csv, header.csv
    made.truth["CIC01"]                                            # children looked after at 31 March

The truth is worked out here, in Python, from the episodes as generated, independently of the SQL definitions in
data/annual_return_kpis.toml that the tests check against it. The edge cases are built in: episodes ending on 31
March (not looked after at 31 March) or starting on 1 April, changes of legal status only (RNE L, not a new
placement), children starting twice in a year, care that ended before the year, UASC status ended before or after
31 March, and care leavers aged 17 to 22.
"""

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
OTHER_PLACES = ("K2", "R1", "P1", "H5", "S1", "A4")
PROVIDERS = ("PR1", "PR1", "PR4", "PR2", "PR0")
NEW_PLACEMENT = ("P", "B", "T", "U")
ACTIVITIES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0")
ACCOMMODATION = ("B1", "C1", "D1", "E1", "G1", "H1", "K1", "R1", "B2", "C2", "E2", "0")
CONTACT = ("YES", "YES", "YES", "NO", "REFU", "NREQ")
EPISODE_HEADINGS = [
    *("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"),
    *("HOME_POST", "PL_POST", "URN"),
]


@dataclass
class Episode:
    child: str
    decom: dt.date
    rne: str
    ls: str
    place: str
    provider: str
    dec: dt.date | None
    postcode: str  # the placement's postcode: in the file, never read


@dataclass
class SyntheticSSDA903:
    year_end: dt.date
    episodes: list[Episode]
    uasc: list[tuple[str, dt.date, dt.date | None]]  # child, date of birth, date ceased to be UASC
    care_leavers: list[tuple[str, dt.date, str, str, str]]  # child, date of birth, in touch, activity, accommodation
    births: dict[str, dt.date]
    truth: dict = field(default_factory=dict)  # KPI code -> count, or (numerator, denominator); None: population


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def generate(year_end: dt.date, seed: int = 1, children: int = 400) -> SyntheticSSDA903:
    """A return for the year ending `year_end` (31 March) with about `children` looked after at 31 March."""
    rng = random.Random(seed)  # noqa: S311 (invented test data, not security)
    start = dt.date(year_end.year - 1, 4, 1)
    episodes, births = [], {}
    for number in range(int(children * 1.67)):  # some leave care during the year, or left before it
        child = f"{seed % 100:02d}{number:07d}"
        care_start = _day(rng, start - dt.timedelta(days=6 * 365), year_end)
        births[child] = _day(rng, care_start - dt.timedelta(days=17 * 365), care_start - dt.timedelta(days=30))
        episodes += _periods_of_care(rng, child, care_start, start, year_end)
    _edge_cases(rng, episodes, births, start, year_end, seed)
    kept = [e for e in episodes if e.decom <= year_end and (e.dec is None or e.dec >= start - dt.timedelta(days=400))]
    looked_after = {e.child for e in kept if e.decom <= year_end and (e.dec is None or e.dec > year_end)}
    uasc = []
    for child in sorted({e.child for e in kept}):
        if rng.random() < 0.07:
            ceased = rng.choice([None, _day(rng, start, year_end + dt.timedelta(days=200))])
            uasc.append((child, births[child], ceased))
    leavers = []
    for number in range(int(children * 0.55)):
        age = rng.choice([17, 18, 19, 19, 20, 20, 21, 21, 22])
        birthday = _day(rng, start, year_end)
        birth = dt.date(birthday.year - age, birthday.month, min(birthday.day, 28))
        leavers.append(
            (
                f"L{seed % 100:02d}{number:06d}",
                birth,
                rng.choice(CONTACT),
                rng.choice(ACTIVITIES),
                rng.choice(ACCOMMODATION),
            )
        )
    made = SyntheticSSDA903(year_end, kept, uasc, leavers, births)
    made.truth = _truth(made, start, looked_after)
    return made


def _periods_of_care(rng, child, care_start, year_start, year_end) -> list[Episode]:
    """Episodes from `care_start`: new placements (P, B, T, U) and changes of legal status only (L), until the child
    leaves care (sometimes to come back: a new start, S) or the year ends with the last episode open."""
    found, day, reason = [], care_start, "S"
    place, provider = rng.choice(FOSTER * 3 + OTHER_PLACES), rng.choice(PROVIDERS)
    while True:
        episode = Episode(child, day, reason, rng.choice(["C2", "J2", "V2", "E1"]), place, provider, None, _code(rng))
        found.append(episode)
        end = day + dt.timedelta(days=rng.choice([20, 60, 120, 200, 400, 700, 1200]))
        if end > year_end:
            return found  # open at 31 March: how it ends is not known yet
        episode.dec = end
        if rng.random() < 0.2:  # leaves care
            day = end + dt.timedelta(days=rng.randint(10, 30))
            if rng.random() > 0.15 or day > year_end:
                return found
            reason = "S"  # comes back
        else:
            day, reason = end, rng.choice((*NEW_PLACEMENT, "L", "L"))
        if reason != "L":
            place, provider = rng.choice(FOSTER * 2 + OTHER_PLACES), rng.choice(PROVIDERS)


def _edge_cases(rng, episodes, births, start, year_end, seed) -> None:
    def add(child, *spans):
        births[child] = dt.date(year_end.year - 10, 6, 1)
        for decom, rne, place, provider, dec in spans:
            episodes.append(Episode(child, decom, rne, "C2", place, provider, dec, _code(rng)))

    tag = f"E{seed % 100:02d}"
    add(f"{tag}01", (start, "S", "U1", "PR1", year_end))  # started 1 April, ended 31 March: not looked after then
    add(f"{tag}02", (year_end, "S", "U4", "PR4", None))  # started on 31 March: looked after then
    add(  # three placements in the year, one more status change
        f"{tag}03",
        (start - dt.timedelta(days=90), "S", "U1", "PR1", start + dt.timedelta(days=30)),
        (start + dt.timedelta(days=30), "P", "U4", "PR4", start + dt.timedelta(days=100)),
        (start + dt.timedelta(days=100), "L", "U4", "PR4", start + dt.timedelta(days=200)),
        (start + dt.timedelta(days=200), "P", "K2", "PR2", None),
    )
    add(  # left and came back: two starts, counted once
        f"{tag}04",
        (start + dt.timedelta(days=10), "S", "U2", "PR1", start + dt.timedelta(days=50)),
        (start + dt.timedelta(days=80), "S", "U2", "PR1", None),
    )
    add(f"{tag}05", (start - dt.timedelta(days=900), "S", "U1", "PR1", start - dt.timedelta(days=10)))  # left before


def _code(rng) -> str:
    return f"HR{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}"


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _truth(made: SyntheticSSDA903, start: dt.date, looked_after: set[str]) -> dict:
    end = made.year_end
    open_at_end = [e for e in made.episodes if e.decom <= end and (e.dec is None or e.dec > end)]
    fostered = {e.child: e for e in open_at_end if e.place in FOSTER}
    in_year: dict[str, list[Episode]] = {}
    for e in made.episodes:
        if e.decom <= end and (e.dec is None or e.dec >= start):
            in_year.setdefault(e.child, []).append(e)
    placements = {}
    for child in looked_after:
        mine = in_year[child]
        before = 1 if any(e.decom < start for e in mine) else 0
        placements[child] = before + sum(1 for e in mine if e.decom >= start and e.rne != "L")
    uasc_now = {c for c, _, ceased in made.uasc if ceased is None or ceased > end}
    cohort = [leaver for leaver in made.care_leavers if 19 <= _age(leaver[1], end) <= 21]
    return {
        "CIC01": len(looked_after),
        "CIC02": (len(looked_after), None),  # None: the population the test gives
        "CIC03": len({e.child for e in made.episodes if e.rne == "S" and start <= e.decom <= end}),
        "CIC04": len(looked_after & uasc_now),
        "CIC05": (sum(1 for n in placements.values() if n >= 3), len(looked_after)),
        "FOS01": len(fostered),
        "FOS04": (sum(1 for e in fostered.values() if e.provider == "PR1"), len(fostered)),
        "FOS05": sum(1 for e in fostered.values() if e.provider == "PR4"),
        "CL01": (sum(1 for c in cohort if c[3] in ("G4", "G5", "G6")), len(cohort)),
        "CL02": (sum(1 for c in cohort if c[4].endswith("1")), len(cohort)),
    }


def _date(day: dt.date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def tables(made: SyntheticSSDA903) -> dict[str, list[list[str]]]:
    """The return's tables as a case-management system writes them: the DfE's headings, dd/mm/yyyy dates, the columns
    the measures do not read (postcodes, URNs) included."""
    return {
        "header.csv": [["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]]
        + [[c, "1", _date(b), "WBRI", f"A{c}", "", ""] for c, b in sorted(made.births.items())],
        "episodes.csv": [EPISODE_HEADINGS]
        + [
            [
                e.child,
                _date(e.decom),
                e.rne,
                e.ls,
                "N1",
                e.place,
                e.provider,
                _date(e.dec),
                "X1" if e.dec else "",
                "",
                e.postcode,
                e.postcode,
                "SC123456",
            ]
            for e in made.episodes
        ],
        "uasc.csv": [["CHILD", "SEX", "DOB", "DUC"]] + [[c, "1", _date(b), _date(d)] for c, b, d in made.uasc],
        "oc3.csv": [["CHILD", "SEX", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]]
        + [[c, "2", _date(b), t, a, m] for c, b, t, a, m in made.care_leavers],
    }


def write_tables(made: SyntheticSSDA903, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, rows in tables(made).items():
        path = folder / name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        written[name] = path
    return written
