"""Synthetic Annex A workbooks whose true KPI values are known, for tests and benchmarks.

The generator decides each child's story first (started 45 or 46 working days before authorisation; on a plan
for 2 years or more, or not; aged 15 or 16 at the month's end ...) and only then writes the dates that tell it, so it
knows every answer without running any definition. Working days are counted here day by day, from the shipped bank
holiday table, independently of domain.working_days. Every name, date and identifier is invented.

    made = generate(dt.date(2026, 10, 1), seed=1)      # Herefordshire-sized; scale=10 for a large council
    write_workbook(made, path)
    made.truth["FD05"]                                  # (numerator, denominator), or a count
"""

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from config.paths import DATA_DIR
from loaders.annex_a_layout import BY_NUMBER

FIRST_NAMES = ("Alex", "Sam", "Jordan", "Priya", "Tomasz", "Aisha", "Megan", "Oluwaseun", "Rhys", "Chen", "Lena", "Kai")
LAST_NAMES = ("Morgan", "Patel", "Nowak", "Okafor", "Hughes", "Wright", "Li", "Evans", "Shah", "Price", "Ward", "Khan")
TEAMS = (
    "Assessment Team 1",
    "Assessment Team 2",
    "Child Protection Team",
    "Children in Care Team",
    "Disabled Children",
)
FOSTER = (
    "a) U1: Foster placement - relatives - long term",
    "d) U4: Foster placement - other - long term",
    "f) U6: Foster placement - not FFA",
)
OTHER_PLACEMENTS = ("h) K2: Children's home", "k) P1: Placed with parents", "m) H5: Semi-independent living")
PROVIDERS = (
    "b) PR1 - Own provision",
    "c) PR2 - Other LA provision",
    "e) PR4 - Private provision",
    "f) PR5 - Voluntary/third sector provision",
)
ACTIVITIES_NEET = (
    "G4: Not in education, training or employment, owing to illness or disability",
    "G5: Not in education, training or employment, owing to other reasons",
    "G6: Not in education, training or employment, owing to pregnancy or parenting",
)
ACTIVITIES_EET = (
    "F1: Full time in higher education",
    "F2: Full time in education other than higher",
    "F3: Full time in training or employment",
    "P2: Part time in education other than higher",
)


def _holidays() -> frozenset[dt.date]:
    with open(DATA_DIR / "bank_holidays_england.csv", newline="", encoding="utf-8") as handle:
        return frozenset(dt.date.fromisoformat(row["date"]) for row in csv.DictReader(handle))


HOLIDAYS = _holidays()


