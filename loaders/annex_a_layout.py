"""The Annex A lists the dashboard reads, and the headings each column goes by.

Ofsted's Annex A (the child-level lists inspectors ask for) is produced by every case-management system a little
differently: "Child Unique ID" in one, "Child ID" or "Person ID" in another; "Date of Contact" or "Contact date".
Each field below lists the headings known for it (compared ignoring case, spaces and punctuation, so "Referral
NFA?" and "referral nfa" are one). A heading not listed is reported (ANNEX_COLUMN_UNKNOWN) and not read; a field
the figures need that is missing refuses the list (ANNEX_COLUMN_MISSING). To accept a new system's heading, add it
to the field's `headings` here.

Every field is read into memory only: nothing of any row is stored (loaders.annex_a).
"""

import re
from dataclasses import dataclass

DATE, WHOLE, TEXT, ID = "date", "whole number", "text", "identifier"


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # DATE, WHOLE, TEXT or ID
    headings: tuple[str, ...]
    required: bool = False  # the list cannot be used without it


@dataclass(frozen=True)
class ListLayout:
    number: int
    title: str
    fields: tuple[Field, ...]
    needed: bool = True  # figures are computed from it; a workbook without it cannot give them

    @property
    def table(self) -> str:
        """The table the SQL definitions read it as, e.g. list_3."""
        return f"list_{self.number}"

    @property
    def name(self) -> str:
        return f"List {self.number}"


CHILD = Field("child_id", ID, ("Child Unique ID", "Child ID", "Unique ID", "Person ID", "ID", "Client ID"), True)
DOB = Field("date_of_birth", DATE, ("Date of Birth", "DOB", "Birth date"))
TEAM = Field("team", TEXT, ("Allocated Team", "Team", "Team name", "Allocated team name"))
WORKER = Field("worker", TEXT, ("Allocated Worker", "Worker", "Social worker", "Allocated social worker", "Key worker"))
# Read so that their headings are known, never used: they describe the child, and no figure needs them.
DESCRIPTIVE = tuple(
    Field(key, TEXT, headings)
    for key, headings in (
        ("gender", ("Gender", "Sex")),
        ("ethnicity", ("Ethnicity", "Ethnic origin")),
        ("age", ("Age", "Age of Child (Years)", "Age (years)")),
        ("disability", ("Does the Child have a Disability", "Disability", "Disabled")),
    )
)


def _date(key: str, *headings: str, required: bool = False) -> Field:
    return Field(key, DATE, headings, required)


