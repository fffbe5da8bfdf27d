"""Upload Annex A: the month's child-level lists, read in memory, turned into KPI figures by the written definitions,
previewed against last month and the typed return, then only the figures committed."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.months import add_months, day_label, month_label
from domain.preview import same_figure, summary
from domain.units import format_value
from loaders.upload_service import ANNEX_A_LIST_TITLES, ANNEX_A_RULES
from ui import auth, filters, upload_flow, uploads
from ui import context as app_context
from ui.html import STYLE, status_badge, table
from ui.text import plain

context = app_context.load()
auth.page_needs(context.actor, Permission.CHANGE_DATA)
app_context.child_level_definitions(context.catalogue)  # before anything is uploaded: they must fit the catalogue

st.title("Upload an Annex A workbook")
st.markdown(
    "Upload the month's Annex A (the child-level lists Ofsted asks for at inspection) as an Excel workbook (.xlsx). "
    "The dashboard works out each KPI it can from the lists, by the definitions on the Definitions page, and shows "
    "them beside last month's figures and the figures typed in the monthly return before anything is saved."
)
st.info(
    "**No child's details are kept.** The lists are read in memory and dropped as soon as the figures are worked "
    "out: the database stores only the figures, the number of rows in each list and the file's fingerprint. "
    "A figure computed from the lists is shown in place of the typed one; both are kept.",
    icon=":material/shield:",
)
uploads.rules_expander(ANNEX_A_RULES, "Every check made on an Annex A workbook")


def check(uploaded):
    with st.spinner("Reading the lists and working out the figures…"):
        return uploads.check_annex(uploaded, context.catalogue)


def describe(checked) -> str:
    parsed = checked.parsed
    rows = sum(parsed.row_counts.values())
    return (
        f"**{plain(checked.file_name)}**: Annex A for **{month_label(parsed.month)}** (the latest date in the lists is "
        f"{day_label(parsed.latest_date)}), {rows:,} rows in {len(parsed.row_counts)} lists, giving "
        f"{len(parsed.figures)} KPI figures. {summary(checked.changes)}"
    )


def revision(checked) -> str:
    return (
        f"An Annex A for {month_label(checked.parsed.month)} is already loaded. This upload would be a revision: its "
        "figures become the ones shown and the earlier ones are kept."
    )


def _list_table(parsed) -> str:
    rows = [
        [escape(f"List {number}"), escape(ANNEX_A_LIST_TITLES.get(number, "")), escape(f"{count:,}")]
        for number, count in sorted(parsed.row_counts.items())
    ]
    return table("Rows read in each list", ["List", "Name", "Rows"], rows, numeric={2}, widths=[15, 60, 25])


def _typed(checked, kpi, computed) -> str:
    if kpi.code not in checked.typed:
        return "not loaded"
    typed = checked.typed[kpi.code]
    word = "agrees" if same_figure(kpi, typed, computed) else "differs"
    return escape(format_value(typed, kpi.unit, kpi.decimals)) + f'<span class="note">{word}</span>'


def _figure_table(checked) -> str:
    month = checked.parsed.month
    rows = [
        [
            escape(f"{c.kpi.code} {c.kpi.title}"),
            escape(format_value(c.new, c.kpi.unit, c.kpi.decimals)),
            escape(format_value(checked.last_month.get(c.kpi.code), c.kpi.unit, c.kpi.decimals)),
            _typed(checked, c.kpi, c.new),
            status_badge(c.new_status),
        ]
        for c in checked.changes
    ]
    headers = [
        "KPI",
        f"From this file ({month_label(month)})",
        f"Last month ({month_label(add_months(month, -1))})",
        "Typed in the monthly return",
        "Status after upload",
    ]
    caption = f"Figures worked out from {checked.file_name}"
    return table(caption, headers, rows, numeric={1, 2, 3}, widths=[36, 15, 15, 18, 16])


def preview(checked) -> None:
    parsed = checked.parsed
    st.html(STYLE + _figure_table(checked) + _list_table(parsed))
    if parsed.skipped:
        st.markdown(
            "**Not worked out from this file:** "
            + "; ".join(f"{plain(s.kpi)} ({plain(s.reason)})" for s in parsed.skipped)
            + ". These keep the figure typed in the monthly return."
        )
    st.download_button(
        f"Download the {month_label(parsed.month)} return, pre-filled from these lists",
        uploads.prefilled_return(checked, context.catalogue),
        file_name=f"monthly_return_{parsed.month:%Y-%m}_prefilled.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",  # a download does not run the page again (ui/download_guard.py)
        help="The monthly return with every figure these lists give filled in and shaded green (each with a comment "
        "saying where it came from), and the team caseloads: type only what no list holds.",
    )


def done(checked, outcome) -> upload_flow.Done:
    month = month_label(checked.parsed.month)
    kind = " as a revision" if outcome.is_revision else ""
    return upload_flow.Done(
        f"Loaded {checked.file_name}{kind} as submission {outcome.submission_id}: {outcome.value_count} figures "
        f"worked out from the lists for {month} ({outcome.missing_count} missing). The lists themselves were not kept.",
        "pages/scorecard.py",
        f"Open the scorecard for {month}",
        {filters.MONTH_KEY: month},
    )


upload_flow.run(
    upload_flow.UploadFlow(
        key="annex",
        file_label="Annex A workbook",
        file_help="One sheet per list (List 1 Contacts to List 11 Adopters), with the column headings of the "
        "Ofsted template; lists you do not keep may be left out.",
        check=check,
        commit=uploads.commit_annex,
        describe=describe,
        revision=revision,
        already_loaded_rule="MONTH_ALREADY_LOADED",
        confirm_label="I have checked these warnings and the figures are right",
        preview=preview,
        button_label="Load these figures",
        done=done,
        child_level=True,
    ),
    context.actor,
)
