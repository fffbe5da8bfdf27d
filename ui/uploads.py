"""Streamlit glue for the upload and history pages: template bytes, checking an uploaded file, committing it, and
the tables of problems both upload pages show."""

import datetime as dt
from html import escape

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from accounts.roles import Actor
from config import clock
from database.connection import open_store
from domain.catalogue import Catalogue
from domain.councils import councils
from domain.months import first_of_month
from domain.store import submissions
from domain.workstreams import Workstream
from loaders import upload_service
from loaders.upload_service import (
    CheckedActionLog,
    CheckedAnnexA,
    CheckedUpload,
    IngestOutcome,
    Problem,
    commit_action_log,
    commit_annex_a,
    commit_upload,
    rollback,
)
from ui import auth
from ui.context import Context, database_version
from ui.html import STYLE, table
from ui.text import plain


def box_key(name: str) -> str:
    """The key of an upload box. Its number goes up when the page is done with the box's files (done_with), so that
    the page then draws a new, empty box: Streamlit's box would otherwise go on showing them."""
    return f"{name}_file_{st.session_state.get(f'{name}_box', 0)}"


def done_with(name: str, *uploaded) -> None:
    """Free the files in the box `name` from memory (forget) and give the box a new key, so the page draws a new,
    empty box: after the files are loaded, and for child-level files as soon as they are checked."""
    forget(*uploaded)
    st.session_state[f"{name}_box"] = st.session_state.get(f"{name}_box", 0) + 1


def forget(*uploaded) -> None:
    """Free uploaded files' bytes from the server's memory. Streamlit keeps an uploaded file for the whole browser
    session unless the person removes it from the box, so without this a file the page has finished with (loaded,
    or a child-level file once checked) would stay in memory until the tab is closed."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.uploaded_file_mgr is not None:
        for file in uploaded:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, file.file_id)


def held_note(file_names: tuple[str, ...], *keys: str, until: str = "loaded") -> None:
    """Under a new, empty box: say that child-level files were checked and are no longer held, with a button that
    clears their check (the session `keys`) and draws the page again."""
    several = len(file_names) > 1
    st.caption(
        f"Checked {plain(', '.join(file_names))}. "
        + ("The files themselves are" if several else "The file itself is")
        + f" no longer held: only what is shown below is, in this session, until it is {until} or cleared. Upload "
        + ("other files" if several else "another file")
        + " above to check "
        + ("them" if several else "it")
        + " instead."
    )
    if st.button("Clear this check", key=f"{keys[0]}_clear"):
        for key in keys:
            st.session_state.pop(key, None)
        st.rerun()


def template_bytes(context: Context) -> bytes:
    """The blank return for the current catalogue and month (rebuilt when either changes)."""
    return _template_bytes(context.catalogue_key, first_of_month(clock.today()), context.catalogue)


@st.cache_resource(show_spinner=False, max_entries=2)
def _template_bytes(catalogue_key: tuple, this_month: dt.date, _catalogue: Catalogue) -> bytes:
    return upload_service.return_template_bytes(_catalogue, this_month)


def action_log_template_bytes(context: Context) -> bytes:
    """The blank action log for the current workstreams, catalogue and month (rebuilt when any changes)."""
    this_month = first_of_month(clock.today())
    return _action_log_template_bytes(
        context.catalogue_key, context.workstreams_key, this_month, context.catalogue, context.workstreams
    )


@st.cache_resource(show_spinner=False, max_entries=2)
def _action_log_template_bytes(
    catalogue_key: tuple,
    workstreams_key: tuple,
    this_month: dt.date,
    _catalogue: Catalogue,
    _workstreams: dict[str, Workstream],
) -> bytes:
    return upload_service.action_log_template_bytes(_catalogue, _workstreams, this_month)


def problem_table(problems: list[Problem], caption: str) -> str:
    rows = [[escape(p.rule), escape(p.sheet or "—"), escape(p.cell or "—"), escape(p.message)] for p in problems]
    return STYLE + table(caption, ["Rule", "Sheet", "Cell", "What to do"], rows, widths=[20, 18, 8, 54])


def show_problems(checked, errors: list[Problem], confirm_label: str, key: str) -> bool:
    """Show an upload's errors and stop the page, or its warnings with a tick box. Returns whether any warnings
    are confirmed (True when there are none)."""
    if errors:
        st.error(
            f"This file cannot be loaded: {len(errors)} problem{'s' if len(errors) != 1 else ''} to fix. "
            "Nothing has been saved. Fix the workbook and upload it again."
        )
        st.html(problem_table(errors, f"Problems in {checked.file_name}"))
        st.stop()
    if not checked.warnings:
        return True
    count = len(checked.warnings)
    st.warning(f"{count} warning{'s' if count != 1 else ''} to check before loading.")
    st.html(problem_table(checked.warnings, f"Warnings for {checked.file_name}"))
    return st.checkbox(confirm_label, key=key)


def made_in_the_demo(uploaded_by: Actor) -> bool:
    """An upload made with a demonstration account is part of the demonstration (someone trying the dashboard out):
    only a real account's upload, or the command line's, makes the database a real council's."""
    return uploaded_by.via == "demo account"


