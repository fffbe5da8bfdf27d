"""Upload: the performance team's monthly return (or a backfill workbook), checked, previewed, then committed."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.months import month_label, span_label
from domain.preview import commentary_summary, summary
from domain.units import format_value
from loaders.upload_service import MONTHLY_RETURN_RULES
from ui import auth, filters, upload_flow, uploads
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
st.download_button(
    "Download the blank template",
    uploads.template_bytes(context),
    file_name="monthly_return_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",  # a download does not run the page again (ui/download_guard.py)
    help="Generated from the KPI catalogue, so it always lists the KPIs reported last month and this month.",
)

uploads.rules_expander(MONTHLY_RETURN_RULES, "Every check made on an upload")


def check(uploaded):
    bar = st.progress(0.0, text="Checking the file…")
    checked = uploads.check(uploaded, context.catalogue, progress=lambda share, text: bar.progress(share, text=text))
    bar.empty()
    return checked


def describe(checked) -> str:
    months = checked.parsed.months
    span = span_label(months)
    kind = "Backfill workbook" if checked.parsed.is_backfill else "Monthly return"
    return (
        f"**{plain(checked.file_name)}**: {kind.lower()} for **{span}**, "
        f"{len(checked.parsed.rows)} figures. {summary(checked.changes)} {commentary_summary(checked.commentary)}"
    ).strip()


def revision(checked) -> str:
    loaded = ", ".join(month_label(m) for m in checked.loaded_months[:6])
    return (
        f"Figures for {loaded}{' and more' if len(checked.loaded_months) > 6 else ''} are already loaded. "
        "This upload would be a revision: the new figures become current and the earlier ones are kept."
    )


def preview(checked) -> None:
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
    if not rows:
        st.write("Every figure in the file is the same as the figure shown now.")
    else:
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
    notes = [
        [escape(f"{c.kpi.code} {c.kpi.title}"), escape(month_label(c.month)), escape(c.before), escape(c.after), c.kind]
        for c in checked.commentary[:200]
    ]
    if notes:
        st.html(
            STYLE
            + table(
                "Commentary that would change",
                ["KPI", "Month", "Now", "After upload", "Change"],
                notes,
                widths=[24, 12, 26, 26, 12],
            )
        )
    if len(checked.commentary) > 200:
        st.caption(f"The first 200 of {len(checked.commentary)} changes to commentary are listed.")


def done(checked, outcome) -> upload_flow.Done:
    newest = month_label(max(outcome.months))
    kind = " as a revision" if outcome.is_revision else ""
    return upload_flow.Done(
        f"Loaded {checked.file_name}{kind} as submission {outcome.submission_id}: {outcome.value_count} figures "
        f"({outcome.missing_count} missing). The dashboard now shows them.",
        "pages/scorecard.py",
        f"Open the scorecard for {newest}",
        {filters.MONTH_KEY: newest},
    )


upload_flow.run(
    upload_flow.UploadFlow(
        key="upload",
        file_label="Monthly return or backfill workbook",
        file_help="A backfill workbook has one sheet named 'Backfill' with KPIs down and months across.",
        check=check,
        commit=uploads.commit,
        describe=describe,
        revision=revision,
        already_loaded_rule="MONTH_ALREADY_LOADED",
        confirm_label="I have checked these warnings and the figures are right",
        preview=preview,
        button_label="Load these figures",
        done=done,
    ),
    context.actor,
)
