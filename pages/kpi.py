"""KPI trend: one KPI's monthly figures with SPC limits, special causes, target and events, a summary and a table."""

from html import escape

import streamlit as st

from accounts.roles import Permission, can
from domain import spc
from domain.benchmarks import SOURCE_NOTE, neighbour_band
from domain.brag import Status, bands_text
from domain.months import day_label, month_label, short_day_label
from domain.rebasing import RebaseRefused
from domain.reconciliation import comparison_sentence
from domain.story import target_history_text
from domain.suppression import SUPPRESSED
from domain.trends import SPC_WORDS
from domain.units import UNITS, format_value
from ui import context as app_context
from ui import filters
from ui import rebasing as rebasing_views
from ui.charts import events_in_range, trend_frame
from ui.exports import safe_csv
from ui.html import STYLE, status_badge, table
from ui.text import plain
from ui.trend_svg import trend_svg

context = app_context.load()
selected = filters.selected_workstreams(context)
kpis = [k for k in context.catalogue if not selected or set(k.workstreams) & set(selected)]
labels = {f"{k.code} {k.title}": k for k in kpis}

events = app_context.events(context)  # read before the heading, as is every file a council may edit: a slip in
names = app_context.published(context)  # typing one stops the page here, under one heading
st.title("KPI trend")
if not labels:
    st.warning("No KPIs belong to the chosen workstreams.")
    st.stop()
label = st.selectbox(
    "KPI", list(labels), key="kpi", bind="query-params", help="Choose a KPI, or follow a KPI's link on the scorecard."
)
kpi = labels[label]
month = filters.month_or_stop(context)  # no figures at all yet: says so
shown = kpi.month_shown(month)  # a KPI the plan has dropped shows its figures to its last month
st.header(kpi.title)
if shown != month:
    st.info(plain(kpi.not_reported_sentence(month)))
    if shown is None:
        st.stop()
story = app_context.stories(context, shown)[kpi.code]
trend = story.trend
text = story.summary
st.markdown(plain(text))
if not trend.points:
    st.stop()
st.html(
    STYLE
    + '<p class="story-facts">'
    + status_badge(story.status)
    + f" <strong>Direction of travel:</strong> {escape(story.direction)}"
    + (f"; limits from {escape(story.limits_text)}" if story.limits_text else "")
    + "</p>"
)

compared = [r for r in app_context.reconciled(context) if r.kpi.code == kpi.code and r.month == story.month]
if compared:  # staff only: a figure both computed from the Annex A lists and typed in the return
    (st.info if compared[0].agrees else st.warning)(plain(comparison_sentence(compared[0])))

published = names.by_kpi.get(kpi.code, [])
full_figures = can(context.actor, Permission.SEE_FULL_FIGURES)
rebased = story.rebases if full_figures else tuple(r.for_the_public() for r in story.rebases)
chart = trend_svg(trend, events, published, alt_text=f"Chart of {kpi.title} by month. {text}", rebases=rebased)
if chart:  # empty for a trend without months (the page has stopped before then)
    st.html(chart)
st.caption(
    "Black line: the monthly figure (gaps are months with no figure). Solid grey: the mean. Dashed grey: the process "
    "limits; a point outside them, or a run of points, is a special cause. Dotted green: the target. Brown vertical "
    "lines: improvement events, numbered as listed below. Point shapes: circle common cause, triangle improvement, "
    "square concern, diamond a change where neither direction is better."
    + (
        f" The mean and limits are worked out from {story.limits_text} and extended forward."
        if story.limits_text
        else ""
    )
    + (" Dark dashed vertical lines: " + "; ".join(r.label for r in rebased) + "." if rebased else "")
)

numbered = events_in_range(trend, events)
if numbered:
    st.markdown(
        "**Events on the chart:** "
        + "; ".join(f"{n}. {plain(e.title)} ({short_day_label(e.date)})" for n, e in numbered)
        + ". See the Timeline for details."
    )

frame = trend_frame(trend)
origins = app_context.figure_origins(context, kpi.code)  # empty for the public


def origin_cell(month) -> str:
    """The file on one line, then the place in it and the submission, smaller (the CSV has Origin.text)."""
    origin = origins.get(month)
    if origin is None:
        return ""
    return (
        escape(origin.file_name)
        + (f'<span class="note">{escape(origin.place)}</span>' if origin.place else "")
        + f'<span class="note">Submission {origin.submission_id}, {escape(short_day_label(origin.uploaded_at))}</span>'
    )


with st.expander("View as a table", expanded=False):
    headings = ["Month", "Figure", "Status", "SPC", "Mean", "Lower limit", "Upper limit", "Commentary"]
    rows = [
        [
            escape(month_label(p.month)),
            escape(p.value_text(kpi)),
            status_badge(p.status),
            escape(SPC_WORDS.get(p.spc, "No figure")),
            escape(format_value(p.mean, kpi.unit, kpi.decimals) if p.mean is not None else "—"),
            escape(format_value(p.lower, kpi.unit, kpi.decimals) if p.lower is not None else "—"),
            escape(format_value(p.upper, kpi.unit, kpi.decimals) if p.upper is not None else "—"),
            escape(p.commentary or ""),
        ]
        + ([origin_cell(p.month)] if origins else [])
        for p in reversed(trend.points)
    ]
    st.html(
        STYLE
        + table(
            f"{kpi.code} {kpi.title} by month, newest first",
            headings + (["Where the figure comes from"] if origins else []),
            rows,
            numeric={1, 4, 5, 6},
            widths=[12, 8, 11, 13, 7, 7, 7, 13, 22] if origins else [12, 10, 12, 16, 9, 9, 9, 23],
        )
    )
