"""Check an annual return: the SSDA903 return's CSV tables or the CIN census XML, read in memory, its year's measures
worked out by the written definitions and set beside the DfE's published figures and the dashboard's March figures;
then, if the performance team chooses, the measures kept (never the files)."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.annual_returns import RETURNS, compare_year
from domain.months import day_label
from loaders.upload_service import CIN_RULES, SSDA903_RULES, ReturnRejected, UploadConflict, UploadRefused
from ui import annual_views, auth, uploads
from ui import context as app_context

context = app_context.load()
auth.page_needs(context.actor, Permission.CHANGE_DATA)
definitions = app_context.annual_return_definitions(context.catalogue)  # before anything is uploaded: they must
# fit the catalogue
published = app_context.published(context).by_kpi  # before the heading, as is every file a council may edit

st.title("Check an annual return")
st.markdown(
    "Upload the SSDA903 return (children looked after: its CSV tables, as sent to the DfE) or the children in need "
    "census (its XML file). The dashboard works out the DfE's measures for the year from it, by the definitions on "
    "the Definitions page, and sets each beside the figure the DfE published and the figure this dashboard shows "
    "for March, so a difference can be found and explained."
)
st.info(
    "**No child's details are kept.** The files are read in memory and dropped once the measures are worked out. "
    "Nothing is saved unless you choose to keep the measures, and then only the measures and each table's row count.",
    icon=":material/shield:",
)
if "annual_done" in st.session_state:
    st.success(st.session_state.pop("annual_done"))
labels = {"ssda903": "SSDA903 (CSV tables)", "cin": "Children in need census (XML)"}
collection = st.radio("Which return", list(labels), format_func=labels.get, horizontal=True, key="annual_kind")
uploads.rules_expander(
    SSDA903_RULES if collection == "ssda903" else CIN_RULES,
    f"Every check made on the {RETURNS[collection]}",
    warning="Noted",
)
uploaded = st.file_uploader(
    "The return's CSV tables (Episodes, UASC, OC3; the others may come too)"
    if collection == "ssda903"
    else "The census XML file (zipped, as .zip or .gz, if it is over 20 MB)",
    type=["csv"] if collection == "ssda903" else ["xml", "zip", "gz"],
    accept_multiple_files=collection == "ssda903",
    key=f"{uploads.box_key('annual')}_{collection}",  # a new, empty box once the files are checked
)
files = uploaded if isinstance(uploaded, list) else [uploaded] if uploaded else []
# The SSDA903 tables may be added to the box in several goes, and are checked together when the officer says so; the
# census is one file, checked as soon as it is added. Either way the files are freed once checked.
if files:
    these = "this table" if len(files) == 1 else f"these {len(files)} tables"
    if collection == "ssda903" and not st.button(f"Check {these}", type="primary"):
        st.stop()
    try:
        with st.spinner("Reading the return and working out the measures…"):
            uploads.check_annual(collection, files, context.catalogue, context.council, context.actor)
    except UploadRefused as refused:  # too many checks at once (loaders/upload_limits.py): the files stay in the box
        st.error(str(refused), icon=":material/hourglass_top:")
        st.stop()
    st.rerun()  # the files are freed: draw the new, empty box, and go on from the check
checked = uploads.held_annual(collection)
if checked is None:
    st.stop()

names = ", ".join(checked.file_names)
if checked.errors:
    st.error(
        f"The measures cannot be worked out: {len(checked.errors)} problem{'s' if len(checked.errors) != 1 else ''} "
        "to fix in the return. Nothing was saved."
    )
    st.html(uploads.problem_table(checked.errors, f"Problems in {names}"))
    st.stop()
year = day_label(checked.year_end)
rows_read = ", ".join(f"{count:,} rows of {name}" for name, count in checked.row_counts.items())
st.markdown(f"**{RETURNS[collection]}** for the year to **{year}**: {rows_read}.")
if checked.problems:
    st.html(uploads.problem_table(checked.problems, f"Noted in {names} (not blocking)"))

compared = compare_year(
    checked.figures,
    checked.year_end,
    context.catalogue,
    published,
    context.values,
    definitions,
)

st.subheader("The measures beside the published and monthly figures")
st.html(annual_views.comparison_table(compared, f"Measures for the year to {year}, from {names}"))
notes = [f"{s.kpi}: {s.reason}" for s in checked.skipped] + [f"{c.kpi}: {c.reason}" for c in checked.cannot]
if notes:
    st.markdown("**Not worked out from this return:** " + "; ".join(escape(n) for n in notes) + ".")
if checked.population_year:
    st.caption(f"Rates per 10,000 use the ONS estimate of children aged 0 to 17 in mid-{checked.population_year}.")

st.subheader("Keep these measures")
if checked.duplicate_of is not None:
    st.info(f"These files are kept already (submission {checked.duplicate_of}). Nothing to do.")
    st.stop()
st.markdown(
    "Keeping them stores only the measures above, the files' fingerprint and the number of rows in each table, as a "
    "submission on History that can be rolled back. They are set beside the published and monthly figures there; "
    "they never replace a month's figure."
)
reason = None
if checked.loaded is not None:
    st.warning(
        f"Measures from the {RETURNS[collection]} for the year to {year} are kept already (submission "
        f"{checked.loaded}). Keeping these makes them a revision: the earlier ones are kept and come back if this is "
        "rolled back."
    )
    reason = st.text_area("Reason for the revision (required)", key="annual_reason").strip() or None
if st.button("Keep these measures", type="primary", disabled=checked.loaded is not None and not reason):
    try:
        outcome = uploads.commit_annual(checked, context.actor, reason)
    except (ReturnRejected, UploadConflict) as problem:
        st.session_state.pop("annual_checked", None)  # the files are not held to check again
        st.error(str(problem))
        st.stop()
    st.session_state["annual_done"] = (
        f"Kept {outcome.value_count + outcome.missing_count} measures from {names} as submission "
        f"{outcome.submission_id}{' (a revision)' if outcome.is_revision else ''}. The files themselves were not kept."
    )
    st.rerun()
