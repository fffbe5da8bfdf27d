"""Voice of children and families: what children, parents and carers tell us, complaints and compliments, and
impact statements from care-experienced families."""

from html import escape

import streamlit as st

from domain.months import month_label
from domain.suppression import SUPPRESSED
from domain.units import format_value
from domain.voice import (
    complaints_in,
    complaints_sentence,
    survey_results,
    survey_sentence,
    surveys_in,
    twelve_months_to,
)
from ui import context as app_context
from ui import filters
from ui.html import STYLE, table
from ui.survey_chart import survey_svg
from ui.text import plain

context = app_context.load()
month = filters.selected_month(context)
selected = filters.selected_workstreams(context)
surveys = {code: survey_results(context.values, code) for code in surveys_in(context.catalogue)}
statements = app_context.statements(context)

st.title("Voice of children and families")
st.markdown(
    "What children, parents and carers tell the service, shown separately, with how many answered each "
    "month; complaints and compliments; and, in their own words, families who have used the service."
)

st.header("Feedback surveys")
drawn = {}
if not surveys:
    st.write("The KPI catalogue has no survey of children or of parents and carers.")
for code, who in surveys_in(context.catalogue).items():
    kpi = context.catalogue[code]
    results = [r for r in surveys[code] if month is None or r.month <= month]
    st.subheader(f"{who}: {kpi.title.lower()}")
    if not results:
        st.write("No survey results yet.")
        continue
    st.markdown(survey_sentence(kpi, who, results))
    drawn[who] = results
    rows = [
        [escape(month_label(r.month)), escape(format_value(r.score, kpi.unit, kpi.decimals)), str(r.answered)]
        for r in reversed(results)
    ]
    with st.expander(f"{who}: every month as a table"):
        st.html(
            STYLE
            + table(
                f"{who}: survey results, newest first",
                ["Month", "Said yes", "Answered"],
                rows,
                numeric={1, 2},
                widths=[40, 30, 30],
            )
        )
chart = survey_svg(
    drawn,
    max((context.catalogue[code].decimals for code in surveys), default=0),
    alt_text="Survey results by month for children and for parents and carers; the same figures are in "
    "the tables above.",
)
if chart:  # empty before the first survey result
    st.html(chart)

st.header("Complaints and compliments")
counts = complaints_in(context.catalogue)
months = [m for m in twelve_months_to(month) if m in context.values.months] if month else []


def count_text(code, m):
    if context.values.is_suppressed(code, m):
        return SUPPRESSED
    return format_value(context.values.value(code, m), "count", 0)


rows = [[escape(month_label(m))] + [escape(count_text(code, m)) for code in counts] for m in reversed(months)]
sentence = complaints_sentence(context.catalogue, context.values, month) if month else None
if not counts:
    st.write("The KPI catalogue has no count of complaints or compliments.")
elif months and sentence:
    st.markdown(plain(sentence))
    st.html(
        STYLE
        + table(
            "Complaints and compliments by month, newest first",
            ["Month", *counts.values()],
            rows,
            numeric=set(range(1, len(counts) + 1)),
        )
    )
else:
    st.write("No complaints or compliments figures yet.")


st.header("In their own words")
shown = [s for s in statements if (not selected or s.workstream in selected) and (month is None or s.month <= month)]
st.caption(
    "Impact statements from care-experienced families, given with consent and checked for identifying "
    "details before loading." + (" Showing the chosen workstreams." if selected else "")
)
if not shown:
    st.write("No impact statements yet.")
QUOTE_STYLE = """<style>
.statement { margin: 0 0 1rem 0; }
.statement blockquote { margin: 0; padding: 0.25rem 0 0.25rem 1rem; border-left: 4px solid #1d70b8; color: #0b0c0c;
  font-size: 1.05rem; }
.statement figcaption { color: #0b0c0c; margin-top: 0.25rem; }
</style>"""
figures = []
for statement in shown:
    workstream = context.workstreams.get(statement.workstream)
    caption = f"{month_label(statement.month)}, {workstream.label if workstream else statement.workstream}" + (
        "" if statement.is_public else " (not for the public view)"
    )
    figures.append(
        f'<figure class="statement"><blockquote>{escape(statement.quote)}</blockquote>'
        f"<figcaption>— {escape(caption)}</figcaption></figure>"
    )
if figures:
    st.html(QUOTE_STYLE + "".join(figures))