frame["value"] = [SUPPRESSED if p.status is Status.SUPPRESSED else p.value for p in trend.points]
export = frame[["Month", "value", "Status", "SPC", "mean", "lower", "upper", "target", "Commentary"]].rename(
    columns={"value": kpi.title, "mean": "Mean", "lower": "Lower limit", "upper": "Upper limit", "target": "Target"}
)
if origins:
    export["Where the figure comes from"] = [origins[p.month].text if p.month in origins else "" for p in trend.points]
st.download_button(
    "Download this table (CSV)",
    safe_csv(export),
    file_name=f"{kpi.code}_by_month.csv",
    mime="text/csv",
    on_click="ignore",  # a download does not run the page again (ui/download_guard.py)
)

st.subheader("Process limits")
st.markdown(
    f"The mean and process limits are worked out from a baseline: {plain(story.limits_text or 'too few months yet')}"
    ", extended forward. They take a new baseline only when the performance team re-bases them after a sustained "
    "change, recording why."
)
recorded = rebasing_views.history(kpi, context.council) if full_figures else []
if recorded:
    st.html(
        STYLE
        + table(
            f"{kpi.code} re-basings of the limits, newest first",
            ["From", "Why", "Evidence", "Recorded by", "Status"],
            [
                [
                    escape(month_label(r.from_month)),
                    escape(r.reason),
                    escape(r.evidence),
                    escape(f"{r.decided_by}, {short_day_label(r.decided_at)}"),
                    escape("In force" if r.status == "active" else "Withdrawn"),
                ]
                for r in recorded
            ],
            widths=[13, 32, 27, 18, 10],
        )
    )
if can(context.actor, Permission.CHANGE_DATA) and len(trend.with_figures) > spc.MIN_POINTS:
    with st.expander("Re-base the limits (performance team)"):
        st.markdown(
            "Re-base only after a sustained change, such as one following an improvement event: from the month "
            f"chosen there must be at least {spc.RUN_LENGTH} months running on one side of the mean, or each higher "
            "(or each lower) than the one before. The evidence is worked out and recorded with your reason, and the "
            "re-basing is in the audit log."
        )
        choices = {month_label(p.month): p.month for p in reversed(trend.with_figures[spc.MIN_POINTS :])}
        with st.form("rebase_form", border=False):
            chosen = st.selectbox("Re-base from", list(choices), key="rebase_month")
            reason = st.text_input("Why (for the record)", key="rebase_reason", max_chars=300)
            submitted = st.form_submit_button("Re-base the limits from this month")
        if submitted:
            try:
                made = rebasing_views.record(
                    context.actor, kpi, context.values, choices[chosen], reason, context.council
                )
            except RebaseRefused as refused:
                st.error(f"Not re-based: {refused}")
            else:
                st.session_state["rebase_notice"] = f"Recorded: {made.label}."
                st.rerun()
        for r in (r for r in recorded if r.status == "active"):
            if st.button(f"Withdraw the re-basing from {month_label(r.from_month)}", key=f"withdraw_{r.rebase_id}"):
                try:
                    rebasing_views.withdraw(context.actor, r.rebase_id)
                except RebaseRefused as refused:  # withdrawn by someone else since this page was drawn
                    st.error(f"Not withdrawn: {refused}")
                else:
                    st.session_state["rebase_notice"] = f"Withdrawn: the re-basing from {month_label(r.from_month)}."
                    st.rerun()
if "rebase_notice" in st.session_state:
    st.success(plain(st.session_state.pop("rebase_notice")))

if published:
    st.subheader("Published comparisons")
    st.markdown(f"{SOURCE_NOTE} Compared with: {plain(kpi.dfe_measure or '')}.")

    def fmt(value):
        return format_value(value, kpi.unit, kpi.decimals) if value is not None else "Not published"

    rows = [
        [
            escape(day_label(year.reference_date)),
            escape(fmt(year.council)),
            escape(fmt(year.england)),
            escape(fmt(year.region)),
            escape(fmt(year.neighbour_median))
            + (
                f'<span class="note">quartiles {escape(fmt(year.neighbour_lower_quartile))} to '
                f"{escape(fmt(year.neighbour_upper_quartile))}; {year.neighbours_counted} of 10 published</span>"
                if year.neighbour_median is not None
                else ""
            ),
            escape(neighbour_band(kpi, year) or "—"),
        ]
        for year in reversed(published)
    ]
    st.html(
        STYLE
        + table(
            f"{kpi.title}: published annual figures, newest first",
            [
                "Reference date",
                names.council_label,
                "England",
                names.region_label,
                "Statistical neighbours (median)",
                "Among its neighbours",
            ],
            rows,
            numeric={1, 2, 3},
            widths=[14, 13, 11, 13, 22, 27],
        )
    )

st.subheader("Definition")
st.markdown(
    f"{escape(kpi.description)}\n\n"
    f"- **Unit:** {UNITS[kpi.unit].label}; **better when:** "
    f"{ {'up': 'higher', 'down': 'lower', 'neither': 'neither (a context measure)'}[kpi.polarity] }\n"
    f"- **Target:** {story.target_text} in {month_label(story.month)}. {bands_text(kpi.at(story.month))}.\n"
    + (f"- **Targets over the plan:** {target_history_text(kpi)}\n" if kpi.targets else "")
    + (f"- **Calculation:** {kpi.numerator} ÷ {kpi.denominator}\n" if kpi.is_ratio else "")
    + f"- **Source:** {kpi.source}\n"
    + f"- **Published comparison:** {kpi.dfe_measure or 'none'}\n"
    + f"- **Workstreams:** {', '.join(context.workstreams[w].label_with_period for w in kpi.workstreams)}"
)