def is_working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def count_working_days(start: dt.date, end: dt.date) -> int:
    """Working days after start up to and including end, counted one day at a time."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working(day)
    return count


def start_for(end: dt.date, working_days: int, rng: random.Random) -> dt.date:
    """The latest start from which `end` is exactly `working_days` working days on."""
    day = end
    while count_working_days(day, end) < working_days:
        day -= dt.timedelta(days=1)
    # step back over non-working days while the count holds (the start may be a weekend day)
    while count_working_days(day - dt.timedelta(days=1), end) == working_days and (end - day).days < 400:
        if rng.random() < 0.5:
            break
        day -= dt.timedelta(days=1)
    return day


def month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def months_before(day: dt.date, count: int) -> dt.date:
    """The same day `count` months earlier (the month's last day when it has no such day), as DuckDB's INTERVAL."""
    index = day.year * 12 + day.month - 1 - count
    year, month = divmod(index, 12)
    last = month_end(dt.date(year, month + 1, 1)).day
    return dt.date(year, month + 1, min(day.day, last))


@dataclass
class SyntheticAnnexA:
    month: dt.date
    rows: dict[int, list[dict]] = field(default_factory=dict)  # list number -> rows by field key
    truth: dict[str, object] = field(default_factory=dict)  # KPI code -> count, or (numerator, denominator)
    teams: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # team -> (cases, headcount, over 20)
    personal: dict[str, set] = field(default_factory=dict)  # what identifies anyone: never to reach the database


class _Maker:
    def __init__(self, month: dt.date, seed: int, scale: float):
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        self.month, self.end, self.scale = month, month_end(month), scale
        self.made = SyntheticAnnexA(month, {n: [] for n in range(1, 10)})
        self.next_id = 1_000_000 + seed * 100_000
        self.workers = [
            f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {n}" for n in range(int(60 * scale) + 10)
        ]

    def n(self, base: int) -> int:
        return max(1, round(base * self.scale * self.rng.uniform(0.9, 1.1)))

    def postcode(self) -> str:
        rng = self.rng
        return f"HR{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}"

    def child(self) -> str:
        self.next_id += self.rng.randint(1, 7)
        return f"C{self.next_id}"

    def day_in_month(self, month_start: dt.date | None = None) -> dt.date:
        start = month_start or self.month
        return start + dt.timedelta(days=self.rng.randrange((month_end(start) - start).days + 1))

    def birth_for_age(self, age: int) -> dt.date:
        """A date of birth making the child exactly `age` at the month's end."""
        anniversary = months_before(self.end, 12 * age)
        birth = anniversary - dt.timedelta(days=self.rng.randint(0, 360))
        return birth - dt.timedelta(days=1) if (birth.month, birth.day) == (2, 29) else birth  # no leap-day birthdays

    def earlier_day(self, before: dt.date, low: int, high: int) -> dt.date:
        return before - dt.timedelta(days=self.rng.randint(low, high))

    # --- the lists ---------------------------------------------------------------------------------------------
    def contacts(self) -> None:
        count = self.n(330)
        rows = [{"contact_date": self.day_in_month()} for _ in range(count)]
        for back in range(1, 6):  # the months before: not this month's contacts
            start = months_before(self.month, back)
            rows += [{"contact_date": self.day_in_month(start)} for _ in range(self.n(300))]
        for row in rows:
            row["child_id"] = self.child()
        self.made.rows[1] = rows
        self.made.truth["FD01"] = count

    def referrals(self) -> None:
        rows, re_referrals, count = [], 0, self.n(100)
        for i in range(count):
            child, day = self.child(), self.day_in_month()
            kind = self.rng.choice(("first", "first", "first", "earlier row", "column only", "too old"))
            if i == 0:
                kind = "earlier row"  # the list shows it; the column says 0
            previous = 1 if kind == "column only" else 0
            rows.append(
                {
                    "child_id": child,
                    "referral_date": day,
                    "previous_referrals": previous,
                    "referral_nfa": "b) No",
                    "team": self.rng.choice(TEAMS),
                    "worker": self.rng.choice(self.workers),
                }
            )
            if kind == "earlier row":
                rows.append(
                    {"child_id": child, "referral_date": self.earlier_day(day, 40, 330), "previous_referrals": 0}
                )
            elif kind == "too old":  # over 12 months before: not a re-referral
                rows.append(
                    {
                        "child_id": child,
                        "referral_date": months_before(day, 12) - dt.timedelta(days=self.rng.randint(1, 60)),
                        "previous_referrals": 0,
                    }
                )
            re_referrals += kind in ("earlier row", "column only")
        self.made.rows[3] = rows
        self.made.truth["FD02"] = count
        self.made.truth["FD03"] = (re_referrals, count)

    def assessments(self) -> None:
        rows, within, total_days, count = [], 0, 0, self.n(90)
        edges = [45, 46, 0, 45, 44, 46]
        for i in range(count):
            end = self.day_in_month()
            days = edges[i] if i < len(edges) else self.rng.choice((10, 20, 30, 35, 40, 44, 45, 48, 55, 70))
            start = start_for(end, days, self.rng)
            if count_working_days(start, end) != days:
                raise RuntimeError(f"no start {days} working days before {end}")
            rows.append(
                {
                    "child_id": self.child(),
                    "assessment_start": start,
                    "assessment_authorised": end,
                    "team": self.rng.choice(TEAMS),
                    "worker": self.rng.choice(self.workers),
                }
            )
            within += days <= 45
            total_days += days
        for _ in range(self.n(30)):  # still open, or authorised last month: not this month's
            end = self.day_in_month(months_before(self.month, 1))
            rows.append(
                {
                    "child_id": self.child(),
                    "assessment_start": start_for(end, 30, self.rng),
                    "assessment_authorised": self.rng.choice((end, None)),
                }
            )
        self.made.rows[4] = rows
        self.made.truth["FD05"] = (within, count)
        self.made.truth["FD06"] = (total_days, count)

    def enquiries(self) -> None:
        rows, within, count = [], 0, self.n(14)
        for i in range(count):
            icpc = self.day_in_month()
            days = (15, 16, 0)[i] if i < 3 else self.rng.choice((8, 12, 14, 15, 17, 20))
            rows.append({"child_id": self.child(), "s47_start": start_for(icpc, days, self.rng), "icpc_date": icpc})
            within += days <= 15
        for _ in range(self.n(20)):  # no conference (yet), or one last month
            start = self.day_in_month()
            rows.append({"child_id": self.child(), "s47_start": start, "icpc_date": None})
        self.made.rows[5] = rows
        self.made.truth["CP06"] = (within, count)

    def plans(self) -> list[str]:
        """List 7; returns the children on a plan at the month's end."""
        rows, open_children, long, started, repeats = [], [], 0, 0, 0
        for i in range(self.n(150)):
            child = self.child()
            kind = self.rng.choice(("recent", "recent", "middle", "long"))
            if i == 0:
                start = self.end  # started on the last day: on a plan at the month's end
            elif i == 1:
                start, kind = months_before(self.end, 24), "long"  # exactly 2 years: counts as 2 years or more
            elif kind == "recent":
                start = self.end - dt.timedelta(days=self.rng.randint(0, 360))
            elif kind == "middle":
                start = months_before(self.end, 24) + dt.timedelta(days=self.rng.randint(1, 360))
            else:
                start = months_before(self.end, 24) - dt.timedelta(days=self.rng.randint(1, 500))
            previous = self.rng.choice((0, 0, 0, 1, 2))
            rows.append(self._plan(child, start, None, previous, self.rng.randint(1, 17)))
            open_children.append(child)
            long += start <= months_before(self.end, 24)
            if start > months_before(self.end, 12):
                started += 1
                repeats += previous >= 1
        for i in range(self.n(40)):  # ended by the month's end (one on its last day): not on a plan
            start = self.end - dt.timedelta(days=self.rng.randint(60, 500))
            ended = self.end if i == 0 else start + dt.timedelta(days=self.rng.randint(10, (self.end - start).days))
            previous = self.rng.choice((0, 1))
            rows.append(self._plan(self.child(), start, ended, previous, self.rng.randint(1, 17)))
            if start > months_before(self.end, 12):
                started += 1
                repeats += previous >= 1
        self.made.rows[7] = rows
        self.made.truth["CP01"] = len(open_children)
        self.made.truth["CP02"] = (len(open_children), None)
        self.made.truth["CP03"] = (repeats, started)
        self.made.truth["CP04"] = (long, len(open_children))
        return open_children

    def _plan(self, child, start, ended, previous, age) -> dict:
        return {
            "child_id": child,
            "date_of_birth": self.birth_for_age(age),
            "cp_start": start,
            "cp_end": ended,
            "previous_plans": previous,
            "last_visit": self.end - dt.timedelta(days=self.rng.randint(0, 20)),
        }

    def looked_after(self) -> list[str]:
        rows, open_children = [], []
        t = dict.fromkeys(
            (
                "uasc",
                "three",
                "stable_num",
                "stable_den",
                "health_num",
                "dental_num",
                "twelve",
                "foster",
                "own",
                "ifa",
                "starts",
            ),
            0,
        )
        for i in range(self.n(400)):
            child = self.child()
            age = (16, 5, 15, 4)[i] if i < 4 else self.rng.randint(0, 17)
            length = (
                self.rng.choice(("recent", "middle", "long", "long"))
                if age >= 3
                else self.rng.choice(("recent", "middle"))
            )
            if length == "recent":
                start = self.end - dt.timedelta(days=self.rng.randint(0, 360))
            elif length == "middle":
                start = months_before(self.end, 30) + dt.timedelta(days=self.rng.randint(1, 500))
            else:
                start = months_before(self.end, 30) - dt.timedelta(days=self.rng.randint(0, 300))
            birth = self.birth_for_age(age)
            start = max(start, birth + dt.timedelta(days=1))
            length = (
                "recent"
                if start > months_before(self.end, 12)
                else ("middle" if start > months_before(self.end, 30) else "long")
            )
            stable = self.rng.random() < 0.6
            two_years = months_before(self.end, 24)
            if stable and start <= two_years:
                placement = start + dt.timedelta(days=self.rng.randint(0, (two_years - start).days))
            else:
                stable = False
                placement = max(start, two_years + dt.timedelta(days=1)) + dt.timedelta(days=self.rng.randint(0, 30))
                placement = min(placement, self.end)
            window = 6 if age < 5 else 12
            health_ok = self.rng.random() < 0.8
            health = (
                months_before(self.end, window) + dt.timedelta(days=self.rng.randint(1, 150))
                if health_ok
                else months_before(self.end, window) - dt.timedelta(days=self.rng.randint(0, 90))
            )
            dental_ok = self.rng.random() < 0.7
            dental = (
                months_before(self.end, 12) + dt.timedelta(days=self.rng.randint(1, 300))
                if dental_ok
                else months_before(self.end, 12) - dt.timedelta(days=self.rng.randint(0, 200))
            )
            uasc = self.rng.random() < 0.08 and age >= 14
            placements = self.rng.choice((1, 1, 1, 2, 2, 3, 4))
            foster = self.rng.random() < 0.7
            placement_type = self.rng.choice(FOSTER if foster else OTHER_PLACEMENTS)
            provider = self.rng.choice(PROVIDERS)
            rows.append(
                {
                    "child_id": child,
                    "date_of_birth": birth,
                    "uasc": "a) Yes" if uasc else "b) No",
                    "cla_start": start,
                    "cla_end": None,
                    "placements_12m": placements,
                    "placement_start": placement,
                    "placement_type": placement_type,
                    "placement_provider": provider,
                    "placement_postcode": self.postcode(),
                    "last_health_assessment": health,
                    "last_dental_check": dental,
                    "last_visit": self.end - dt.timedelta(days=self.rng.randint(0, 40)),
                }
            )
            open_children.append(child)
            t["uasc"] += uasc
            t["three"] += placements >= 3
            if age < 16 and length == "long":
                t["stable_den"] += 1
                t["stable_num"] += stable
            if length != "recent":
                t["twelve"] += 1
                t["health_num"] += health_ok
                t["dental_num"] += dental_ok
            if foster:
                t["foster"] += 1
                t["own"] += provider.startswith("b)")
                t["ifa"] += provider.startswith(("e)", "f)"))
            t["starts"] += self.month <= start <= self.end
        for _ in range(self.n(60)):  # ceased by the month's end; some started this month too
            start = self.end - dt.timedelta(days=self.rng.randint(0, 400))
            ended = start + dt.timedelta(days=self.rng.randint(0, (self.end - start).days))
            rows.append(
                {
                    "child_id": self.child(),
                    "date_of_birth": self.birth_for_age(self.rng.randint(0, 17)),
                    "uasc": "b) No",
                    "cla_start": start,
                    "cla_end": ended,
                    "placements_12m": 1,
                    "placement_start": start,
                    "placement_type": FOSTER[0],
                    "placement_provider": PROVIDERS[0],
                }
            )
            t["starts"] += self.month <= start <= self.end
        self.made.rows[8] = rows
        count = len(open_children)
        truth = self.made.truth
        truth["CIC01"], truth["CIC02"], truth["CIC03"], truth["CIC04"] = count, (count, None), t["starts"], t["uasc"]
        truth["CIC05"] = (t["three"], count)
        truth["CIC06"] = (t["stable_num"], t["stable_den"])
        truth["CIC07"] = (t["health_num"], t["twelve"])
        truth["CIC08"] = (t["dental_num"], t["twelve"])
        truth["FOS01"], truth["FOS04"], truth["FOS05"] = t["foster"], (t["own"], t["foster"]), t["ifa"]
        return open_children

    def care_leavers(self) -> None:
        rows, in_scope, neet, suitable = [], 0, 0, 0
        for i in range(self.n(250)):
            age = (19, 21, 22, 18)[i] if i < 4 else self.rng.randint(16, 24)
            in_touch = self.rng.random() < 0.9
            is_neet = self.rng.random() < 0.35
            is_suitable = self.rng.random() < 0.85
            rows.append(
                {
                    "child_id": self.child(),
                    "date_of_birth": self.birth_for_age(age),
                    "in_touch": "a) Yes" if in_touch else "b) No",
                    "activity": self.rng.choice(ACTIVITIES_NEET if is_neet else ACTIVITIES_EET),
                    "suitability": "a) Suitable" if is_suitable else "b) Unsuitable",
                    "team": "Care Leavers Team",
                    "worker": self.rng.choice(self.workers),
                }
            )
            if 19 <= age <= 21 and in_touch:
                in_scope += 1
                neet += is_neet
                suitable += is_suitable
        self.made.rows[9] = rows
        self.made.truth["CL01"] = (neet, in_scope)
        self.made.truth["CL02"] = (suitable, in_scope)

    def children_in_need(self, on_plans: list[str], looked_after: list[str]) -> None:
        """List 6 holds every child in need, including those on plans and looked after: the same child in several
        lists, with one allocated worker, counted once in that worker's caseload."""
        others = [self.child() for _ in range(self.n(500))]
        children = list(dict.fromkeys(on_plans + looked_after + others))
        self.rng.shuffle(children)
        loads, remaining = [20, 21], len(children) - 41
        while remaining > 0:
            load = min(remaining, self.rng.randint(8, 26))
            loads.append(load)
            remaining -= load
        worker_of, teams_of, position = {}, {}, 0
        for number, load in enumerate(loads):
            worker, team = self.workers[number % len(self.workers)] + f" ({number})", TEAMS[number % len(TEAMS)]
            teams_of[worker] = team
            for child in children[position : position + load]:
                worker_of[child] = worker
            position += load
        for list_number in (7, 8):
            for row in self.made.rows[list_number]:
                child = row["child_id"]
                worker = worker_of.get(child) if child in worker_of else self.rng.choice(self.workers)
                row["worker"], row["team"] = worker, teams_of.get(worker, self.rng.choice(TEAMS))
                if row.get("cp_end") or row.get("cla_end"):
                    row["worker"] = self.rng.choice(self.workers)  # closed: in nobody's caseload now
        rows = []
        for child in children:
            worker = worker_of[child]
            rows.append(
                {
                    "child_id": child,
                    "cin_start": self.end - dt.timedelta(days=self.rng.randint(0, 900)),
                    "cin_closure": None,
                    "team": teams_of[worker],
                    "worker": worker,
                    "date_of_birth": self.birth_for_age(self.rng.randint(0, 17)),
                }
            )
        for _ in range(self.n(80)):  # closed by the month's end
            start = self.end - dt.timedelta(days=self.rng.randint(30, 400))
            rows.append(
                {
                    "child_id": self.child(),
                    "cin_start": start,
                    "cin_closure": start + dt.timedelta(days=20),
                    "team": self.rng.choice(TEAMS),
                    "worker": self.rng.choice(self.workers),
                }
            )
        self.made.rows[6] = rows
        over = sum(load > 20 for load in loads)
        self.made.truth["WF02"] = (over, len(loads))
        for team in sorted(set(teams_of.values())):
            team_loads = [loads[n] for n, w in enumerate(teams_of) if teams_of[w] == team]
            self.made.teams[team] = (sum(team_loads), len(team_loads), sum(load > 20 for load in team_loads))
        self.made.personal["worker"] = set(teams_of) | set(self.workers)

    def finish(self) -> SyntheticAnnexA:
        ids, births, postcodes = set(), set(), set()
        for rows in self.made.rows.values():
            for row in rows:
                ids.add(row["child_id"])
                if row.get("date_of_birth"):
                    births.add(row["date_of_birth"])
                if row.get("placement_postcode"):
                    postcodes.add(row["placement_postcode"])
        self.made.personal.update({"child_id": ids, "date_of_birth": births, "placement_postcode": postcodes})
        return self.made


def generate(month: dt.date, seed: int = 1, scale: float = 1.0) -> SyntheticAnnexA:
    """Lists for `month` (Herefordshire-sized at scale 1: about 4,000 contacts a year, 150 children on plans and
    400 looked after), and the true value of every KPI the definitions compute from them."""
    maker = _Maker(month, seed, scale)
    maker.contacts()
    maker.referrals()
    maker.assessments()
    maker.enquiries()
    on_plans = maker.plans()
    looked_after = maker.looked_after()
    maker.care_leavers()
    maker.children_in_need(on_plans, looked_after)
    return maker.finish()


def write_workbook(made: SyntheticAnnexA, path: Path, variant: int = 0, extra_column: bool = False) -> None:
    """Write the lists as a case-management system might: `variant` picks which known heading each column goes by
    (0: Ofsted's own), and `extra_column` adds one no list knows."""
    workbook = Workbook(write_only=True)
    for number in range(1, 10):
        layout = BY_NUMBER[number]
        fields = [f for f in layout.fields if any(f.key in row for row in made.rows[number]) or f.required]
        sheet = workbook.create_sheet(f"List {number}")
        headings = [f.headings[variant % len(f.headings)] for f in fields]
        sheet.append(headings + (["Locality notes"] if extra_column else []))
        for row in made.rows[number]:
            values = [row.get(f.key) for f in fields]
            sheet.append(values + (["-"] if extra_column else []))
    workbook.save(path)
