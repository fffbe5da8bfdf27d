"""Generates the demonstration action logs in data/demo/plan/, one snapshot per month from January 2023.

    python -m tools.demo_plan            # rewrite data/demo/plan/*.xlsx

The actions are invented but follow Herefordshire's improvement plan (December 2022) and agree with the demo KPIs:
the workforce actions that cut agency staffing are complete as the agency rate falls, while recruitment of permanent
social workers runs late as the vacancy rate stays Red; dental checks for children in care slip; the children's
survey work is behind as children's feedback dips. The app loads these workbooks through the same loader the
improvement programme office uses.
"""

import datetime as dt
from dataclasses import dataclass

from config import current
from domain.brag import Status
from domain.catalogue import load_catalogue
from domain.months import add_months, month_range, parse_month_key
from domain.plan import Action
from domain.workstreams import load_workstreams
from loaders.action_log_writer import write_action_log

FIRST_SNAPSHOT = dt.date(2023, 1, 1)
LAST_SNAPSHOT = dt.date(2026, 10, 1)
STATUS = {"B": Status.BLUE, "G": Status.GREEN, "A": Status.AMBER, "R": Status.RED}


@dataclass(frozen=True)
class DemoAction:
    action_id: str
    action: str
    lead: str
    start: str  # YYYY-MM-DD; the action enters the log in the month it starts, or in January 2023 if earlier
    due: str
    kpis: tuple[str, ...]
    progress: tuple[tuple[str, str, int, str], ...]  # from month YYYY-MM: status letter, % complete, update


def _a(action_id, action, lead, start, due, kpis, *progress) -> DemoAction:
    return DemoAction(action_id, action, lead, start, due, tuple(kpis.split()), progress)


