"""Upload action log: the improvement plan's action log as a dated snapshot, checked, previewed, then committed."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.months import day_label, month_label
from domain.plan import change_summary
from loaders.upload_service import ACTION_LOG_RULES
from ui import auth, upload_flow, uploads
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
st.download_button(
    "Download the blank action log template",
    uploads.action_log_template_bytes(context),
    file_name="action_log_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",  # a download does not run the page again (ui/download_guard.py)
    help="Generated from the workstream list and the KPI catalogue, so it always offers the current ones.",
)
uploads.rules_expander(ACTION_LOG_RULES, "Every check made on an action log")


def check(uploaded):
    with st.spinner("Checking the file…"):
        return uploads.check_plan(uploaded, context.catalogue, context.workstreams)


def describe(checked) -> str:
    parsed = checked.parsed
    against = (
        f" Compared with the snapshot of {day_label(checked.baseline.as_at)}:"
        if checked.baseline
        else " This is the first snapshot:"
    )
    return (
        f"**{plain(checked.file_name)}**: action log as at **{day_label(parsed.as_at)}**, "
        f"{len(parsed.actions)} actions.{against} {change_summary(checked.changes)}"
    )


def revision(checked) -> str:
    return (
        f"An action log for {month_label(checked.parsed.month)} is already loaded. This upload would be a "
        "revision: it becomes the snapshot shown for that month and the earlier one is kept."
    )


def preview(checked) -> None:
    shown = [c for c in checked.changes if c.kind != "unchanged"]
    if not shown:
        st.write("Every action is the same as in the snapshot shown now.")
        return
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


def done(checked, outcome) -> upload_flow.Done:
    kind = " as a revision" if outcome.is_revision else ""
    return upload_flow.Done(
        f"Loaded {checked.file_name}{kind} as submission {outcome.submission_id}: {outcome.value_count} actions as at "
        f"{day_label(checked.parsed.as_at)}. The Workstreams page now shows them.",
        "pages/workstreams.py",
        "Open the Workstreams page",
        {},
    )


upload_flow.run(
    upload_flow.UploadFlow(
        key="plan",
        file_label="Action log workbook",
        file_help="",
        check=check,
        commit=uploads.commit_plan,
        describe=describe,
        revision=revision,
        already_loaded_rule="SNAPSHOT_ALREADY_LOADED",
        confirm_label="I have checked these warnings and the action log is right",
        preview=preview,
        button_label="Load this action log",
        done=done,
    ),
    context.actor,
)
