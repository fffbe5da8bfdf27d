"""Generates the demonstration monthly returns in data/demo/, one workbook per month.

    python -m tools.demo_data            # rewrite data/demo/*.xlsx

The figures are invented but plausible. They follow the shape of Herefordshire's published annual figures (DfE
statistics under the Open Government Licence, see PUBLISHED below): at each published reference date the demo
figure equals the published one, and between them it moves along a line with month-to-month noise. The series is
seeded, so the same code always writes the same files. The app loads these workbooks through the same loader the
performance team uses.
"""

import datetime as dt
from pathlib import Path

import numpy as np

from config import current
from domain.catalogue import Catalogue, load_catalogue
from domain.months import month_key, month_range, parse_month_key
from domain.units import UNITS
from loaders.return_writer import Figure, Statement, Team, write_return

FIRST_MONTH = dt.date(2021, 4, 1)
LAST_MONTH = dt.date(2026, 10, 1)
SEED = 20220729  # the last day of the July 2022 inspection

# Herefordshire's published figures the demo reproduces exactly at their reference month.
# Source: DfE "Children looked after in England" (31 March), "Characteristics of children in need" (31 March,
# plans started in the year to 31 March) and "Children's social work workforce" (30 September).
PUBLISHED: dict[str, dict[str, float]] = {
    "CIC01": {"2022-03": 379, "2023-03": 413, "2024-03": 387, "2025-03": 344},
    "CIC02": {"2022-03": 112, "2023-03": 122, "2024-03": 113, "2025-03": 100},
    "CP01": {"2022-03": 286, "2023-03": 223, "2024-03": 203, "2025-03": 139},
    "CP03": {"2023-03": 22.5, "2024-03": 33.4, "2025-03": 32.7},
    "WF01": {"2021-09": 16.7, "2022-09": 18.7, "2023-09": 15.7, "2024-09": 14.5, "2025-09": 13.6},
    "WF03": {"2021-09": 32.5, "2022-09": 54.9, "2023-09": 55.2, "2024-09": 33.9, "2025-09": 18.3},
    "WF04": {"2021-09": 19.0, "2022-09": 54.0, "2023-09": 62.4, "2024-09": 46.2, "2025-09": 32.4},
    "WF05": {"2021-09": 18.8, "2022-09": 50.0, "2023-09": 17.7, "2024-09": 11.4, "2025-09": 10.8},
}

# Children aged under 18, the denominator of rates per 10,000: the estimate in use for each year to 31 March.
POPULATION = {2022: 33_840, 2023: 33_850, 2024: 34_248, 2025: 34_439, 2026: 34_500, 2027: 34_550}