ACTIONS = [
    _a(
        "WS01-01",
        "Relaunch the MASH with co-located police and health partners",
        "MASH manager",
        "2022-12-01",
        "2023-09-30",
        "FD04 FD03",
        ("2023-01", "G", 20, "Partners agreed the operating model."),
        ("2023-06", "A", 60, "Health co-location delayed by estates work."),
        ("2023-10", "B", 100, "MASH relaunched; strategy discussions now daily."),
    ),
    _a(
        "WS01-02",
        "Threshold guidance and training for all partner agencies",
        "Head of Service, Front Door",
        "2023-02-01",
        "2023-12-31",
        "FD03",
        ("2023-02", "G", 10, "Guidance drafted with the safeguarding partnership."),
        ("2023-08", "G", 70, "Training delivered to 420 partner staff."),
        ("2024-01", "B", 100, "Complete."),
    ),
    _a(
        "WS01-03",
        "Audit strategy meeting quality monthly",
        "Quality assurance manager",
        "2024-04-01",
        "2026-12-31",
        "FD04",
        ("2024-04", "G", 10, "First monthly audit completed."),
        ("2025-04", "G", 55, "On schedule."),
        ("2026-04", "G", 80, "Audits show consistent partner attendance."),
    ),
    _a(
        "WS02-01",
        "Single assessment framework and practice standards",
        "Principal Social Worker",
        "2022-12-01",
        "2023-07-31",
        "FD05 FD06",
        ("2023-01", "G", 30, "Framework drafted."),
        ("2023-05", "A", 60, "Consultation extended at staff request."),
        ("2023-09", "B", 100, "Launched."),
    ),
    _a(
        "WS02-02",
        "Weekly timeliness tracker for assessments in every team",
        "Performance manager",
        "2023-03-01",
        "2023-10-31",
        "FD05",
        ("2023-03", "G", 20, "Tracker built."),
        ("2023-11", "B", 100, "In use by every team."),
    ),
    _a(
        "WS02-03",
        "Practice week audits of assessment quality, twice a year",
        "Quality assurance manager",
        "2024-01-01",
        "2026-12-31",
        "QA01",
        ("2024-01", "G", 10, "First practice week held."),
        ("2025-01", "G", 50, "Second and third practice weeks held."),
        ("2026-03", "G", 75, "Fourth held."),
    ),
    _a(
        "WS03-01",
        "Supervision policy, template and recording standard",
        "Principal Social Worker",
        "2022-12-01",
        "2023-06-30",
        "WF07",
        ("2023-01", "G", 25, "Policy drafted."),
        ("2023-04", "R", 40, "Recording template not yet in the case system."),
        ("2023-08", "A", 80, "Template live; training under way."),
        ("2023-11", "B", 100, "Complete."),
    ),
    _a(
        "WS03-02",
        "Management oversight training for all team managers",
        "Workforce development manager",
        "2023-04-01",
        "2024-03-31",
        "WF07 CP05",
        ("2023-04", "G", 10, "Programme commissioned."),
        ("2023-10", "A", 45, "Manager turnover delaying cohorts."),
        ("2024-05", "B", 100, "All managers trained."),
    ),
    _a(
        "WS04-01",
        "Neglect strategy and the Graded Care Profile in every team",
        "Head of Service, Child Protection",
        "2022-12-01",
        "2024-03-31",
        "CP03 CP04",
        ("2023-01", "G", 15, "Strategy agreed by the partnership."),
        ("2023-09", "G", 60, "Graded Care Profile training delivered."),
        ("2024-04", "B", 100, "Complete."),
    ),
    _a(
        "WS04-02",
        "Child protection chairs' escalation of drift",
        "Safeguarding and review manager",
        "2023-01-01",
        "2023-12-31",
        "CP04 CP07",
        ("2023-01", "G", 20, "Escalation protocol in use."),
        ("2024-01", "B", 100, "Embedded."),
    ),
    _a(
        "WS04-03",
        "Review every child on a second or later plan and the step-down offer",
        "Head of Service, Child Protection",
        "2024-06-01",
        "2026-09-30",
        "CP03",
        ("2024-06", "G", 10, "Review tool agreed."),
        ("2025-06", "A", 40, "Repeat plans still above target; review widened."),
        ("2026-06", "A", 70, "Step-down offer revised with early help."),
        ("2026-10", "A", 85, "Final reviews due; repeat plans still Red."),
    ),
    _a(
        "WS05-01",
        "Placement sufficiency strategy",
        "Head of Commissioning",
        "2022-12-01",
        "2023-12-31",
        "CIC05 CIC06",
        ("2023-01", "G", 20, "Needs analysis complete."),
        ("2024-01", "B", 100, "Strategy approved."),
    ),
    _a(
        "WS05-02",
        "Foster carer recruitment campaign and new fee scheme",
        "Fostering service manager",
        "2023-03-01",
        "2025-03-31",
        "FOS02 FOS06 FOS04",
        ("2023-03", "G", 10, "Campaign launched."),
        ("2023-11", "A", 35, "Enquiries below plan."),
        ("2024-06", "G", 70, "New fee scheme approved."),
        ("2025-04", "B", 100, "Target of 100 households reached."),
    ),
    _a(
        "WS05-03",
        "Dental pathway for children in care with the ICB",
        "Designated nurse for children in care",
        "2024-09-01",
        "2026-03-31",
        "CIC08",
        ("2024-09", "G", 10, "Pathway agreed in principle."),
        ("2025-09", "A", 45, "Two practices withdrew."),
        ("2026-04", "A", 60, "Past due; new practices sought."),
        ("2026-09", "R", 60, "No new practice yet; checks in time falling."),
    ),
    _a(
        "WS05-04",
        "Health assessments within 20 days: joint tracker with health",
        "Head of Service, Children in Care",
        "2023-06-01",
        "2024-06-30",
        "CIC07",
        ("2023-06", "G", 20, "Tracker live."),
        ("2024-07", "B", 100, "Complete."),
    ),
    _a(
        "WS06-01",
        "Local offer for care leavers refreshed with young people",
        "Head of Service, Care Leavers",
        "2023-02-01",
        "2023-10-31",
        "CL01 CL02",
        ("2023-02", "G", 20, "Co-design sessions held."),
        ("2023-11", "B", 100, "Published."),
    ),
    _a(
        "WS06-02",
        "Supported lodgings and staying-close scheme",
        "Head of Service, Care Leavers",
        "2024-01-01",
        "2025-12-31",
        "CL02",
        ("2024-01", "G", 10, "Scheme designed."),
        ("2025-02", "G", 60, "First 8 places."),
        ("2026-01", "B", 100, "20 places open."),
    ),
    _a(
        "WS06-03",
        "Apprenticeships ring-fenced for care leavers across the council",
        "Head of Service, Care Leavers",
        "2025-04-01",
        "2026-12-31",
        "CL01",
        ("2025-04", "G", 10, "Ring-fence agreed."),
        ("2026-04", "A", 40, "Take-up low; mentoring being added."),
        ("2026-10", "A", 55, "Mentors recruited."),
    ),
    _a(
        "WS07-01",
        "Reduce reliance on agency social workers",
        "Director of Workforce",
        "2022-12-01",
        "2025-03-31",
        "WF03",
        ("2023-01", "A", 5, "Agency rate 55%."),
        ("2023-10", "G", 30, "Conversion offer launched."),
        ("2024-10", "G", 70, "Agency rate 34%."),
        ("2025-04", "B", 100, "Agency rate below 20%."),
    ),
    _a(
        "WS07-02",
        "Retention package: market supplement and career pathway",
        "Head of HR, Children's Services",
        "2023-01-01",
        "2023-09-30",
        "WF05",
        ("2023-01", "G", 20, "Package agreed."),
        ("2023-10", "B", 100, "In place."),
    ),
    _a(
        "WS07-03",
        "Social work academy for newly qualified social workers",
        "Workforce development manager",
        "2023-06-01",
        "2024-09-30",
        "WF06 WF01",
        ("2023-06", "G", 10, "Academy designed."),
        ("2024-10", "B", 100, "Second cohort started."),
    ),
    _a(
        "WS07-04",
        "International recruitment of experienced social workers",
        "Head of HR, Children's Services",
        "2024-10-01",
        "2026-06-30",
        "WF04",
        ("2024-10", "G", 10, "Agency partner appointed."),
        ("2025-10", "A", 40, "Visa delays."),
        ("2026-07", "R", 50, "Past due; 6 of 20 social workers arrived."),
    ),
    _a(
        "WS07-05",
        "Recruit permanent team managers to every team",
        "Director of Workforce",
        "2025-01-01",
        "2026-03-31",
        "WF04 WF07",
        ("2025-01", "G", 15, "Campaign launched."),
        ("2025-09", "A", 50, "Two posts unfilled after two rounds."),
        ("2026-05", "R", 60, "Past due; interim managers still in three teams."),
    ),
    _a(
        "WS07-06",
        "Caseload cap of 20 with weekly monitoring",
        "Head of Service, Assessment",
        "2023-01-01",
        "2024-03-31",
        "WF01 WF02",
        ("2023-01", "A", 10, "Caseloads above cap in four teams."),
        ("2023-09", "G", 60, "Cap agreed."),
        ("2024-04", "B", 100, "Fewer than 5% above 20 cases."),
    ),
    _a(
        "WS08-01",
        "Quality assurance framework and monthly audit programme",
        "Service Director, Improvement",
        "2022-12-01",
        "2023-06-30",
        "QA01 QA02",
        ("2023-01", "G", 30, "Framework drafted."),
        ("2023-07", "B", 100, "Audits running monthly."),
    ),
    _a(
        "WS08-02",
        "Performance dashboard shared with members monthly",
        "Performance manager",
        "2023-04-01",
        "2024-03-31",
        "",
        ("2023-04", "G", 20, "Scorecard agreed with scrutiny."),
        ("2024-04", "B", 100, "Dashboard shared monthly."),
    ),
    _a(
        "WS08-03",
        "Moderation of audit grades with partner authorities",
        "Quality assurance manager",
        "2025-01-01",
        "2026-12-31",
        "QA01",
        ("2025-01", "G", 10, "Partner agreed."),
        ("2026-01", "G", 60, "Two rounds held."),
    ),
    _a(
        "WS09-01",
        "Children's and parents' feedback surveys every month",
        "Head of Participation",
        "2023-03-01",
        "2023-12-31",
        "QA07 QA08",
        ("2023-03", "G", 20, "Surveys designed with young people."),
        ("2024-01", "B", 100, "Running monthly."),
    ),
    _a(
        "WS09-02",
        "Participation group shapes each workstream's actions",
        "Head of Participation",
        "2024-04-01",
        "2026-12-31",
        "QA07",
        ("2024-04", "G", 10, "Group formed."),
        ("2025-10", "G", 60, "Reviewed four plans."),
        ("2026-08", "A", 65, "Feedback dipping; group to review the reasons."),
    ),
    _a(
        "WS09-03",
        "Complaints answered on time: tracking and weekly reminders",
        "Complaints manager",
        "2023-06-01",
        "2024-03-31",
        "QA05",
        ("2023-06", "G", 20, "Tracker in place."),
        ("2024-04", "B", 100, "Complete."),
    ),
    _a(
        "WS10-01",
        "EHC plans within 20 weeks: recovery plan",
        "Head of SEND",
        "2023-09-01",
        "2025-08-31",
        "SEND01",
        ("2023-09", "A", 10, "Backlog of 120 assessments."),
        ("2024-09", "G", 60, "Backlog cleared."),
        ("2025-09", "B", 100, "Timeliness above target."),
    ),
    _a(
        "WS10-02",
        "Joint commissioning of therapies with health",
        "Head of SEND",
        "2025-04-01",
        "2027-03-31",
        "SEND01",
        ("2025-04", "G", 10, "Needs analysis started."),
        ("2026-04", "G", 45, "Specification agreed."),
        ("2026-10", "A", 50, "Procurement paused while health budgets are set."),
    ),
]