LISTS: tuple[ListLayout, ...] = (
    ListLayout(
        1,
        "Contacts",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date("contact_date", "Date of Contact", "Contact Date", required=True),
            Field("contact_source", TEXT, ("Contact Source", "Source of Contact")),
        ),
    ),
    ListLayout(
        2,
        "Early help",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date("start_date", "Assessment start date", "Early help start date", "Start date", required=True),
            _date("end_date", "Assessment completion date", "Early help end date", "End date"),
            Field("organisation", TEXT, ("Organisation completing assessment", "Organisation")),
            TEAM,
            WORKER,
        ),
        needed=False,
    ),
    ListLayout(
        3,
        "Referrals",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date("referral_date", "Date of Referral", "Referral Date", required=True),
            Field("referral_source", TEXT, ("Referral Source", "Source of Referral")),
            Field("referral_nfa", TEXT, ("Referral NFA?", "Referral NFA", "NFA")),
            Field(
                "previous_referrals",
                WHOLE,
                (
                    "Number of Referrals in Last 12 Months",
                    "Number of previous referrals in the last 12 months",
                    "Referrals in last 12 months",
                ),
            ),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        4,
        "Assessments",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date(
                "assessment_start",
                "Continuous Assessment Start Date",
                "Assessment Start Date",
                "Assessment start",
                required=True,
            ),
            Field("child_seen", TEXT, ("Child Seen During Continuous Assessment", "Child seen during assessment")),
            _date(
                "assessment_authorised",
                "Continuous Assessment Date of Authorisation",
                "Assessment Authorisation Date",
                "Assessment Completion Date",
                "Date assessment authorised",
                required=True,
            ),
            Field(
                "needs_support",
                TEXT,
                (
                    "Was the child assessed as requiring LA children's social care support?",
                    "Assessed as requiring LA children's social care support",
                ),
            ),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        5,
        "Section 47 enquiries",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date(
                "s47_start",
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                "Section 47 Enquiry Start Date",
                "S47 start date",
                "Strategy discussion date",
                required=True,
            ),
            Field(
                "icpc_unnecessary",
                TEXT,
                ("Was an Initial Child Protection Conference deemed unnecessary?", "ICPC deemed unnecessary"),
            ),
            _date(
                "icpc_date",
                "Date of Initial Child Protection Conference",
                "ICPC Date",
                "Initial conference date",
                required=True,
            ),
            Field(
                "icpc_plan",
                TEXT,
                (
                    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                    "ICPC resulted in a plan",
                ),
            ),
            Field("s47_last_12m", WHOLE, ("Number of Section 47 Enquiries in the last 12 months",)),
            Field("icpc_last_12m", WHOLE, ("Number of ICPCs in the last 12 months",)),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        6,
        "Children in need",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date("cin_start", "CIN Start Date", "Child in need start date", required=True),
            Field("primary_need", TEXT, ("Primary Need Code", "Primary need")),
            _date("last_seen", "Date Child Was Last Seen", "Date last seen"),
            _date("cin_closure", "CIN Closure Date", "Child in need closure date", "CIN end date"),
            Field("closure_reason", TEXT, ("Reason for Closure", "Closure reason")),
            Field("case_status", TEXT, ("Case Status",)),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        7,
        "Child protection",
        (
            CHILD,
            DOB,
            *DESCRIPTIVE,
            _date(
                "cp_start", "Child Protection Plan Start Date", "CP Plan Start Date", "Plan start date", required=True
            ),
            Field("initial_category", TEXT, ("Initial Category of Abuse",)),
            Field("latest_category", TEXT, ("Latest Category of Abuse",)),
            _date("last_visit", "Date of the Last Statutory Visit", "Date of last statutory visit"),
            Field("seen_alone", TEXT, ("Was the Child Seen Alone?",)),
            _date("last_review", "Date of latest review conference", "Date of last review conference"),
            _date("cp_end", "Child Protection Plan End Date", "CP Plan End Date", "Plan end date"),
            Field(
                "epo",
                TEXT,
                ("Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",),
            ),
            Field(
                "previous_plans",
                WHOLE,
                ("Number of Previous Child Protection Plans", "Previous CP plans", "Number of previous plans"),
                True,
            ),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        8,
        "Children looked after",
        (
            CHILD,
            Field("date_of_birth", DATE, DOB.headings, True),
            *DESCRIPTIVE,
            Field(
                "uasc",
                TEXT,
                (
                    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
                    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                    "UASC",
                    "Unaccompanied asylum seeking child",
                ),
            ),
            _date(
                "cla_start",
                "Date Started to be Looked After",
                "Date started to be looked after",
                "Looked after start date",
                required=True,
            ),
            Field("category_of_need", TEXT, ("Child's Category of Need", "Category of need")),
            Field(
                "second_period",
                TEXT,
                (
                    "Is this a second or subsequent period of being a Looked After Child within "
                    "the last 12 months (Y/N)",
                ),
            ),
            _date("legal_status_start", "Start date of current legal status"),
            Field("legal_status", TEXT, ("Child's Legal Status", "Legal status")),
            _date("last_review", "Date of Latest Statutory Review"),
            _date("last_visit", "Date of Last Social Work Visit"),
            Field("permanence_plan", TEXT, ("What is the permanence plan for this child?", "Permanence plan")),
            _date("last_iro_contact", "Date of Last IRO Visit / Contact to the Child"),
            _date("last_health_assessment", "Date of Last Health Assessment", "Last health assessment"),
            _date("last_dental_check", "Date of Last Dental Check", "Last dental check"),
            Field(
                "placements_12m",
                WHOLE,
                ("Number of Placements in the Last 12 months", "Number of placements in last 12 months"),
            ),
            _date("cla_end", "Date Ceased to be Looked After", "Looked after end date"),
            Field("reason_ceased", TEXT, ("Reason Ceased to be Looked After",)),
            _date("placement_start", "Start Date of Most Recent Placement", "Placement start date"),
            Field("placement_type", TEXT, ("Placement Type",)),
            Field("placement_provider", TEXT, ("Placement Provider",)),
            Field("placement_postcode", TEXT, ("Placement postcode", "Placement post code")),
            Field("placement_urn", TEXT, ("URN of Placement",)),
            Field("placement_location", TEXT, ("Placement Location",)),
            Field("placement_la", TEXT, ("LA of Placement",)),
            Field(
                "missing_episodes",
                WHOLE,
                ("Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",),
            ),
            Field(
                "absent_episodes",
                WHOLE,
                ("Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",),
            ),
            Field(
                "return_offered",
                TEXT,
                ("Was the child offered a Return Interview after their last missing episode (Y/N)?",),
            ),
            Field(
                "return_accepted",
                TEXT,
                ("Did the child accept a Return Interview after their last missing episode (Y/N)?",),
            ),
            TEAM,
            WORKER,
        ),
    ),
    ListLayout(
        9,
        "Care leavers",
        (
            CHILD,
            Field("date_of_birth", DATE, DOB.headings, True),
            *DESCRIPTIVE,
            TEAM,
            WORKER,
            Field("eligibility", TEXT, ("Eligibility Category",)),
            Field("in_touch", TEXT, ("LA in Touch", "In touch", "LA in touch with care leaver"), True),
            Field("accommodation", TEXT, ("Type of Accommodation", "Accommodation type")),
            Field("suitability", TEXT, ("Suitability of Accommodation", "Accommodation suitability"), True),
            Field("activity", TEXT, ("Activity Status", "Main activity"), True),
        ),
    ),
    # Adoption lists: their rows are counted; no catalogue KPI comes from them yet, so their columns are not read.
    ListLayout(10, "Children with an adoption decision", (), needed=False),
    ListLayout(11, "Adopters", (), needed=False),
)
BY_NUMBER = {layout.number: layout for layout in LISTS}
# Fields whose contents identify a child, a family or a member of staff: never stored, never shown, never put in a
# message (a problem names its list, row and column only).
PERSONAL = frozenset({"child_id", "date_of_birth", "worker", "placement_postcode", "placement_urn"})