def check_plan(uploaded, catalogue: Catalogue, workstreams: dict[str, Workstream]) -> CheckedActionLog:
    """Check an uploaded action log. Writes nothing to the database, and opens it only once the file is read."""
    return upload_service.check_action_log_upload(uploaded.getvalue(), uploaded.name, catalogue, workstreams, _database)


def _database():
    return open_store(auth.settings().database)


def commit_plan(checked: CheckedActionLog, uploaded_by: Actor, reason: str | None) -> IngestOutcome:
    with open_store(auth.settings().database) as con:
        return commit_action_log(
            con, checked, uploaded_by, reason or None, confirm_warnings=True, is_demo=made_in_the_demo(uploaded_by)
        )


def check(uploaded, catalogue: Catalogue, progress=None) -> CheckedUpload:
    """Check an uploaded file against the catalogue and the database. Writes nothing to the database, and opens it
    only once the file is read."""
    return upload_service.check_return_upload(
        uploaded.getvalue(),
        uploaded.name,
        catalogue,
        _database,
        progress=progress,
        other_councils=auth.settings().other_councils,
    )


def commit(checked: CheckedUpload, uploaded_by: Actor, reason: str | None) -> IngestOutcome:
    with open_store(auth.settings().database) as con:
        return commit_upload(
            con, checked, uploaded_by, reason or None, confirm_warnings=True, is_demo=made_in_the_demo(uploaded_by)
        )


def check_annex(uploaded, catalogue: Catalogue) -> CheckedAnnexA:
    """Check an uploaded Annex A workbook and work out its figures; no row of any list outlives the check."""
    return upload_service.check_annex_a_upload(uploaded.getvalue(), uploaded.name, catalogue, _database)


def commit_annex(checked: CheckedAnnexA, uploaded_by: Actor, reason: str | None) -> IngestOutcome:
    with open_store(auth.settings().database) as con:
        return commit_annex_a(
            con, checked, uploaded_by, reason or None, confirm_warnings=True, is_demo=made_in_the_demo(uploaded_by)
        )


def prefilled_return(checked: CheckedAnnexA, catalogue: Catalogue) -> bytes:
    """The month's return pre-filled from a checked Annex A, written once per file in this session."""
    made = st.session_state.setdefault("prefilled_returns", {})
    if checked.sha256 not in made:
        made.clear()  # one at a time: a new file's return replaces the last
        council = f"{councils().label(checked.council)} Council" if checked.council else ""
        made[checked.sha256] = upload_service.prefilled_return_bytes(catalogue, checked.parsed, council=council)
    return made[checked.sha256]


@st.cache_data(show_spinner=False, max_entries=8)
def _history(db_path: str, version: tuple, council: str) -> pd.DataFrame:
    with open_store(db_path) as con:
        return submissions(con, council)


def history(council: str) -> pd.DataFrame:
    """Every submission of the council's figures; missing text (no reason, nobody who rolled it back) is None.
    Kept until the database changes (opening it takes ~20 ms, the query ~2)."""
    return _history(str(auth.settings().database), database_version(), council)


def roll_back(submission_id: int, user: Actor) -> None:
    with open_store(auth.settings().database) as con:
        rollback(con, submission_id, user)


def check_annual(collection: str, uploaded: list, catalogue: Catalogue, council: str, actor: Actor):
    """Check an annual return's uploaded files and work out its measures, in memory (loaders.annual_returns), then
    free the files (done_with): the result, measures and row counts and no row of any file, is held in this session
    instead (held_annual)."""
    files = {file.name: file.getvalue() for file in uploaded}
    with upload_service.LIMITS.checking(actor.name), _database() as con:
        checked = upload_service.check_annual_return(collection, files, catalogue, council, con=con)
    st.session_state.pop("annual_reason", None)  # a new check's revision gets its own reason
    st.session_state["annual_checked"] = checked
    done_with("annual", *uploaded)
    return checked


def held_annual(collection: str):
    """The annual return of this kind checked in this session and not yet kept or cleared, or None; when there is
    one, the note that its files are no longer held is drawn, with the button that clears it."""
    checked = st.session_state.get("annual_checked")
    if checked is None or checked.collection != collection:
        return None
    held_note(checked.file_names, "annual_checked", "annual_reason", until="kept")
    return checked


def rules_expander(codes: list[str], caption: str, warning: str = "Needs confirming") -> None:
    """The 'What the checks look for' box of an upload page: every rule the upload applies, its effect and meaning,
    from the one registry (loaders.rules)."""
    rows = []
    for code in codes:
        kind, meaning = upload_service.RULES[code]
        rows.append([escape(code), "Blocks the file" if kind == upload_service.ERROR else warning, escape(meaning)])
    with st.expander("What the checks look for"):
        st.html(STYLE + table(caption, ["Rule", "Effect", "Meaning"], rows, widths=[28, 16, 56]))


def commit_annual(checked, uploaded_by: Actor, reason: str | None) -> IngestOutcome:
    with open_store(auth.settings().database) as con:
        outcome = upload_service.commit_annual_return(
            con, checked, uploaded_by, reason or None, is_demo=made_in_the_demo(uploaded_by)
        )
    st.session_state.pop("annual_checked", None)
    return outcome