# The shape of every other series: values at anchor months, straight lines between them, flat beyond the ends.
LEVELS: dict[str, dict[str, float]] = {
    "WF01": {"2021-04": 16.5},
    "WF02": {"2021-04": 12, "2022-09": 28, "2023-09": 15, "2025-03": 8, "2026-10": 6},
    "WF03": {"2021-04": 28},
    "WF04": {"2021-04": 18},
    "WF05": {"2021-04": 18},
    "WF06": {"2021-04": 8, "2023-03": 10, "2024-03": 22, "2025-03": 24, "2026-10": 25},
    "WF07": {"2021-04": 62, "2022-07": 52, "2023-06": 74, "2024-06": 88, "2026-10": 94},
    "CIC01": {"2021-04": 315, "2022-09": 400, "2026-10": 318},
    "CIC03": {"2021-04": 10, "2022-06": 15, "2023-03": 10, "2024-03": 8, "2025-03": 5.5, "2026-10": 5.5},
    "CIC04": {"2021-04": 9, "2022-09": 14, "2023-09": 30, "2025-03": 38, "2026-10": 41},
    "CIC05": {"2021-04": 11, "2022-09": 13, "2023-09": 11, "2025-03": 9, "2026-10": 8},
    "CIC06": {"2021-04": 64, "2022-09": 60, "2024-03": 64, "2025-03": 66, "2026-10": 71},
    "CIC07": {"2021-04": 82, "2022-09": 74, "2024-03": 88, "2026-10": 93},
    "CIC08": {"2021-04": 55, "2022-09": 50, "2024-03": 76, "2026-10": 87},
    "CIC09": {"2021-04": 80, "2022-09": 72, "2023-09": 90, "2026-10": 97},
    "CL01": {"2021-04": 44, "2023-03": 46, "2025-03": 38, "2026-10": 33},
    "CL02": {"2021-04": 86, "2023-03": 84, "2025-03": 90, "2026-10": 92},
    "CP01": {"2021-04": 110, "2022-09": 320, "2023-07": 220, "2026-10": 130},
    "CP03": {"2021-04": 17, "2022-03": 19},
    "CP04": {"2021-04": 3, "2022-09": 3.5, "2023-09": 1, "2026-10": 0.5},
    "CP05": {"2021-04": 74, "2022-09": 68, "2023-09": 88, "2025-03": 93, "2026-10": 95},
    "CP06": {"2021-04": 66, "2022-09": 58, "2023-09": 84, "2026-10": 91},
    "CP07": {"2021-04": 86, "2022-09": 83, "2023-09": 95, "2026-10": 98},
    "FD01": {"2021-04": 620, "2022-09": 780, "2024-03": 700, "2026-10": 680},
    "FD02": {"2021-04": 110, "2022-03": 192, "2022-09": 200, "2023-03": 131, "2025-03": 150, "2026-10": 148},
    "FD03": {"2021-04": 12, "2022-09": 22, "2024-03": 17, "2026-10": 14},
    "FD04": {"2021-04": 62, "2022-09": 50, "2023-06": 84, "2024-06": 93, "2026-10": 96},
    "FD05": {"2021-04": 72, "2022-09": 58, "2023-09": 80, "2024-09": 88, "2026-10": 91},
    "FD06": {"2021-04": 38, "2022-09": 47, "2023-09": 36, "2024-09": 31, "2026-10": 28},
    "SEND01": {"2021-04": 42, "2022-09": 30, "2024-03": 52, "2025-09": 63, "2026-10": 66},
    "FOS01": {"2021-04": 0.70, "2026-10": 0.71},  # share of children in care
    "FOS02": {"2021-04": 86, "2022-09": 80, "2024-03": 88, "2025-09": 96, "2026-10": 99},
    "FOS03": {"2021-04": 81, "2022-09": 78, "2024-03": 84, "2026-10": 88},
    "FOS04": {"2021-04": 52, "2022-09": 46, "2024-03": 55, "2026-10": 63},
    "FOS06": {"2021-04": 7, "2022-09": 5, "2024-03": 11, "2025-09": 16, "2026-10": 17},
    "QA01": {"2021-04": 24, "2022-09": 18, "2023-09": 36, "2025-03": 50, "2026-10": 58},
    "QA02": {"2021-04": 24, "2022-09": 32, "2023-09": 16, "2025-03": 9, "2026-10": 6},
    "QA03": {"2021-04": 4, "2022-09": 6, "2023-07": 26, "2026-10": 25},
    "QA04": {"2021-04": 18, "2022-09": 26, "2026-10": 17},
    "QA05": {"2021-04": 58, "2022-09": 52, "2024-03": 80, "2026-10": 87},
    "QA06": {"2021-04": 5, "2023-09": 11, "2026-10": 16},
    "QA09": {"2021-04": 2, "2022-09": 3.5, "2024-03": 1.5, "2026-10": 1},
    "QA10": {"2021-04": 0.6, "2022-09": 1.2, "2024-03": 0.4, "2026-10": 0.3},
    "QA11": {"2021-04": 0.3, "2022-09": 0.8, "2024-03": 0.3, "2026-10": 0.2},
    "QA07": {"2023-01": 61, "2024-06": 75, "2026-10": 82},
    "QA08": {"2023-01": 49, "2024-06": 63, "2026-10": 71},
}

