"""A seeded generator of synthetic children in need census files (the DfE's XML) whose true measures it knows, for
tests and the benchmark. Every identifier, date and characteristic is invented.

    made = generate(dt.date(2026, 3, 31), seed=1, children=1400)   # Herefordshire-sized: about 150 on plans
    data = census_xml(made)                                           # the file's bytes
    made.truth["CP01"]                                                # children on a plan at 31 March

The truth is worked out here, in Python, one day at a time over England's bank holidays (tools.synthetic_annex_a's
count, independent of domain.working_days), not by the SQL in data/annual_return_kpis.toml that the tests check.
Built in: assessments authorised in exactly 45 working days and ICPCs in exactly 15 across a bank holiday, a plan
ended on 31 March, a second referral exactly 12 months after the first, a second plan with no NumberOfPreviousCPP.
"""

import datetime as dt
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from tools.synthetic_annex_a import count_working_days, start_for


@dataclass
class Episode:
    referral: dt.date
    closure: dt.date | None
    nfa: bool = False
    assessments: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)  # start, authorised
    section47: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)  # start, ICPC date
    plans: list[tuple[dt.date, dt.date | None, int | None]] = field(default_factory=list)  # start, end, previous


@dataclass
class SyntheticCin:
    year_end: dt.date
    council: str
    children: dict[str, list[Episode]]  # LAchildID -> CIN episodes open during the year
    births: dict[str, dt.date]
    truth: dict = field(default_factory=dict)


