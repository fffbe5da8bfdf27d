"""History: every submission, who loaded it and why, and rolling one back."""

from html import escape

import streamlit as st

from accounts.roles import Permission, can
from domain.annual_returns import KIND_TITLES, compare_year
from domain.months import day_label, moment_label, month_label
from domain.units import format_change, format_value
from loaders.upload_service import RollbackRefused
from ui import annual_views, auth, long_lists, uploads
from ui import context as app_context
from ui.html import STYLE, table
from ui.text import plain

context = app_context.load()
auth.page_needs(context.actor, Permission.SEE_HISTORY)

annual_definitions = app_context.annual_return_definitions()  # before the heading, as is every file a council
published = app_context.published(context).by_kpi  # may edit (a slip in typing it stops the page here)
st.title("Upload history")
st.markdown(
    "Every upload is kept: monthly returns, Annex A uploads and annual returns (only the figures worked out from "
    "them) and the improvement plan's action logs. The newest accepted upload for a month is the one shown on the "
    "dashboard; rolling an upload back makes the previous version current again. Nothing is deleted."
)
if "rollback_done" in st.session_state:
    st.success(st.session_state.pop("rollback_done"))

frame = uploads.history(context.council)  # the chosen council's (the app says whose when there are several)
if frame.empty:
    st.info("Nothing has been uploaded yet.")
    st.stop()

st.subheader("Roll back an upload")
accepted = frame[frame.status == "accepted"].sort_values("submission_id", ascending=False)
KINDS = {
    "action_log": "Action log",
    "kpi_return": "KPI figures",
    "annex_a": "Annex A (figures computed)",
    "ssda903": "SSDA903 (annual measures)",
    "cin_census": "CIN census (annual measures)",
}
labels = {
    int(r.submission_id): f"{r.submission_id}: {KINDS.get(r.kind, r.kind)}, {r.file_name} ({month_label(r.first_month)}"
    + ("" if r.first_month == r.last_month else f" to {month_label(r.last_month)}")
    + ")"
    for r in accepted.itertuples()
}
if not can(context.actor, Permission.CHANGE_DATA):
    st.write("Only the performance team can roll an upload back.")
elif accepted.empty:
    st.write("There is no current upload to roll back.")
else:
    with st.form("rollback"):
        chosen = st.selectbox(
            "Upload to roll back",
            list(labels),
            format_func=labels.get,
            index=None,  # so that a choice someone else rolled back meanwhile goes back to none, not to the newest
            placeholder="Choose the upload to roll back",
            key="rollback_choice",
        )
        sure = st.checkbox(
            "I understand that this upload will no longer be shown, and the one before it for the same "
            "months (if any) will be shown again",
            key="rollback_sure",
        )
        if st.form_submit_button("Roll back"):
            if chosen is None:
                st.error(
                    "Choose the upload to roll back. If you had chosen one, someone rolled it back since this page "
                    "was drawn: nothing was rolled back."
                )
            elif not sure:
                st.error("Tick the box to confirm.")
            else:
                try:
                    uploads.roll_back(chosen, context.actor)
                except RollbackRefused as refused:
                    st.error(str(refused))
                else:
                    st.session_state["rollback_done"] = (
                        f"Submission {chosen} was rolled back by {plain(context.actor.description)}."
                    )
                    st.rerun()

st.subheader("All uploads")
listed, caption = long_lists.newest_first(
    frame.sort_values("submission_id", ascending=False), "kind", KINDS, "Submissions", "history"
)
rows = []
for row in listed.itertuples():
    months = month_label(row.first_month) + (
        "" if row.first_month == row.last_month else f" to {month_label(row.last_month)}"
    )
    status = (
        "Current"
        if row.status == "accepted"
        else (f"Rolled back by {row.rolled_back_by}, {moment_label(row.rolled_back_at)}")
    )
    source = " (demonstration)" if row.is_demo else ""
    rows.append(
        [
            str(row.submission_id),
            escape(moment_label(row.uploaded_at)),
            escape(row.uploaded_by + source),
            escape(months),
            escape(row.file_name)
            + f'<span class="note">{escape(KINDS.get(row.kind, row.kind))}; SHA-256 {escape(row.sha256[:12])}…</span>',
            (
                f"{row.value_count} actions"
                if row.kind == "action_log"
                else f"{row.value_count} figures ({row.missing_count} missing)"
            ),
            escape(status),
            escape(row.reason or ""),
        ]
    )
st.html(
    STYLE
    + table(
        caption,
        ["ID", "Loaded", "By", "Months", "File", "Contents", "Status", "Reason"],
        rows,
        widths=[6, 12, 14, 14, 20, 10, 12, 12],
    )
)

st.subheader("Computed and typed figures")
compared = app_context.reconciled(context)
differ = [r for r in compared if not r.agrees]
if not compared:
    st.markdown(
        "No KPI has both a figure computed from an Annex A upload and a figure typed in a monthly return for the same "
        "month."
    )
else:
    st.markdown(
        f"{len(compared)} KPI figures were both computed from the Annex A lists and typed in a monthly return; "
        + (
            f"{len(differ)} differ (listed below, newest month first). The dashboard shows the computed figure."
            if differ
            else "they all agree."
        )
    )
if differ:
    st.html(
        STYLE
        + table(
            "Computed and typed figures that differ, newest month first",
            ["KPI", "Month", "Computed (submission)", "Typed (submission)", "Typed minus computed"],
            [
                [
                    escape(f"{r.kpi.code} {r.kpi.title}"),
                    escape(month_label(r.month)),
                    escape(f"{format_value(r.computed, r.kpi.unit, r.kpi.decimals)} ({r.computed_submission})"),
                    escape(f"{format_value(r.typed, r.kpi.unit, r.kpi.decimals)} ({r.typed_submission})"),
                    escape(
                        format_change(r.difference, r.kpi.unit, r.kpi.decimals)
                        if r.difference is not None
                        else "one missing"
                    ),
                ]
                for r in differ
            ],
            numeric={2, 3, 4},
            widths=[34, 14, 18, 18, 16],
        )
    )

st.subheader("Annual returns beside the published and monthly figures")
years = app_context.annual_years(context)
if not years:
    st.markdown("No annual return (SSDA903 or children in need census) has been kept yet.")
for year in years:
    compared = compare_year(
        list(year.figures),
        year.year_end,
        context.catalogue,
        published,
        context.values,
        annual_definitions,
    )
    st.html(
        annual_views.comparison_table(
            compared,
            f"{KIND_TITLES[year.kind]}, year to {day_label(year.year_end)} (submission {year.submission_id})",
        )
    )
