"""Check an annual return: the SSDA903 return's CSV tables or the CIN census XML, read in memory, its year's measures
worked out by the written definitions and set beside the DfE's published figures and the dashboard's March figures.
Nothing is saved."""

from html import escape

import streamlit as st

from accounts.roles import Permission
from domain.annual_returns import RETURNS, compare_year
from domain.units import format_value
from loaders.upload_service import CIN_RULES, SSDA903_RULES
from ui import auth, uploads
from ui import context as app_context
from ui.html import STYLE, table

context = app_context.load()
auth.page_needs(context.actor, Permission.CHANGE_DATA)

st.title("Check an annual return")
st.markdown(
    "Upload the SSDA903 return (children looked after: its CSV tables, as sent to the DfE) or the children in need "
    "census (its XML file). The dashboard works out the DfE's measures for the year from it, by the definitions on "
    "the Definitions page, and sets each beside the figure the DfE published and the figure this dashboard shows "
    "for March, so a difference can be found and explained."
)
st.info(
    "**Nothing is saved.** The files are read in memory and dropped once the measures are worked out; no child's "
    "details are kept, here or anywhere.",
    icon=":material/shield:",
)
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
    else "The census XML file",
    type=["csv"] if collection == "ssda903" else ["xml"],
    accept_multiple_files=collection == "ssda903",
    key=f"annual_files_{collection}",
)
files = uploaded if isinstance(uploaded, list) else [uploaded] if uploaded else []
if not files:
    st.stop()
with st.spinner("Reading the return and working out the measures…"):
    checked = uploads.check_annual(collection, files, context.catalogue, context.council, context.actor)

names = ", ".join(checked.file_names)
if checked.errors:
    st.error(
        f"The measures cannot be worked out: {len(checked.errors)} problem{'s' if len(checked.errors) != 1 else ''} "
        "to fix in the return. Nothing was saved."
    )
    st.html(uploads.problem_table(checked.errors, f"Problems in {names}"))
    st.stop()
year = f"{checked.year_end:%-d %B %Y}"
rows_read = ", ".join(f"{count:,} rows of {name}" for name, count in checked.row_counts.items())
st.markdown(f"**{RETURNS[collection]}** for the year to **{year}**: {rows_read}.")
if checked.problems:
    st.html(uploads.problem_table(checked.problems, f"Noted in {names} (not blocking)"))

compared = compare_year(
    checked.figures, checked.year_end, context.catalogue, app_context.published(context).by_kpi, context.values
)


def shown(kpi, value) -> str:
    return escape(format_value(value, kpi.unit, kpi.decimals))


st.subheader("The measures beside the published and monthly figures")
st.html(
    STYLE
    + table(
        f"Measures for the year to {year}, from {names}",
        ["Measure", "From this return", "Published by the DfE", "Dashboard, March", "Compared"],
        [
            [
                escape(f"{row.kpi.code} {row.kpi.title}"),
                shown(row.kpi, row.from_return),
                shown(row.kpi, row.published),
                shown(row.kpi, row.monthly),
                escape(row.sentence()),
            ]
            for row in compared
        ],
        numeric={1, 2, 3},
        widths=[28, 13, 13, 13, 33],
    )
)
notes = [f"{s.kpi}: {s.reason}" for s in checked.skipped] + [f"{c.kpi}: {c.reason}" for c in checked.cannot]
if notes:
    st.markdown("**Not worked out from this return:** " + "; ".join(escape(n) for n in notes) + ".")
if checked.population_year:
    st.caption(f"Rates per 10,000 use the ONS estimate of children aged 0 to 17 in mid-{checked.population_year}.")