def _months_before(day: dt.date, months: int) -> dt.date:
    """As DuckDB's `day - INTERVAL n MONTH`: the same day n months earlier, or that month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def generate(year_end: dt.date, seed: int = 1, children: int = 1400, council: str = "884") -> SyntheticCin:
    rng = random.Random(seed)  # noqa: S311 (invented test data, not security)
    start = dt.date(year_end.year - 1, 4, 1)
    made = SyntheticCin(year_end, council, {}, {})
    for number in range(children):
        child = f"C{seed % 100:02d}{number:06d}"
        made.births[child] = start - dt.timedelta(days=rng.randint(30, 17 * 365))
        episodes, day = [], start - dt.timedelta(days=rng.randint(0, 900))
        while day <= year_end and len(episodes) < 3:
            episode = _episode(rng, day, year_end)
            if episode.closure is None or episode.closure >= start:  # the census holds episodes open in the year
                episodes.append(episode)
            if episode.closure is None:
                break
            day = episode.closure + dt.timedelta(days=rng.choice([60, 300, 500, 700, 900]))
        if episodes:
            made.children[child] = episodes
    _edge_cases(made, start, seed)
    made.truth = _truth(made, start)
    return made


def _episode(rng, referral: dt.date, year_end: dt.date) -> Episode:
    episode = Episode(referral, None, nfa=rng.random() < 0.1)
    last = referral
    if not episode.nfa:
        begun = referral + dt.timedelta(days=rng.randint(0, 5))
        authorised = begun + dt.timedelta(days=rng.randint(10, 90))
        episode.assessments.append((begun, authorised if authorised <= year_end else None))
        last = max(last, authorised)
        if rng.random() < 0.3:
            s47 = referral + dt.timedelta(days=rng.randint(0, 10))
            icpc = s47 + dt.timedelta(days=rng.randint(7, 35)) if rng.random() < 0.6 else None
            if icpc is not None and icpc > year_end:
                icpc = None
            episode.section47.append((s47, icpc))
            if icpc is not None and rng.random() < 0.8:
                end = icpc + dt.timedelta(days=rng.choice([40, 180, 300, 500, 800, 1000]))
                previous = rng.choice([0, 0, 0, 1, 2, None])
                episode.plans.append((icpc, end if end <= year_end else None, previous))
                last = max(last, end)
    closure = last + dt.timedelta(days=rng.randint(1, 90))
    episode.closure = closure if closure <= year_end and not any(p[1] is None for p in episode.plans) else None
    return episode


def _edge_cases(made: SyntheticCin, start: dt.date, seed: int) -> None:
    end, rng = made.year_end, random.Random(seed)  # noqa: S311
    tag = f"E{seed % 100:02d}"
    christmas = dt.date(end.year - 1, 12, 27)  # 45 working days back from late December crosses two bank holidays
    made.children[f"{tag}1"] = [
        Episode(
            christmas - dt.timedelta(days=80),
            None,
            assessments=[(start_for(christmas, 45, rng), christmas), (start_for(christmas, 46, rng), christmas)],
        )
    ]
    icpc = dt.date(end.year - 1, 6, 2)  # after the late May bank holiday
    made.children[f"{tag}2"] = [
        Episode(
            icpc - dt.timedelta(days=40),
            end,  # closed on 31 March with the plan
            section47=[(start_for(icpc, 15, rng), icpc)],
            plans=[(icpc, end, 0)],  # ended on 31 March: not on a plan then
        )
    ]
    first = dt.date(end.year - 1, 5, 10)
    made.children[f"{tag}3"] = [  # referred again exactly 12 months later: a re-referral; a second plan, no count
        Episode(_months_before(first, 12), first - dt.timedelta(days=30), plans=[]),
        Episode(first, None, plans=[(first + dt.timedelta(days=20), None, None)]),
    ]
    made.children[f"{tag}3"][0].plans.append((_months_before(first, 11), first - dt.timedelta(days=40), 0))
    made.births.update({f"{tag}{n}": dt.date(end.year - 8, 1, 1) for n in (1, 2, 3)})


def _truth(made: SyntheticCin, start: dt.date) -> dict:
    end = made.year_end

    def in_year(day):
        return day is not None and start <= day <= end

    referrals, assessments, icpcs, plans = [], [], [], []
    for child, episodes in made.children.items():
        for e in episodes:
            referrals.append((child, e.referral))
            assessments += [(b, a) for b, a in e.assessments if in_year(a)]
            icpcs += [(s, i) for s, i in e.section47 if in_year(i)]
            plans += [(child, s, f, p) for s, f, p in e.plans]
    by_child: dict[str, list[dt.date]] = {}
    for child, day in referrals:
        by_child.setdefault(child, []).append(day)
    this_year = [(c, d) for c, d in referrals if in_year(d)]
    re_referred = [(c, d) for c, d in this_year if any(_months_before(d, 12) <= other < d for other in by_child[c])]
    days = [count_working_days(b, a) for b, a in assessments]
    open_at_end = [p for p in plans if p[1] <= end and (p[2] is None or p[2] > end)]
    starting = [p for p in plans if in_year(p[1])]
    repeat = [p for p in starting if (p[3] or 0) >= 1 or any(q[0] == p[0] and q[1] < p[1] for q in plans)]
    on_plans = len({p[0] for p in open_at_end})
    return {
        "FD02": len(this_year),
        "FD03": (len(re_referred), len(this_year)),
        "FD05": (sum(1 for n in days if n <= 45), len(days)),
        "FD06": (sum(days), len(days)),
        "CP01": on_plans,
        "CP02": (on_plans, None),
        "CP03": (len(repeat), len(starting)),
        "CP04": (sum(1 for p in open_at_end if p[1] <= dt.date(end.year - 2, end.month, end.day)), len(open_at_end)),
        "CP06": (sum(1 for s, i in icpcs if count_working_days(s, i) <= 15), len(icpcs)),
    }


def census_xml(made: SyntheticCin) -> bytes:
    """The census file as a case-management system writes it, personal fields (UPN, date of birth, ethnicity,
    disabilities) included."""
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    for name, value in (("Collection", "CIN"), ("Year", str(made.year_end.year)), ("ReferenceDate", made.year_end)):
        ET.SubElement(details, name).text = str(value)
    source = ET.SubElement(header, "Source")
    ET.SubElement(source, "LEA").text = made.council
    children = ET.SubElement(message, "Children")
    for number, (child, episodes) in enumerate(made.children.items()):
        element = ET.SubElement(children, "Child")
        ids = ET.SubElement(element, "ChildIdentifiers")
        for name, value in (
            ("LAchildID", child),
            ("UPN", f"A{number:012d}"),
            ("PersonBirthDate", made.births[child]),
            ("GenderCurrent", "1"),
        ):
            ET.SubElement(ids, name).text = str(value)
        traits = ET.SubElement(element, "ChildCharacteristics")
        ET.SubElement(traits, "Ethnicity").text = "WBRI"
        ET.SubElement(ET.SubElement(traits, "Disabilities"), "Disability").text = "NONE"
        for e in episodes:
            _episode_xml(ET.SubElement(element, "CINdetails"), e)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def _episode_xml(details, e: Episode) -> None:
    def put(parent, name, value):
        if value is not None:
            ET.SubElement(parent, name).text = str(value).lower() if isinstance(value, bool) else str(value)

    put(details, "CINreferralDate", e.referral)
    put(details, "ReferralSource", "1A")
    put(details, "PrimaryNeedCode", "N1")
    put(details, "CINclosureDate", e.closure)
    put(details, "ReasonForClosure", "RC1" if e.closure else None)
    for begun, authorised in e.assessments:
        item = ET.SubElement(details, "Assessments")
        put(item, "AssessmentActualStartDate", begun)
        put(item, "AssessmentAuthorisationDate", authorised)
    for begun, icpc in e.section47:
        item = ET.SubElement(details, "Section47")
        put(item, "S47ActualStartDate", begun)
        put(item, "DateOfInitialCPC", icpc)
        put(item, "ICPCnotRequired", icpc is None)
    put(details, "ReferralNFA", e.nfa)
    for begun, ended, previous in e.plans:
        item = ET.SubElement(details, "ChildProtectionPlans")
        put(item, "CPPstartDate", begun)
        put(item, "CPPendDate", ended)
        put(item, "InitialCategoryOfAbuse", "NEG")
        put(item, "NumberOfPreviousCPP", previous)
