"""Definitions: the BRAG rule and every KPI in the catalogue, as the catalogue file defines them."""

from html import escape

import streamlit as st

from config import clock
from domain.annual_returns import RETURNS as RETURN_TITLES
from domain.brag import RULE_TEXT, bands_text
from domain.months import day_label, first_of_month, month_label
from domain.story import DIRECTION_MEANING, DIRECTIONS, target_history_text
from domain.trends import BASELINE_MONTHS
from domain.units import UNITS
from loaders.upload_service import ANNEX_A_LIST_TITLES
from ui import context as app_context
from ui import filters
from ui.html import STYLE, heading, table

POLARITY_TEXT = {"up": "Higher", "down": "Lower", "neither": "Neither (context)"}
HEADERS = ["KPI", "Unit and direction", "Status bands", "How it is calculated", "Source and published comparison"]
WIDTHS = [28, 15, 19, 19, 19]

context = app_context.load()
today = first_of_month(clock.today())  # the bands shown are the target in force now
selected = filters.selected_workstreams(context)
child_level = app_context.child_level_definitions()  # read before the heading: a slip in typing a definitions
annual = app_context.annual_return_definitions()  # file stops the page here, with one heading

st.title("Definitions")
st.markdown(
    "Every figure on this dashboard is defined once, in the KPI catalogue (`data/kpis.toml`), and calculated the "
    "same way everywhere. Changing a target or tolerance there changes the statuses shown, with no code change."
)

st.header("How the traffic-light (BRAG) status is worked out")
st.markdown(
    "\n".join(f"- **{label}**: {text}" for label, text in RULE_TEXT)
    + "\n\nA KPI is judged on its figure as shown, rounded to its decimal places. Each status is shown as a word "
    "and a shape as well as a colour, so it can be read without seeing colour."
)

st.header("Direction of travel")
st.markdown(
    "The direction of travel says whether the month is a **significant** change, judged by statistical process "
    "control as NHS England's *Making Data Count* teaches it, not whether it is higher or lower than last month: a "
    "one-month change is usually noise. Each KPI's mean and process limits are worked out from a baseline, its first "
    f"{BASELINE_MONTHS} months with a figure, and extended forward, so the limits describe the process as it was "
    "before the changes being made. The changes since last month and since last year are shown beside it as "
    "numbers.\n\n" + "\n".join(f"- **{word}**: {DIRECTION_MEANING[word]}." for word in DIRECTIONS)
)


def in_the_plan(workstream) -> str:
    """A workstream's months in the plan, for the table: "Until June 2026", or "Throughout"."""
    words = workstream.period.words or "throughout"
    return words[0].upper() + words[1:]


st.header("Workstreams")
plan = [ws for code, ws in context.workstreams.items() if not selected or code in selected]
st.markdown(
    "The improvement plan's priority areas, as `data/workstreams.toml` lists them, each with its senior responsible "
    "officer. A workstream the refreshed plan has closed, or added part-way, is listed and counted only in its "
    "months in the plan."
)
st.html(
    STYLE
    + table(
        "Improvement plan workstreams",
        ["Workstream", "Senior responsible officer", "In the plan", "KPIs"],
        [
            [
                f'{escape(ws.label)}<span class="note">{escape(ws.description)}</span>',
                escape(ws.owner),
                escape(in_the_plan(ws)),
                str(sum(ws.code in kpi.workstreams for kpi in context.catalogue)),
            ]
            for ws in plan
        ],
        numeric={3},
        widths=[46, 24, 20, 10],
    )
)

st.header("KPIs")
updated = app_context.last_updated(context)


def breakable(name: str) -> str:
    """A published measure's name, escaped, which may break after an underscore (2_years_or_more_percent) rather
    than in the middle of a word on a narrow screen."""
    return escape(name).replace("_", "_<wbr>")


def last_update(code: str) -> str:
    """When the KPI last had a figure, and when that was loaded: what a reader of a definition asks next."""
    if code not in updated:
        return "Latest figure: none loaded yet"
    month, loaded = updated[code]
    return f"Latest figure: {month_label(month)}, loaded {day_label(loaded)}"


