"""The KPI trend chart (monthly values with SPC mean and limits, special-cause points, the target and events) and the
survey results chart."""

import altair as alt
import pandas as pd

from domain.benchmarks import PublishedYear
from domain.events import Event
from domain.trends import SPC_WORDS, Trend
from domain.units import UNITS, format_value

# Making Data Count's colours, each with its own shape so that colour is never needed to tell them apart.
SPC_STYLE = {
    "Common cause": ("#6f777b", "circle"),
    "Special cause: improvement": ("#1d70b8", "triangle-up"),
    "Special cause: concern": ("#d4351c", "square"),
    "Special cause": ("#4c2c92", "diamond"),
}


def trend_frame(trend: Trend) -> pd.DataFrame:
    kpi = trend.kpi
    rows = []
    for point in trend.points:
        rows.append({
            "month": pd.Timestamp(point.month),
            "Month": point.month.strftime("%B %Y"),
            "value": point.value,
            "Figure": point.value_text(kpi),
            "Status": point.status.text,
            "SPC": SPC_WORDS.get(point.spc, "No figure"),
            "mean": point.mean,
            "upper": point.upper,
            "lower": point.lower,
            "target": kpi.target if kpi.is_rated else None,
            "Commentary": point.commentary or "",
        })
    return pd.DataFrame(rows)


PUBLISHED_STYLE = {
    "Council (published)": ("#0b0c0c", "diamond"),
    "England": ("#b58840", "cross"),
    "Statistical neighbours' median": ("#00703c", "triangle-down"),
}


def published_frame(trend: Trend, published: list[PublishedYear]) -> pd.DataFrame:
    """The published annual figures that fall within the chart's months, one row per figure."""
    rows = []
    for year in published:
        if not trend.covers(year.reference_date):
            continue
        for series, value in (("Council (published)", year.council), ("England", year.england),
                              ("Statistical neighbours' median", year.neighbour_median)):
            if value is not None:
                rows.append({"date": pd.Timestamp(year.reference_date), "Published": series, "value": value,
                             "Date": year.reference_date.strftime("%d %B %Y"),
                             "Figure": format_value(value, trend.kpi.unit, trend.kpi.decimals)})
    return pd.DataFrame(rows)


def trend_chart(trend: Trend, events: list[Event], published: list[PublishedYear] | None = None) -> alt.LayerChart:
    kpi = trend.kpi
    frame = trend_frame(trend)
    axis_title = UNITS[kpi.unit].label.capitalize()  # the page's heading names the KPI
    base = alt.Chart(frame).encode(x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")))
    layers = [
        base.mark_line(color="#0b0c0c", strokeWidth=2).encode(y=alt.Y("value:Q", title=axis_title)),
        base.mark_line(color="#505a5f", strokeWidth=1.5).encode(y="mean:Q"),
        base.mark_line(color="#505a5f", strokeDash=[5, 4]).encode(y="upper:Q"),
        base.mark_line(color="#505a5f", strokeDash=[5, 4]).encode(y="lower:Q"),
    ]
    if kpi.is_rated:
        layers.append(base.mark_line(color="#00703c", strokeDash=[2, 2], strokeWidth=2).encode(y="target:Q"))
    shown = frame[frame["value"].notna()]
    layers.append(
        alt.Chart(shown).mark_point(filled=True, size=80, opacity=1).encode(
            x="month:T",
            y="value:Q",
            color=alt.Color("SPC:N", scale=alt.Scale(domain=list(SPC_STYLE), range=[c for c, _ in SPC_STYLE.values()]),
                            legend=alt.Legend(title="Points", orient="bottom", labelLimit=0)),
            shape=alt.Shape("SPC:N", scale=alt.Scale(domain=list(SPC_STYLE), range=[s for _, s in SPC_STYLE.values()]),
                            legend=None),
            tooltip=["Month", "Figure", "Status", "SPC", "Commentary"],
        )
    )
    annual = published_frame(trend, published or [])
    if not annual.empty:
        layers.append(alt.Chart(annual).mark_point(filled=False, size=110, strokeWidth=2.5, opacity=1).encode(
            x="date:T",
            y="value:Q",
            color=alt.Color("Published:N", scale=alt.Scale(domain=list(PUBLISHED_STYLE),
                                                           range=[c for c, _ in PUBLISHED_STYLE.values()]),
                            legend=alt.Legend(title="Published (annual)", orient="top", labelLimit=0)),
            shape=alt.Shape("Published:N", scale=alt.Scale(domain=list(PUBLISHED_STYLE),
                                                           range=[s for _, s in PUBLISHED_STYLE.values()]),
                            legend=None),
            tooltip=["Published", "Date", "Figure"],
        ))
    inside = events_in_range(trend, events)
    if inside:
        event_frame = pd.DataFrame({
            "date": [pd.Timestamp(e.date) for _, e in inside],
            "Number": [str(n) for n, _ in inside],
            "Event": [e.title for _, e in inside],
            "Date": [e.date.strftime("%d %B %Y") for _, e in inside],
            # alternate the numbers' heights so that events close together stay readable
            "row": [12 if n % 2 else 26 for n, _ in inside],
        })
        rules = alt.Chart(event_frame).encode(x="date:T", tooltip=["Number", "Date", "Event"])
        layers.append(rules.mark_rule(color="#b58840", strokeWidth=1.5))
        layers.append(rules.mark_text(fontSize=12, fontWeight="bold", color="#594d00", dx=7)
                      .encode(y=alt.Y("row:Q", scale=None), text="Number"))
    return alt.layer(*layers).resolve_scale(color="independent", shape="independent").properties(height=420)


def events_in_range(trend: Trend, events: list[Event]) -> list[tuple[int, Event]]:
    """The events within the chart's months, numbered from 1 as they are labelled on the chart."""
    return list(enumerate((e for e in events if trend.covers(e.date)), start=1))


def survey_chart(frame: pd.DataFrame) -> alt.Chart:
    """Survey results by month, one line per group asked (columns month, Who, score, Month, Score, Answered); the
    groups differ by dash as well as colour."""
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(filled=True, size=50)).encode(
        x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("score:Q", title="Said yes (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("Who:N", scale=alt.Scale(range=["#1d70b8", "#b58840"]), legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("Who:N", legend=None),
        tooltip=["Who", "Month", "Score", "Answered"],
    ).properties(height=300)