# Denominators for ratio KPIs that are not derived from another KPI.
DENOMINATORS: dict[str, dict[str, float]] = {
    "WF01": {"2021-04": 66, "2022-09": 60, "2023-09": 99.2, "2024-09": 61.7, "2025-09": 56.4, "2026-10": 60},
    "WF03": {"2021-09": 153.0, "2022-09": 162.7, "2023-09": 173.3, "2024-09": 152.8, "2025-09": 153.7},
    "WF04": {"2021-09": 128.0, "2022-09": 160.0, "2023-09": 206.7, "2024-09": 187.7, "2025-09": 185.2},
    "WF05": {"2021-09": 103.3, "2022-09": 73.4, "2023-09": 77.6, "2024-09": 101.0, "2025-09": 125.5},
    "WF07": {"2021-04": 1050, "2022-09": 1150, "2026-10": 800},
    "CIC06": {"2021-04": 150, "2026-10": 170},
    "CIC07": {"2021-04": 230, "2023-09": 290, "2026-10": 240},
    "CIC08": {"2021-04": 230, "2023-09": 290, "2026-10": 240},
    "CIC09": {"2021-04": 260, "2023-09": 330, "2026-10": 270},
    "CL01": {"2021-04": 105, "2026-10": 130},
    "CL02": {"2021-04": 105, "2026-10": 130},
    "CP03": {"2021-04": 160, "2022-03": 290, "2023-03": 329, "2024-03": 305, "2025-03": 202, "2026-10": 190},
    "CP05": {"2021-04": 220, "2022-09": 600, "2023-09": 420, "2026-10": 250},
    "CP06": {"2021-04": 14, "2022-09": 34, "2023-09": 22, "2026-10": 15},
    "CP07": {"2021-04": 20, "2022-09": 55, "2023-09": 40, "2026-10": 24},
    "FD03": {"2021-04": 110, "2022-03": 192, "2022-09": 200, "2023-03": 131, "2025-03": 150, "2026-10": 148},
    "FD04": {"2021-04": 40, "2022-09": 70, "2024-03": 52, "2026-10": 45},
    "FD05": {"2021-04": 95, "2022-09": 150, "2024-03": 120, "2026-10": 110},
    "SEND01": {"2021-04": 14, "2026-10": 22},
    "FOS03": {"2021-04": 190, "2022-09": 175, "2024-03": 200, "2026-10": 225},
    "QA01": {"2021-04": 24, "2023-09": 40, "2026-10": 40},
    "QA05": {"2021-04": 16, "2022-09": 25, "2026-10": 17},
    "QA07": {"2023-01": 30, "2026-10": 55},
    "QA08": {"2023-01": 40, "2026-10": 70},
}

# Impact statements from care-experienced families: invented for the demo, with no identifying details.
STATEMENTS = {
    "2023-05": [
        Statement(
            "My new social worker actually came back when she said she would. That had never happened.",
            "WS07",
            public=True,
        )
    ],
    "2023-09": [
        Statement(
            "The family group conference meant we made the plan ourselves instead of being told.", "WS04", public=True
        ),
        Statement(
            "I still had three different workers this year and had to tell my story each time.", "WS07", public=False
        ),
    ],
    "2024-02": [
        Statement(
            "Being asked what I thought at my review made me feel like it was my meeting too.", "WS09", public=True
        )
    ],
    "2024-07": [
        Statement("Our foster carers live near my school so I did not have to move again.", "WS05", public=True)
    ],
    "2025-01": [
        Statement("My personal adviser helped me find a college course and a place to live.", "WS06", public=True)
    ],
    "2025-10": [
        Statement("Things are calmer at home. The plan was clear and we knew who to call.", "WS02", public=True),
        Statement("It took too long for anyone to reply to my complaint.", "WS09", public=False),
    ],
    "2026-06": [
        Statement("The assessment was quick and the social worker explained every step to us.", "WS02", public=True)
    ],
}

# Case-holding teams, and roughly what share of the social workers each has.
TEAMS = {
    "Assessment team 1": 0.2,
    "Assessment team 2": 0.2,
    "Child protection and court team": 0.22,
    "Children in care team": 0.18,
    "Care leavers team": 0.1,
    "Disabled children's team": 0.1,
}

# Months where a figure could not be supplied: shown as 'No data', never as zero.
NOT_SUPPLIED = {("CIC08", "2024-01"), ("CIC07", "2024-01"), ("SEND01", "2022-08")}

# Commentary a service lead would add in months when the figure is worse than the threshold given here (the
# demo's own thresholds, so the generated files do not change when a target in the catalogue is edited).
COMMENTARY = {
    "WF03": (
        40.0,
        "Agency cover remains high while the permanent recruitment campaign and 'grow your own' scheme build up.",
    ),
    "WF04": (
        45.0,
        "Vacancies reflect the enlarged establishment agreed after the inspection; agency staff cover most posts.",
    ),
    "WF01": (18.0, "Caseloads rose during the post-inspection review of open cases; a new team starts next month."),
    "FD04": (75.0, "Strategy discussion timeliness is reviewed daily by the MASH team manager."),
    "FD05": (70.0, "The backlog of assessments from the inspection period is being cleared by a dedicated team."),
    "QA01": (30.0, "The audit programme now includes moderation; early audits show the baseline the plan starts from."),
    "CP06": (70.0, "Delays are mainly in convening partners; conference chairs have added extra slots."),
}
PUBLIC_COMMENTARY = {"WF01", "WF03", "WF04"}  # marked Yes in "Commentary public": shown in the public view too


def _line(anchors: dict[str, float], months: list[dt.date]) -> np.ndarray:
    """Straight lines between anchor months, flat beyond the first and last anchors."""
    index = {month: position for position, month in enumerate(months)}
    points = sorted((parse_month_key(k), v) for k, v in anchors.items())
    xs = [index.get(m, (m.year - months[0].year) * 12 + m.month - months[0].month) for m, _ in points]
    return np.interp(np.arange(len(months)), xs, [v for _, v in points])


