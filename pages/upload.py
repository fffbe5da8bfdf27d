"""Upload: the performance team's monthly return (or a backfill workbook), checked, previewed, then committed."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.months import month_label
from domain.preview import summary
from domain.units import format_value
from loaders import upload_service
from loaders.upload_service import ERROR, MONTHLY_RETURN_RULES, RULES, ReturnRejected, UploadConflict
from ui import auth, uploads
from ui import context as app_context
from ui.html import STYLE, status_badge, table
from ui.text import plain

context = app_context.load()
auth.page_needs(context.actor, Permission.CHANGE_DATA)

st.title("Upload a monthly return")
st.markdown(
    "Upload the month's return as an Excel workbook (.xlsx). It is checked completely and you see exactly what "
    "would change before anything is saved. Nothing is ever overwritten: every earlier version is kept and any "
    "upload can be rolled back from the History page."
)
catalogue_file = auth.settings().catalogue
st.download_button(
    "Download the blank template",
    uploads.template_bytes(str(catalogue_file), catalogue_file.stat().st_mtime, context.catalogue),
    file_name="monthly_return_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    help="Generated from the KPI catalogue, so it always lists the current KPIs.",
)

with st.expander("What the checks look for"):
    rule_rows = [
        [escape(code), "Blocks the file" if kind == ERROR else "Needs confirming", escape(text)]
        for code in MONTHLY_RETURN_RULES
        for kind, text in [RULES[code]]
    ]
    st.html(
        STYLE + table("Every check made on an upload", ["Rule", "Effect", "Meaning"], rule_rows, widths=[28, 16, 56])
    )

if "upload_done" in st.session_state:
    st.success(st.session_state.pop("upload_done"))
    st.page_link("pages/scorecard.py", label="Open the scorecard")

st.caption(f"The upload will be recorded as made by {plain(context.actor.description)}.")
uploaded = st.file_uploader(
    "Monthly return or backfill workbook",
    type=upload_service.ACCEPTED_TYPES,
    key="upload_file",
    help=f"{upload_service.SAVE_AS_XLSX} A backfill workbook has one sheet named 'Backfill' with KPIs down and months "
    "across.",
)
if uploaded is None:
    st.stop()

if st.session_state.get("checked_id") != uploaded.file_id:
    bar = st.progress(0.0, text="Checking the file…")
    checked = uploads.check(uploaded, context.catalogue, progress=lambda share, text: bar.progress(share, text=text))
    bar.empty()
    st.session_state.update(checked=checked, checked_id=uploaded.file_id)
checked = st.session_state["checked"]

if checked.duplicate_of is not None:
    st.info(f"{plain(checked.file_name)} has been loaded already (submission {checked.duplicate_of}). Nothing to do.")
    st.stop()

if checked.parsed is not None:
    months = checked.parsed.months
    span = month_label(months[0]) + (f" to {month_label(months[-1])}" if len(months) > 1 else "")
    kind = "Backfill workbook" if checked.parsed.is_backfill else "Monthly return"
    st.markdown(
        f"**{plain(checked.file_name)}**: {kind.lower()} for **{span}**, "
        f"{len(checked.parsed.rows)} figures. {summary(checked.changes)}"
    )

reason = None
if checked.is_revision:
    loaded = ", ".join(month_label(m) for m in checked.loaded_months[:6])
    st.warning(
        f"Figures for {loaded}{' and more' if len(checked.loaded_months) > 6 else ''} are already loaded. "
        "This upload would be a revision: the new figures become current and the earlier ones are kept."
    )
    reason = st.text_area("Reason for the revision (required)", key="revision_reason")
    checked.reason = reason.strip() or None

errors = [p for p in checked.errors if not (p.rule == "MONTH_ALREADY_LOADED" and checked.is_revision)]
confirmed = uploads.show_problems(
    checked, errors, "I have checked these warnings and the figures are right", "confirm_warnings"
)

st.subheader("What would change")
shown = [c for c in checked.changes if c.kind != "unchanged"]
colour_changes = [c for c in checked.changes if c.status_changed]
if colour_changes:
    rows = [
        [
            escape(f"{c.kpi.code} {c.kpi.title}"),
            escape(month_label(c.month)),
            escape(month_label(c.compared_with or c.month)) + " " + status_badge(c.old_status),
            status_badge(c.new_status),
        ]
        for c in colour_changes[:200]
    ]
    st.html(
        STYLE
        + table(
            "Statuses that would change colour",
            ["KPI", "Month", "Members saw", "After upload"],
            rows,
            widths=[44, 14, 24, 18],
        )
    )
rows = [
    [
        escape(f"{c.kpi.code} {c.kpi.title}"),
        escape(month_label(c.month)),
        escape(format_value(c.old, c.kpi.unit, c.kpi.decimals) if c.kind != "new" else "not loaded"),
        escape(format_value(c.new, c.kpi.unit, c.kpi.decimals)),
        escape(c.kind.capitalize()),
    ]
    for c in shown[:500]
]
if rows:
    st.html(
        STYLE
        + table(
            "New and changed figures",
            ["KPI", "Month", "Now", "After upload", "Change"],
            rows,
            numeric={2, 3},
            widths=[44, 14, 14, 14, 14],
        )
    )
    if len(shown) > 500:
        st.caption(f"The first 500 of {len(shown)} new or changed figures are listed.")
else:
    st.write("Every figure in the file is the same as the figure shown now.")

ready = confirmed and not checked.errors
if st.button("Load these figures", type="primary", disabled=not ready):
    try:
        outcome = uploads.commit(checked, context.actor, checked.reason)
    except (ReturnRejected, UploadConflict) as problem:
        st.error(str(problem))
        st.session_state.pop("checked_id", None)
        st.stop()
    kind = "as a revision" if outcome.is_revision else ""
    st.session_state["upload_done"] = (
        f"Loaded {checked.file_name} {kind} as submission {outcome.submission_id}: {outcome.value_count} figures "
        f"({outcome.missing_count} missing). The dashboard now shows them."
    )
    for key in ("checked", "checked_id", "upload_file", "revision_reason", "confirm_warnings"):
        st.session_state.pop(key, None)
    st.rerun()