_LIST_NAME = re.compile(r"^\s*(?:annex\s*a\s*[-:]?\s*)?(?:list|l)\s*0?(\d{1,2})\b", re.IGNORECASE)
_TITLE_WORDS = {
    1: ("contact",),
    3: ("referral",),
    4: ("assessment",),
    5: ("section 47", "s47"),
    6: ("children in need", "cin"),
    7: ("child protection", "cp plan"),
    8: ("looked after", "cla", "children in care"),
    9: ("care leaver",),
}


def list_number(sheet_name: str) -> int | None:
    """Which Annex A list a sheet holds, from its name: 'List 3', 'L3', 'List 3 - Referrals', 'Referrals'."""
    found = _LIST_NAME.match(sheet_name)
    if found:
        number = int(found.group(1))
        return number if number in BY_NUMBER else None
    lowered = sheet_name.lower()
    matches = [n for n, words in _TITLE_WORDS.items() if any(word in lowered for word in words)]
    return matches[0] if len(matches) == 1 else None


def normalised(heading: object) -> str:
    """A heading as compared: lower case, letters and digits only, single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(heading).replace("\xa0", " ").lower()).split())


def heading_index(layout: ListLayout) -> dict[str, Field]:
    return {normalised(heading): field for field in layout.fields for heading in field.headings}
