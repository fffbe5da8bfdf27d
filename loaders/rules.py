"""Every rule the loaders apply: its code, whether it blocks the file, and what it means.

Problems must use a code listed here (loaders.problems checks), so this table is the complete list; the README and
the upload page show it.
"""

ERROR, WARNING = "error", "warning"

RULES: dict[str, tuple[str, str]] = {
    # The file itself (checked before anything parses it)
    "FILE_TOO_LARGE": (ERROR, "The file is over the size limit (20 MB)."),
    "FILE_EMPTY": (ERROR, "The file is empty."),
    "FILE_OLD_FORMAT": (ERROR, "An old-style .xls workbook: save it as an Excel Workbook (.xlsx)."),
    "FILE_BINARY_FORMAT": (ERROR, "A binary .xlsb workbook: save it as an Excel Workbook (.xlsx)."),
    "FILE_MACROS": (ERROR, "A macro-enabled .xlsm workbook: save it as an Excel Workbook (.xlsx)."),
    "FILE_ENCRYPTED": (ERROR, "The workbook is password-protected."),
    "FILE_NOT_EXCEL": (ERROR, "Not an Excel workbook, whatever its name says."),
    "FILE_CORRUPT": (ERROR, "The workbook is damaged and cannot be opened."),
    "FILE_ZIP_BOMB": (ERROR, "The workbook would unpack to far more than a return could hold, or has too many parts."),
    "FILE_XML_ENTITIES": (ERROR, "The workbook's XML declares entities (an attack on XML readers)."),
    "SHEET_TOO_LARGE": (ERROR, "A sheet's cells reach too far for a return (a cell or merge far beyond the figures)."),
    "WORKBOOK_TOO_LARGE": (
        ERROR,
        "The workbook holds far more than a return could (a part over 16 MB unpacked, over 100,000 entries of shared "
        "text, or over 1,000,000 cells with a value).",
    ),
    "CELL_DAMAGED": (
        ERROR,
        "A cell whose saved content cannot be read (a number beyond Excel's, a text or style index that is not in "
        "the workbook, a date that is not a date, a cell or row reference that is not one).",
    ),
    "FORMULA_NO_VALUE": (ERROR, "A formula with no saved result: open and save the file in Excel, or type the figure."),
    "FORMULA_NOT_CALCULATED": (
        ERROR,
        "A formula whose saved result is a placeholder: the program that wrote the file (pandas, XlsxWriter, "
        "openpyxl...) asked Excel to calculate it on opening. Save the file from Excel or LibreOffice.",
    ),
    # Sheets, tables and months
    "SHEET_MISSING": (ERROR, "A sheet the return needs is missing."),
    "SHEET_UNKNOWN": (WARNING, "A sheet that is not part of the return, with something in it; it is not read."),
    "TABLE_MISSING": (ERROR, "No table with the expected headings was found on a sheet."),
    "TEAM_TABLE_MISSING": (ERROR, "The team sheet's headings were not found."),
    "MONTH_MISSING": (ERROR, "The month of the return is missing."),
    "MONTH_UNREADABLE": (ERROR, "A month that cannot be read as a month."),
    "MONTH_MISMATCH": (ERROR, "A sheet's month differs from the cover's."),
    "MONTH_DUPLICATE": (ERROR, "A backfill has two columns for the same month."),
    "MONTH_FUTURE": (ERROR, "The month has not started yet."),
    "MONTH_ALREADY_LOADED": (ERROR, "The month is already loaded: upload the file as a revision, with a reason."),
    "NO_FIGURES": (ERROR, "No figures were found in the workbook."),
    "COUNCIL_UNKNOWN": (ERROR, "The cover names a council that is not a council in England with children's services."),
    "COUNCIL_NOT_THIS_DASHBOARD": (
        ERROR,
        "The return is another council's; this dashboard holds one council's figures.",
    ),
    # KPI rows
    "KPI_UNKNOWN": (ERROR, "A KPI code or title that is not in the catalogue, or figures on a row with neither."),
    "KPI_NOT_REPORTED": (
        ERROR,
        "A figure or commentary for a KPI in a month outside its reporting period (reported_from, reported_until in "
        "the catalogue). A blank row for it is passed over.",
    ),
    "KPI_MISSING": (ERROR, "A required KPI has no row."),
    "KPI_DUPLICATE": (ERROR, "A KPI appears twice with different figures."),
    "KPI_CODE_TITLE_CONFLICT": (ERROR, "A row's code and title belong to different KPIs (rows moved?)."),
    "COMMENTARY_TOO_LONG": (ERROR, "Commentary over 2,000 characters."),
    "COMMENTARY_PERSONAL_DATA": (
        ERROR,
        "Commentary that seems to contain contact details (a phone number or e-mail address) or a child's "
        "identifying number (an NHS number or unique pupil number): commentary can be published.",
    ),
    # Figures
    "VALUE_NOT_NUMERIC": (ERROR, "A figure that is not a number."),
    "VALUE_NEGATIVE": (ERROR, "A negative figure."),
    "VALUE_NOT_WHOLE": (ERROR, "A count (of children, cases or people) that is not a whole number."),
    "PERCENT_OUT_OF_RANGE": (ERROR, "A percentage over 100."),
    "NUMERATOR_EXCEEDS_DENOMINATOR": (ERROR, "For a percentage, a numerator larger than its denominator."),
    "DENOMINATOR_ZERO": (ERROR, "A denominator of 0 with a numerator above 0."),
    "NOTHING_TO_MEASURE": (WARNING, "A numerator and denominator both 0: nothing to measure this month (No data)."),
    "RATIO_INCOMPLETE": (ERROR, "Only one of the numerator and denominator was given."),
    "VALUE_MISMATCH": (ERROR, "A typed value that disagrees with its numerator and denominator."),
    "RATIO_PARTS_MISSING": (
        ERROR,
        "A percentage or rate of children typed without its numerator and denominator: "
        "give both, so the public view can hide small numbers.",
    ),
    "TEAM_NAME_MISSING": (ERROR, "Team figures with no team name."),
    "TEAM_FIGURE_MISSING": (ERROR, "A team with an empty figure (the totals would be understated)."),
    "STATEMENT_PERSONAL_DATA": (
        ERROR,
        "An impact statement that seems to contain personal data (a date, phone number, e-mail address, postcode, "
        "NHS number or unique pupil number).",
    ),
    "STATEMENT_NO_CONSENT": (ERROR, "An impact statement without the family's recorded consent."),
    "STATEMENT_WORKSTREAM_UNKNOWN": (ERROR, "An impact statement for a workstream that does not exist."),
    "STATEMENT_TOO_LONG": (ERROR, "An impact statement over 600 characters."),
    "VALUE_MISSING": (WARNING, "No figure for a KPI: it will show as No data, never as zero."),
    "PERCENT_AMBIGUOUS": (WARNING, "A percentage typed as a number from 0 to 1, read the way that fits recent months."),
    "VALUE_IMPLAUSIBLE": (WARNING, "A figure far outside the range of the KPI's last 12 months."),
    "RED_WITHOUT_COMMENTARY": (
        WARNING,
        "A KPI turns Red this month (judged on the figure shown: the one computed from Annex A where there is one) "
        "and its row has no commentary.",
    ),
    "BACKFILL_REPLACES_DETAIL": (
        WARNING,
        "A backfill revising months already loaded whose figures have commentary or numerators and denominators, "
        "which a backfill does not carry: they would no longer be shown.",
    ),
    "COMMENTARY_SMALL_NUMBER": (
        WARNING,
        "Commentary marked public that counts from 1 to 4 (the suppression threshold) children, young people or "
        "families: the public view hides such small numbers.",
    ),
    "WRONG_KIND_OF_FILE": (ERROR, "An action log uploaded as a monthly return, or the other way round."),
    # Annex A: the child-level lists (loaders.annex_a)
    "ANNEX_NO_LISTS": (ERROR, "No sheet of the workbook is one of Annex A's lists."),
    "ANNEX_LIST_UNKNOWN": (WARNING, "A sheet that is not one of Annex A's lists; it is not read."),
    "ANNEX_LIST_DUPLICATE": (ERROR, "Two sheets hold the same list."),
    "ANNEX_COLUMN_MISSING": (ERROR, "A list has no column for a field its figures need."),
    "ANNEX_COLUMN_UNKNOWN": (WARNING, "A column heading that is not a known one for its list; it is not read."),
    "ANNEX_COLUMN_DUPLICATE": (ERROR, "Two columns of a list are headed as the same field."),
    "ANNEX_ID_MISSING": (ERROR, "A row with no child identifier."),
    "ANNEX_DATE_INVALID": (ERROR, "A date that is not a date."),
    "ANNEX_DATE_FUTURE": (ERROR, "A date after today."),
    "ANNEX_NUMBER_INVALID": (ERROR, "A count (of placements, plans, referrals) that is not a whole number, 0 or more."),
    "ANNEX_END_BEFORE_START": (ERROR, "An end date (closure, authorisation, conference) before its start date."),
    "ANNEX_NOT_IN_LIST": (
        WARNING,
        "A child in a list they cannot be in: looked after or on a plan on or after their 18th birthday, or a care "
        "leaver under 16. Counted as the list says: correct the record in the case-management system.",
    ),
    "ANNEX_ROW_DUPLICATE": (ERROR, "The same child and start date twice in a list of plans or periods of care."),
    "ANNEX_NO_DATES": (ERROR, "No contact, referral, assessment or conference date, so the month cannot be told."),
    "ANNEX_MONTH_PART": (
        WARNING,
        "The lists stop more than 2 working days before their month ends, so the month's counts may be partial.",
    ),
    "ANNEX_KPI_NOT_COMPUTED": (WARNING, "A KPI the lists would give cannot be computed (a list or column is missing)."),
    # SSDA903: the children looked after return's CSV tables (loaders.ssda903)
    "SSDA903_FILE_TOO_LARGE": (ERROR, "A file over 200 MB: no council's table is that large."),
    "SSDA903_NOT_CSV": (ERROR, "A file that is not text in UTF-8 or Windows-1252, as CSV files are."),
    "SSDA903_NO_EPISODES": (
        ERROR,
        "None of the files is the Episodes table, which every measure but care leavers' needs.",
    ),
    "SSDA903_TABLE_UNKNOWN": (WARNING, "A file whose headings are not those of an SSDA903 table; it is not read."),
    "SSDA903_TABLE_NOT_USED": (
        WARNING,
        "An SSDA903 table none of the measures needs (Reviews, Missing, ...); not read.",
    ),
    "SSDA903_TABLE_DUPLICATE": (ERROR, "Two files hold the same table."),
    "SSDA903_COLUMN_MISSING": (ERROR, "A table has no column for a field the measures need."),
    "SSDA903_ID_MISSING": (ERROR, "A row with no child identifier (CHILD)."),
    "SSDA903_DATE_INVALID": (ERROR, "A date that is not a date in the form dd/mm/yyyy."),
    "SSDA903_CODE_INVALID": (
        ERROR,
        "A reason for new episode (RNE) or care leaver's activity (ACTIV) not among the DfE's codes.",
    ),
    "SSDA903_END_BEFORE_START": (ERROR, "An episode that ends (DEC) before it starts (DECOM)."),
    # The children in need census's XML (loaders.cin_census)
    "CIN_FILE_TOO_LARGE": (
        ERROR,
        "A census file over 500 MB, or zipped and unzipping to that: no council's is that large.",
    ),
    "CIN_ARCHIVE_INVALID": (
        ERROR,
        "A zipped census (.zip or .gz) that cannot be unzipped, or a .zip holding anything but the one XML file.",
    ),
    "CIN_XML_ENTITIES": (ERROR, "A file that declares a DOCTYPE or entities, which the census never needs; not read."),
    "CIN_XML_INVALID": (ERROR, "A file that is not well-formed XML."),
    "CIN_NOT_CENSUS": (ERROR, "An XML file that is not the children in need census."),
    "CIN_NO_CHILDREN": (ERROR, "A census file with no children in it."),
    "CIN_ID_MISSING": (ERROR, "A child with no LAchildID."),
    "CIN_DATE_INVALID": (ERROR, "A date that is not a date in the form yyyy-mm-dd."),
    "CIN_NUMBER_INVALID": (ERROR, "A number of previous child protection plans that is not a whole number."),
    "CIN_END_BEFORE_START": (ERROR, "An end (closure, authorisation, conference, plan end) before its start."),
    # The improvement plan's action log (loaders.action_log)
    "SNAPSHOT_DATE_MISSING": (ERROR, "The action log's 'As at' date is missing."),
    "SNAPSHOT_DATE_UNREADABLE": (ERROR, "An 'As at' date that cannot be read as a date."),
    "SNAPSHOT_DATE_FUTURE": (ERROR, "The 'As at' date is in the future."),
    "SNAPSHOT_ALREADY_LOADED": (
        ERROR,
        "An action log for that month is already loaded: upload it as a revision, with a reason.",
    ),
    "COLUMN_MISSING": (ERROR, "A column the action log needs has no heading."),
    "NO_ACTIONS": (ERROR, "The action log has no actions."),
    "ACTION_ID_MISSING": (ERROR, "An action with no action ID."),
    "ACTION_DUPLICATE": (ERROR, "Two rows with the same action ID."),
    "ACTION_WORKSTREAM_UNKNOWN": (ERROR, "An action for a workstream that is not in the plan."),
    "ACTION_WORKSTREAM_NOT_IN_PLAN": (
        ERROR,
        "An action for a workstream in a month outside its months in the plan (reported_from, reported_until in the "
        "workstreams file).",
    ),
    "ACTION_TEXT_MISSING": (ERROR, "An action with no description."),
    "ACTION_OWNER_MISSING": (ERROR, "An action with no senior responsible officer."),
    "ACTION_DATE_UNREADABLE": (ERROR, "A start or due date that is missing (due) or cannot be read as a date."),
    "ACTION_DATES_REVERSED": (ERROR, "A due date before the action's start date."),
    "ACTION_STATUS_UNKNOWN": (ERROR, "A BRAG status other than Blue, Green, Amber or Red."),
    "ACTION_PERCENT_INVALID": (ERROR, "A % complete that is not a number from 0 to 100."),
    "ACTION_KPI_UNKNOWN": (ERROR, "An impact KPI code that is not in the catalogue."),
    "ACTION_PERSONAL_DATA": (
        ERROR,
        "An action or update that seems to contain contact details (a phone number or e-mail address) or a child's "
        "identifying number (an NHS number or unique pupil number): the dashboard is shared widely.",
    ),
    "ACTION_TEXT_TOO_LONG": (ERROR, "An action or update over 1,000 characters."),
    "ACTION_COMPLETE_MISMATCH": (
        WARNING,
        "An action marked Blue (complete) that is under 100% complete, or 100% complete and not Blue.",
    ),
    "ACTION_NO_IMPACT_KPI": (WARNING, "An action with no impact KPI: the dashboard cannot show its impact."),
    "ACTION_KPI_NOT_REPORTED": (
        WARNING,
        "An impact KPI that is not reported in the log's month (the catalogue's reported_from or reported_until): "
        "the action's impact on it is not shown.",
    ),
    "ACTION_REMOVED": (WARNING, "An action in the previous snapshot that is not in this one."),
}