kpis = [k for k in context.catalogue if not selected or set(k.workstreams) & set(selected)]
st.write(f"{len(kpis)} of {len(context.catalogue)} KPIs" + (" in the chosen workstreams." if selected else "."))
for topic, title in context.catalogue.topics.items():
    in_topic = [k for k in kpis if k.topic == topic]
    if not in_topic:
        continue
    rows = []
    for kpi in in_topic:
        workstreams = ", ".join(context.workstreams[w].label_with_period for w in kpi.workstreams)
        calculation = (
            f"{escape(kpi.numerator)} ÷ {escape(kpi.denominator)}"
            + (f" × {UNITS[kpi.unit].scale:,.0f}" if UNITS[kpi.unit].scale != 1 else "")
            if kpi.is_ratio
            else "Reported directly"
        )
        rows.append(
            [
                f'<span class="code">{escape(kpi.code)}</span><strong>{escape(kpi.title)}</strong>'
                + (
                    f'<span class="note"><strong>{escape(kpi.reporting_period)}</strong></span>'
                    if kpi.reporting_period
                    else ""
                )
                + f'<span class="note">{escape(kpi.description)}</span>'
                f'<span class="note">Workstreams: {escape(workstreams)}</span>'
                + (
                    f'<span class="note">Tags: {escape(", ".join(t.capitalize() for t in kpi.tags))}</span>'
                    if kpi.tags
                    else ""
                ),
                f"{escape(UNITS[kpi.unit].label)}; better when: {POLARITY_TEXT[kpi.polarity].lower()}",
                escape((f"In force now ({today:%B %Y}): " if kpi.targets else "") + bands_text(kpi.at(today)))
                + (
                    f'<span class="note">Targets over the plan: {escape(target_history_text(kpi))}</span>'
                    if kpi.targets
                    else ""
                ),
                calculation,
                f"{escape(kpi.source)}"
                f'<span class="note">Compares with: {breakable(kpi.dfe_measure or "no published equivalent")}</span>'
                f'<span class="note">{escape(last_update(kpi.code))}</span>',
            ]
        )
    st.html(STYLE + heading(title) + table(f"{title}: KPI definitions", HEADERS, rows, widths=WIDTHS, line_up=True))

st.header("Figures worked out from the Annex A lists")
worked_out = [(kpi, child_level.get(kpi.code)) for kpi in kpis if child_level.get(kpi.code)]
st.markdown(
    "When the performance team uploads the month's Annex A (the child-level lists Ofsted asks for), these KPIs are "
    "worked out from the lists instead of being typed in, each by the query below (DuckDB SQL), written once in "
    "`data/child_level_kpis.toml`. The lists are read in memory and dropped: only the figures are kept. "
    f"{len(worked_out)} of the {len(kpis)} KPIs shown here can be worked out this way; the others are typed in the "
    "monthly return. Working days leave out weekends and England's bank holidays."
)


def definition_block(kpi, follows: str, reads: str, sql: str) -> str:
    """One KPI's written definition, opened by a click or Enter: what it follows, what it reads, its query."""
    return (
        f'<details class="definition"><summary><span class="code">{escape(kpi.code)}</span>'
        f"<strong>{escape(kpi.title)}</strong></summary>"
        f"<p><strong>Follows:</strong> {escape(follows)}</p>"
        f"<p><strong>Reads:</strong> {escape(reads)}</p>"
        f"<pre><code>{escape(sql.strip())}</code></pre></details>"
    )


blocks = [
    definition_block(
        kpi,
        definition.follows,
        ", ".join(f"List {n} ({ANNEX_A_LIST_TITLES.get(n, '')})" for n in definition.lists),
        definition.sql,
    )
    for kpi, definition in worked_out
]
if blocks:
    st.html(STYLE + "".join(blocks))

st.header("Measures worked out from the annual returns")
shown_codes = {kpi.code for kpi in kpis}
st.markdown(
    "Once a year the council sends the DfE its SSDA903 return (children looked after) and its children in need "
    "census. The dashboard can work out the DfE's published measures from them, by the queries below "
    "(`data/annual_return_kpis.toml`), to set beside the monthly figures and the published ones. As with Annex A, "
    "the files are read in memory and only the figures are kept."
)
for collection, title in RETURN_TITLES.items():
    mine = [d for d in annual.for_return(collection) if d.kpi in shown_codes]
    cannot = [c for c in annual.cannot if c.collection == collection and c.kpi in shown_codes]
    if not mine and not cannot:
        continue
    html = heading(title) + "".join(
        definition_block(context.catalogue[d.kpi], d.follows, ", ".join(f"the {t} table" for t in d.tables), d.sql)
        for d in mine
    )
    if cannot:
        html += (
            "<p><strong>Cannot be worked out from it:</strong> "
            + "; ".join(
                f"{escape(c.kpi)} {escape(context.catalogue[c.kpi].title)} ({escape(c.reason)})" for c in cannot
            )
            + ".</p>"
        )
    st.html(STYLE + html)
