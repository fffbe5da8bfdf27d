"""The KPI trend's figures as a table frame, the events within its months, and the survey results chart. (The trend
chart itself is drawn as SVG by ui.trend_svg.)"""

import altair as alt
import pandas as pd

from domain.events import Event
from domain.trends import SPC_WORDS, Trend


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