def _month(key: str) -> dt.date:
    return parse_month_key(key)


def snapshot(month: dt.date, workstreams) -> list[Action]:
    """Every action in the log at the end of `month`, with its status then."""
    actions = []
    for item in ACTIONS:
        start = dt.date.fromisoformat(item.start)
        if start.replace(day=1) > month and start >= FIRST_SNAPSHOT:
            continue
        steps = [step for step in item.progress if _month(step[0]) <= month]
        if not steps:
            continue
        _, letter, percent, update = steps[-1]
        code = item.action_id[:4]
        actions.append(
            Action(
                item.action_id,
                code,
                item.action,
                workstreams[code].owner,
                item.lead,
                start,
                dt.date.fromisoformat(item.due),
                STATUS[letter],
                float(percent),
                item.kpis,
                update,
            )
        )
    return actions


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def main() -> None:
    settings = current()
    workstreams = load_workstreams(settings.workstreams)
    catalogue = load_catalogue(settings.catalogue, set(workstreams))
    folder = settings.demo_dir / "plan"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("action_log_*.xlsx"):
        old.unlink()
    months = month_range(FIRST_SNAPSHOT, LAST_SNAPSHOT)
    for month in months:
        write_action_log(
            folder / f"action_log_{month:%Y-%m}.xlsx",
            catalogue,
            workstreams,
            month_end(month),
            snapshot(month, workstreams),
        )
    print(f"wrote {len(months)} action logs to {folder}")


if __name__ == "__main__":
    main()
