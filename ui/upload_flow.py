"""The one upload workflow both upload pages run: choose a file, check it (once per file), show what it is and its
problems, ask for a reason if it revises what is loaded, show what would change, confirm warnings, commit, and say
what was loaded with a link to see it. A page gives only what differs: its words, its preview and its services."""

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from accounts.roles import Actor
from loaders.upload_service import (
    ACCEPTED_TYPES,
    LIMITS,
    SAVE_AS_XLSX,
    IngestOutcome,
    ReturnRejected,
    UploadConflict,
    UploadRefused,
)
from ui import uploads
from ui.text import plain


@dataclass(frozen=True)
class Done:
    """What the page says after a commit: the message, and a link to where the new figures show."""

    message: str
    page: str
    label: str
    query_params: dict[str, str]


@dataclass(frozen=True)
class UploadFlow:
    key: str  # prefix of this flow's session keys
    file_label: str  # the upload box's label
    file_help: str  # said after SAVE_AS_XLSX
    check: Callable  # (uploaded file) -> checked upload; writes nothing
    commit: Callable[..., IngestOutcome]  # (checked, actor, reason) -> outcome
    describe: Callable[[object], str]  # (checked) -> markdown: the file, what it holds, what it would change
    revision: Callable[[object], str]  # (checked) -> the warning that it revises what is loaded
    already_loaded_rule: str  # the rule the revision's reason answers
    confirm_label: str
    preview: Callable[[object], None]  # (checked) draws what would change
    button_label: str
    done: Callable[[object, IngestOutcome], Done]
    # Child-level files (Annex A's lists) are freed from memory as soon as they are checked, and the page goes on
    # from the check's result (figures and counts, never a row): see ui.uploads.held_note.
    child_level: bool = False


def run(flow: UploadFlow, actor: Actor) -> None:
    """The whole workflow, from the upload box down; stops the page where the officer has something to do."""
    keys = _Keys(flow.key)
    if keys.done in st.session_state:
        done: Done = st.session_state.pop(keys.done)
        st.success(done.message)
        st.page_link(done.page, label=done.label, query_params=done.query_params)
    st.caption(f"The upload will be recorded as made by {plain(actor.description)}.")
    uploaded = st.file_uploader(
        flow.file_label, type=ACCEPTED_TYPES, key=keys.file, help=f"{SAVE_AS_XLSX} {flow.file_help}".strip()
    )
    if uploaded is not None and st.session_state.get(keys.checked_id) != uploaded.file_id:
        try:
            with LIMITS.checking(actor.name):  # per person and at once (loaders/upload_limits.py)
                checked = flow.check(uploaded)
        except UploadRefused as refused:
            st.error(str(refused), icon=":material/hourglass_top:")
            st.stop()
        for key in (keys.reason, keys.confirm):  # a new file's warnings are confirmed afresh, its reason given anew
            st.session_state.pop(key, None)
        st.session_state.update({keys.checked: checked, keys.checked_id: uploaded.file_id})
        if flow.child_level:
            uploads.done_with(flow.key, uploaded)  # no row of the file outlives its check
            st.rerun()
    if flow.child_level and uploaded is None and keys.checked in st.session_state:
        uploads.held_note((st.session_state[keys.checked].file_name,), *keys.of_the_check)
    elif uploaded is None:
        st.stop()
    checked = st.session_state[keys.checked]
    if checked.duplicate_of is not None:
        st.info(
            f"{plain(checked.file_name)} has been loaded already (submission {checked.duplicate_of}). Nothing to do."
        )
        st.stop()
    if checked.parsed is not None:
        st.markdown(flow.describe(checked))
    if checked.is_revision:
        st.warning(flow.revision(checked))
        checked.reason = st.text_area("Reason for the revision (required)", key=keys.reason).strip() or None
    errors = [p for p in checked.errors if not (p.rule == flow.already_loaded_rule and checked.is_revision)]
    confirmed = uploads.show_problems(checked, errors, flow.confirm_label, keys.confirm)
    st.subheader("What would change")
    flow.preview(checked)
    if not st.button(flow.button_label, type="primary", disabled=not (confirmed and not checked.errors)):
        return
    try:
        outcome = flow.commit(checked, actor, checked.reason)
    except (ReturnRejected, UploadConflict) as problem:
        st.error(str(problem))
        st.session_state.pop(keys.checked_id, None)  # checked again on the next run
        if flow.child_level:  # the file is not held to check again: its check goes
            st.session_state.pop(keys.checked, None)
        st.stop()
    st.session_state[keys.done] = flow.done(checked, outcome)
    for key in (*keys.of_the_check, keys.file):
        st.session_state.pop(key, None)
    uploads.done_with(flow.key, *([uploaded] if uploaded else []))  # a new, empty box; the file freed from memory
    st.rerun()


class _Keys:
    """The session keys of one flow (the upload box's from ui.uploads.box_key)."""

    def __init__(self, prefix: str):
        self.file, self.checked, self.checked_id = uploads.box_key(prefix), f"{prefix}_checked", f"{prefix}_checked_id"
        self.reason, self.confirm, self.done = f"{prefix}_revision_reason", f"{prefix}_confirm", f"{prefix}_done"
        self.of_the_check = (self.checked, self.checked_id, self.reason, self.confirm)  # what clearing a check clears
