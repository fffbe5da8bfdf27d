"""The action status chart: how many actions had each BRAG status in each snapshot, as stacked bars."""

from collections import Counter

import altair as alt
import pandas as pd

from domain.plan import ACTION_STATUSES, MEANINGS, Snapshot

STACK_ORDER = tuple(reversed(ACTION_STATUSES))  # Blue at the bottom, Red on top


def status_label(status) -> str:
    return f"{status.text}: {MEANINGS[status]}"


def counts_frame(history: list[tuple[Snapshot, Counter]]) -> pd.DataFrame:
    rows = [
        {"month": pd.Timestamp(snapshot.month), "Snapshot": f"{snapshot.as_at:%-d %B %Y}",
         "Status": status_label(status), "order": position, "Actions": counts[status]}
        for snapshot, counts in history
        for position, status in enumerate(STACK_ORDER)
    ]
    return pd.DataFrame(rows, columns=["month", "Snapshot", "Status", "order", "Actions"])


def status_chart(frame: pd.DataFrame) -> alt.Chart:
    labels = [status_label(s) for s in STACK_ORDER]
    colours = [s.value.background for s in STACK_ORDER]
    return (
        alt.Chart(frame)
        .mark_bar(stroke="#ffffff", strokeWidth=0.5)
        .encode(
            x=alt.X("yearmonth(month):T", title="Snapshot month", axis=alt.Axis(format="%b %Y", labelAngle=0,
                                                                             tickCount=8)),
            y=alt.Y("sum(Actions):Q", title="Actions"),
            color=alt.Color("Status:N", scale=alt.Scale(domain=labels, range=colours),
                            legend=alt.Legend(title="BRAG status", orient="bottom", labelLimit=260)),
            order=alt.Order("order:Q"),
            tooltip=["Snapshot:N", "Status:N", "Actions:Q"],
        )
        .properties(height=260)
    )