def _population(month: dt.date) -> float:
    year_to_march = month.year + 1 if month.month >= 4 else month.year
    return POPULATION[min(max(year_to_march, min(POPULATION)), max(POPULATION))]


def _exact_ratio(target: float, denominator: float, scale: float, decimals: int, step: float) -> tuple[float, float]:
    """A numerator and denominator (multiples of `step`, the denominator moved as little as possible) whose ratio
    shows exactly as `target`: used at published anchor months."""
    for den_offset in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5):
        den = round(denominator + den_offset * step, 1)
        guess = round(target * den / scale / step) * step
        for offset in (0, 1, -1, 2, -2):
            numerator = round(guess + offset * step, 1)
            if round(numerator / den * scale, decimals) == target:
                return numerator, den
    raise ValueError(f"no ratio near {denominator} shows {target}")


class _Generator:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.months = month_range(FIRST_MONTH, LAST_MONTH)
        self.keys = [month_key(m) for m in self.months]
        self.rng = np.random.default_rng(SEED)
        self.figures: dict[str, list[Figure]] = {}

    def published(self, code: str, position: int) -> float | None:
        return PUBLISHED.get(code, {}).get(self.keys[position])

    def level(self, code: str) -> np.ndarray:
        return _line({**LEVELS.get(code, {}), **PUBLISHED.get(code, {})}, self.months)

    def counts(self, code: str, noise: float) -> list[float]:
        level = self.level(code)
        values = []
        for position, expected in enumerate(level):
            exact = self.published(code, position)
            if exact is not None:
                values.append(float(exact))
            elif noise == 0:
                values.append(float(max(0, round(expected))))
            else:
                values.append(float(max(0, round(expected + self.rng.normal(0, noise)))))
        return values

    def ratio(self, code: str, denominators: list[float], noise: float = 0.0, fte: bool = False) -> list[Figure]:
        kpi = self.catalogue[code]
        scale = UNITS[kpi.unit].scale
        step = 0.1 if fte else 1.0
        rates = self.level(code)
        figures = []
        for position, (rate, denominator) in enumerate(zip(rates, denominators, strict=True)):
            denominator = round(denominator, 1) if fte else float(round(denominator))
            exact = self.published(code, position)
            if exact is not None:
                numerator, denominator = _exact_ratio(exact, denominator, scale, kpi.decimals, step)
            elif fte or noise:
                numerator = round((rate + self.rng.normal(0, noise)) * denominator / scale / step) * step
            else:
                numerator = float(self.rng.binomial(int(denominator), min(max(rate / scale, 0), 1)))
            figures.append(Figure(numerator=round(max(0.0, numerator), 1), denominator=denominator))
        return figures

    def denominators(self, code: str, noise: float) -> list[float]:
        line = _line(DENOMINATORS[code], self.months)
        return [max(1.0, d + self.rng.normal(0, noise)) for d in line]

    def build(self) -> dict[str, list[Figure]]:
        f = self.figures
        cic = self.counts("CIC01", 3)
        cp = self.counts("CP01", 6)
        population = [_population(m) for m in self.months]
        f["CIC01"] = [Figure(value=v) for v in cic]
        f["CP01"] = [Figure(value=v) for v in cp]
        f["CIC02"] = [Figure(numerator=c, denominator=p) for c, p in zip(cic, population, strict=True)]
        f["CP02"] = [Figure(numerator=c, denominator=p) for c, p in zip(cp, population, strict=True)]
        for code, noise in (
            ("CIC03", 2),
            ("CIC04", 1),
            ("FD01", 40),
            ("FD02", 12),
            ("WF06", 0.6),
            ("FOS02", 1),
            ("FOS06", 0.6),
            ("QA03", 2),
            ("QA04", 3),
            ("QA06", 2),
            ("QA09", 0.8),
            ("QA10", 0.5),
            ("QA11", 0.4),
        ):
            f[code] = [Figure(value=v) for v in self.counts(code, noise)]
        fostered = [round(c * s + self.rng.normal(0, 3)) for c, s in zip(cic, self.level("FOS01"), strict=True)]
        f["FOS01"] = [Figure(value=float(n)) for n in fostered]
        f["FOS04"] = self.ratio("FOS04", fostered)
        f["FOS05"] = [Figure(value=n - fig.numerator) for n, fig in zip(fostered, f["FOS04"], strict=True)]
        for code in ("WF03", "WF04", "WF05"):
            f[code] = self.ratio(code, self.denominators(code, 1.5), noise=1.0, fte=True)
        f["WF01"] = self.ratio("WF01", self.denominators("WF01", 1.0), noise=0.3, fte=False)
        self.teams = [
            self._split_into_teams(total, share)
            for total, share in zip(f["WF01"], self.level("WF02") / 100, strict=True)
        ]
        f["WF02"] = [Figure() for _ in self.months]
        f["CIC05"] = self.ratio("CIC05", cic)
        f["CP04"] = self.ratio("CP04", cp)
        f["FD06"] = self.ratio("FD06", self.denominators("FD05", 5), noise=1.5)
        for code in DENOMINATORS:
            if code not in f:
                f[code] = self.ratio(code, self.denominators(code, min(DENOMINATORS[code].values()) * 0.02))
        f["QA02"] = self._inadequate_audits(f["QA01"])
        self._not_supplied()
        self._commentary()
        # The loader computes the caseload KPIs from the team rows; their own rows carry only commentary.
        f["WF01"] = [
            Figure(commentary=figure.commentary, commentary_public=figure.commentary_public) for figure in f["WF01"]
        ]
        return f

    def _split_into_teams(self, total: Figure, over_20_share: float) -> list[Team]:
        """Share the month's cases and social workers (FTE) between teams so that they add up exactly."""
        names = list(TEAMS)
        weights = np.array([TEAMS[n] for n in names]) * self.rng.uniform(0.9, 1.1, len(names))
        weights /= weights.sum()
        fte = [round(total.denominator * w, 1) for w in weights[:-1]]
        fte.append(round(total.denominator - sum(fte), 1))
        cases = [round(total.numerator * w) for w in weights[:-1]]
        cases.append(round(total.numerator - sum(cases)))
        teams = []
        for name, team_fte, team_cases in zip(names, fte, cases, strict=True):
            headcount = int(np.ceil(team_fte * 1.08))
            over_20 = int(self.rng.binomial(headcount, min(max(over_20_share, 0.0), 1.0)))
            teams.append(
                Team(
                    name,
                    {
                        "fte": team_fte,
                        "cases": float(team_cases),
                        "headcount": float(headcount),
                        "over_20": float(over_20),
                    },
                )
            )
        return teams

    def _inadequate_audits(self, good_audits: list[Figure]) -> list[Figure]:
        """Audits rated inadequate, drawn from those not rated good, so the two never add up to more than all."""
        figures = []
        for share, good in zip(self.level("QA02") / 100, good_audits, strict=True):
            others = int(good.denominator - good.numerator)
            chance = min(1.0, share * good.denominator / others) if others else 0.0
            figures.append(Figure(numerator=float(self.rng.binomial(others, chance)), denominator=good.denominator))
        return figures

    def _not_supplied(self):
        for code, key in NOT_SUPPLIED:
            self.figures[code][self.keys.index(key)] = Figure()
        for code, anchors in LEVELS.items():  # series that started later (e.g. feedback surveys)
            first = min(parse_month_key(k) for k in anchors)
            for position, month in enumerate(self.months):
                if month < first:
                    self.figures[code][position] = Figure()

    def _commentary(self):
        for code, (threshold, text) in COMMENTARY.items():
            kpi = self.catalogue[code]
            for figure in self.figures[code]:
                value = figure.value
                if figure.numerator is not None and figure.denominator:
                    value = figure.numerator / figure.denominator * UNITS[kpi.unit].scale
                if value is None:
                    continue
                if (value > threshold) if kpi.polarity == "down" else (value < threshold):
                    figure.commentary = text
                    figure.commentary_public = code in PUBLIC_COMMENTARY


def generate(out_dir: Path, catalogue: Catalogue) -> list[Path]:
    """Write one workbook per month to out_dir and return their paths."""
    generator = _Generator(catalogue)
    figures = generator.build()
    missing = [kpi.code for kpi in catalogue if kpi.code not in figures]
    if missing:
        raise ValueError(f"no demo series for {', '.join(missing)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for position, month in enumerate(generator.months):
        path = out_dir / f"monthly_return_{month_key(month)}.xlsx"
        write_return(
            path,
            catalogue,
            month,
            {code: series[position] for code, series in figures.items()},
            teams=generator.teams[position],
            statements=STATEMENTS.get(month_key(month), []),
        )
        paths.append(path)
    return paths


def main() -> None:
    settings = current()
    paths = generate(settings.demo_dir, load_catalogue(settings.catalogue))
    print(
        f"Wrote {len(paths)} demo returns to {settings.demo_dir} ({month_key(FIRST_MONTH)} to {month_key(LAST_MONTH)})"
    )


if __name__ == "__main__":
    main()
