"""The KPI trend's figures as a frame (for its CSV download) and the improvement events within its months, numbered
as the chart (ui.trend_svg) and the page list them."""

import pandas as pd

from domain.events import Event
from domain.trends import SPC_WORDS, Trend


def trend_frame(trend: Trend) -> pd.DataFrame:
    kpi = trend.kpi
    rows = []
    for point, target in zip(trend.points, trend.targets(), strict=True):
        rows.append(
            {
                "month": pd.Timestamp(point.month),
                "Month": point.month.strftime("%B %Y"),
                "value": point.value,
                "Figure": point.value_text(kpi),
                "Status": point.status.text,
                "SPC": SPC_WORDS.get(point.spc, "No figure"),
                "mean": point.mean,
                "upper": point.upper,
                "lower": point.lower,
                "target": target,
                "Commentary": point.commentary or "",
            }
        )
    return pd.DataFrame(rows)


def events_in_range(trend: Trend, events: list[Event]) -> list[tuple[int, Event]]:
    """The events within the chart's months, numbered from 1 as they are labelled on the chart."""
    return list(enumerate((e for e in events if trend.covers(e.date)), start=1))
