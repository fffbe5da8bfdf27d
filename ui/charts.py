"""The KPI trend chart: monthly values with SPC mean and limits, special-cause points, the target and events."""

import altair as alt
import pandas as pd

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
            "Figure": format_value(point.value, kpi.unit, kpi.decimals),
            "Status": point.status.text,
            "SPC": SPC_WORDS.get(point.spc, "No figure"),
            "mean": point.mean,
            "upper": point.upper,
            "lower": point.lower,
            "target": kpi.target if kpi.is_rated else None,
            "Commentary": point.commentary or "",
        })
    return pd.DataFrame(rows)


def trend_chart(trend: Trend, events: list[Event]) -> alt.LayerChart:
    kpi = trend.kpi
    frame = trend_frame(trend)
    axis_title = f"{kpi.title} ({UNITS[kpi.unit].label})"
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
    return alt.layer(*layers).properties(height=420)


def events_in_range(trend: Trend, events: list[Event]) -> list[tuple[int, Event]]:
    """The events within the chart's months, numbered from 1 as they are labelled on the chart."""
    if not trend.points:
        return []
    first, last = trend.points[0].month, trend.points[-1].month
    inside = [e for e in events if first <= e.date.replace(day=1) <= last]
    return list(enumerate(inside, start=1))
