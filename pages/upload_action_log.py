"""Upload action log: the improvement plan's action log as a dated snapshot, checked, previewed, then committed."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.months import month_label
from domain.plan import change_summary
from loaders import upload_service
from loaders.upload_service import ACTION_LOG_RULES, ERROR, RULES, ReturnRejected, UploadConflict
from ui import auth, uploads
from ui import context as app_context
from ui.html import STYLE, action_badge, table
from ui.text import plain

context = app_context.load()
auth.page_needs(context.actor, Permission.CHANGE_DATA)

st.title("Upload the improvement plan's action log")
st.markdown(
    "Upload the action log as an Excel workbook (.xlsx): one row per action with its BRAG status, % complete and the "
    "KPIs it is meant to move. Each upload is a dated snapshot, so the Workstreams page can show progress over time. "
    "It is checked completely and you see what would change before anything is saved; earlier snapshots are kept "
    "and any upload can be rolled back from the History page."
)
catalogue_file, workstreams_file = auth.settings().catalogue, auth.settings().workstreams
st.download_button(
    "Download the blank action log template",
    uploads.action_log_template_bytes(
        catalogue_file.stat().st_mtime, workstreams_file.stat().st_mtime, context.catalogue, context.workstreams
    ),
    file_name="action_log_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    help="Generated from the workstream list and the KPI catalogue, so it always offers the current ones.",
)
with st.expander("What the checks look for"):
    rule_rows = [
        [escape(code), "Blocks the file" if RULES[code][0] == ERROR else "Needs confirming", escape(RULES[code][1])]
        for code in ACTION_LOG_RULES
    ]
    st.html(
        STYLE
        + table("Every check made on an action log", ["Rule", "Effect", "Meaning"], rule_rows, widths=[28, 16, 56])
    )

if "plan_upload_done" in st.session_state:
    st.success(st.session_state.pop("plan_upload_done"))
    st.page_link("pages/workstreams.py", label="Open the Workstreams page")

st.caption(f"The upload will be recorded as made by {plain(context.actor.description)}.")
uploaded = st.file_uploader(
    "Action log workbook", type=upload_service.ACCEPTED_TYPES, key="plan_file", help=upload_service.SAVE_AS_XLSX
)
if uploaded is None:
    st.stop()

if st.session_state.get("plan_checked_id") != uploaded.file_id:
    with st.spinner("Checking the file…"):
        checked = uploads.check_plan(uploaded, context.catalogue, context.workstreams)
    st.session_state.update(plan_checked=checked, plan_checked_id=uploaded.file_id)
checked = st.session_state["plan_checked"]

if checked.duplicate_of is not None:
    st.info(f"{plain(checked.file_name)} has been loaded already (submission {checked.duplicate_of}). Nothing to do.")
    st.stop()

if checked.parsed is not None:
    parsed = checked.parsed
    against = (
        f" Compared with the snapshot of {checked.baseline.as_at:%-d %B %Y}:"
        if checked.baseline
        else " This is the first snapshot:"
    )
    st.markdown(
        f"**{plain(checked.file_name)}**: action log as at **{parsed.as_at:%-d %B %Y}**, "
        f"{len(parsed.actions)} actions.{against} {change_summary(checked.changes)}"
    )

if checked.is_revision:
    st.warning(
        f"An action log for {month_label(checked.parsed.month)} is already loaded. This upload would be a "
        "revision: it becomes the snapshot shown for that month and the earlier one is kept."
    )
    checked.reason = st.text_area("Reason for the revision (required)", key="plan_revision_reason").strip() or None

errors = [p for p in checked.errors if p.rule != "SNAPSHOT_ALREADY_LOADED"]
confirmed = uploads.show_problems(
    checked, errors, "I have checked these warnings and the action log is right", "plan_confirm"
)

st.subheader("What would change")
shown = [c for c in checked.changes if c.kind != "unchanged"]
if shown:
    rows = []
    for change in shown:
        action = change.after or change.before
        rows.append(
            [
                escape(action.action_id) + f'<span class="note">{escape(action.action)}</span>',
                escape(change.kind.capitalize()),
                action_badge(change.before.status) if change.before else "Not in the log",
                action_badge(change.after.status) if change.after else "Removed",
                escape(
                    f"{change.after.percent_complete:g}%"
                    if change.after and change.after.percent_complete is not None
                    else "—"
                ),
            ]
        )
    st.html(
        STYLE
        + table(
            "New, changed and removed actions",
            ["Action", "Change", "Now", "After upload", "Complete"],
            rows,
            numeric={4},
            widths=[40, 12, 19, 19, 10],
        )
    )
else:
    st.write("Every action is the same as in the snapshot shown now.")

ready = confirmed and not checked.errors
if st.button("Load this action log", type="primary", disabled=not ready):
    try:
        outcome = uploads.commit_plan(checked, context.actor, checked.reason)
    except (ReturnRejected, UploadConflict) as problem:
        st.error(str(problem))
        st.session_state.pop("plan_checked_id", None)
        st.stop()
    kind = " as a revision" if outcome.is_revision else ""
    st.session_state["plan_upload_done"] = (
        f"Loaded {checked.file_name}{kind} as submission {outcome.submission_id}: {outcome.value_count} actions as at "
        f"{checked.parsed.as_at:%-d %B %Y}. The Workstreams page now shows them."
    )
    for key in ("plan_checked", "plan_checked_id", "plan_file", "plan_revision_reason", "plan_confirm"):
        st.session_state.pop(key, None)
    st.rerun()