_CODES = list(RULES)
_FILE = [code for code in _CODES if code.startswith("FILE_")] + ["FORMULA_NO_VALUE"]
_PLAN = _CODES[_CODES.index("SNAPSHOT_DATE_MISSING") :]
_ANNEX = _CODES[_CODES.index("ANNEX_NO_LISTS") : _CODES.index("SSDA903_FILE_TOO_LARGE")]
_SSDA903 = _CODES[_CODES.index("SSDA903_FILE_TOO_LARGE") : _CODES.index("CIN_FILE_TOO_LARGE")]
_CIN = _CODES[_CODES.index("CIN_FILE_TOO_LARGE") : _CODES.index("SNAPSHOT_DATE_MISSING")]
_SHARED = ["SHEET_MISSING", "SHEET_UNKNOWN", "TABLE_MISSING", "WRONG_KIND_OF_FILE", "PERCENT_AMBIGUOUS"]

# The rules each upload applies, for the lists shown on the upload pages.
ACTION_LOG_RULES = _FILE + _SHARED + _PLAN
MONTHLY_RETURN_RULES = [code for code in _CODES if code not in _PLAN + _ANNEX + _SSDA903 + _CIN]
ANNEX_A_RULES = [*_FILE, "SHEET_TOO_LARGE", "WORKBOOK_TOO_LARGE", "CELL_DAMAGED", "MONTH_ALREADY_LOADED", *_ANNEX]
SSDA903_RULES = _SSDA903
CIN_RULES = _CIN
